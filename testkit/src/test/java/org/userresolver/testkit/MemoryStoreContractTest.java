package org.userresolver.testkit;

import org.userresolver.UserStore;

/** The {@code memory} store passes the store contract. */
final class MemoryStoreContractTest extends UserStoreContract {

  @Override
  protected UserStore createStore() {
    return BuiltInPlugins.store("memory");
  }
}
