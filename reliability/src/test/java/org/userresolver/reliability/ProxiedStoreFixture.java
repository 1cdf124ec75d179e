package org.userresolver.reliability;

import java.util.List;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * A store that runs as a server, reached through a {@link TcpProxy} that takes it down
 * ({@link #down()}) and brings it back ({@link #up()}). Stores are made by the store's own
 * factory from {@link #settings()}, as the chain makes them.
 */
abstract class ProxiedStoreFixture implements StoreFixture {
  /** Between the stores and the server; set by {@link #proxyTo}. */
  protected TcpProxy proxy;

  /**
   * Puts the proxy in front of the server's port, empties the store, and writes and reads a
   * user through a store {@code rounds} times, so that the tests' deadlines measure the
   * library, not a cold JVM's first connection, class loading and query planning.
   *
   * @param port the server's port on the loopback interface
   * @param rounds how many users to write and read before the tests
   */
  protected final void proxyTo(int port, int rounds) {
    proxy = new TcpProxy(port);
    reset();
    try (UserStore store = newStore()) {
      for (int i = 0; i < rounds; i++) {
        String id = "warm-up-" + i + "@example.com";
        store.createOrUpdate(User.builder().userId(id).email(id).firstName("Warm")
            .lastName("Up").build());
        store.find(id).orElseThrow();
        store.findAll(List.of(id, "nobody@example.com"));
      }
    }
    reset();
  }

  /** Empties the server's store, bypassing the proxy. */
  protected abstract void empty();

  @Override
  public final void reset() {
    proxy.restore();
    empty();
  }

  @Override
  public final UserStore newStore() {
    return Plugins.store(Settings.of(settings()));
  }

  @Override
  public final void down() {
    proxy.cut();
  }

  @Override
  public final void up() {
    proxy.restore();
  }

  @Override
  public void close() {
    proxy.close();
  }

  @Override
  public String toString() {
    return name();
  }
}
