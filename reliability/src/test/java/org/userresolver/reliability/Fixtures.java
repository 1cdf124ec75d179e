package org.userresolver.reliability;

import java.util.List;

/**
 * Every identity provider and store the suite covers: each test parameterised over them runs
 * once per entry. A provider or store that lands adds its fixture here (Google: a WireMock
 * Directory API and a service-account key file; Atlas: a stateful Atlas v2 stub), and every
 * test covers it.
 */
final class Fixtures {

  private Fixtures() {}

  /** A new fixture of each identity provider (and of each way Okta authenticates). */
  static List<ProviderFixture> providers() {
    return List.of(
        new OktaFixture(OktaFixture.Auth.API_TOKEN),
        new OktaFixture(OktaFixture.Auth.KEY_TEXT),
        new KeycloakFixture());
  }

  /** A new fixture of each store. */
  static List<StoreFixture> stores() {
    List<StoreFixture> stores = new java.util.ArrayList<>();
    stores.add(new MemoryStoreFixture());
    stores.addAll(serverStores());
    return stores;
  }

  /** A new fixture of each store that runs as a server (tests of these are {@code *IT}). */
  static List<StoreFixture> serverStores() {
    return List.of(new Neo4jStoreFixture());
  }
}
