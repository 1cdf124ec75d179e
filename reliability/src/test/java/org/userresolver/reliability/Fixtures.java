package org.userresolver.reliability;

import java.util.List;

/**
 * Every identity provider and store the suite covers: each test parameterised over them runs
 * once per entry. Providers: Okta (an API token, and a service app's key as PEM text),
 * Keycloak, Google Workspace (a service-account key file; no discovery document, so the
 * discovery fault is skipped for it, saying why), each a WireMock fake of its API. Stores: the
 * in-memory store, Neo4j (in process) and Atlas (store-atlas's stateful stub), the server
 * stores behind a TCP proxy that takes them down. A provider or store that lands adds its
 * fixture here, and every test covers it.
 */
final class Fixtures {

  private Fixtures() {}

  /** A new fixture of each identity provider (and of each way Okta authenticates). */
  static List<ProviderFixture> providers() {
    return List.of(
        new OktaFixture(OktaFixture.Auth.API_TOKEN),
        new OktaFixture(OktaFixture.Auth.KEY_TEXT),
        new KeycloakFixture(),
        new GoogleFixture());
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
    return List.of(new Neo4jStoreFixture(), new AtlasStoreFixture());
  }
}
