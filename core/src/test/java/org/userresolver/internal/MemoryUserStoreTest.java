package org.userresolver.internal;

import org.userresolver.UserStore;
import org.userresolver.contract.UserStoreContract;

final class MemoryUserStoreTest extends UserStoreContract {

  @Override
  protected UserStore createStore() {
    return new MemoryUserStore();
  }
}
