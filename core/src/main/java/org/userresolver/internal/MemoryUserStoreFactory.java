package org.userresolver.internal;

import org.userresolver.Settings;
import org.userresolver.UserStore;
import org.userresolver.spi.UserStoreFactory;

/** Creates the {@code memory} store. */
public final class MemoryUserStoreFactory implements UserStoreFactory {

  /** Called by {@link java.util.ServiceLoader}. */
  public MemoryUserStoreFactory() {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public UserStore create(Settings settings) {
    return new MemoryUserStore();
  }
}
