package org.userresolver.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd and hostile ids ({@link BadIds}) through the Java API and every real identity provider,
 * under every store that runs as a server: stored as literal keys (ids reach Cypher as
 * parameters, Atlas as percent-encoded query values), the store's other users untouched.
 */
final class BadIdsIT {
  private static final List<ProviderFixture> PROVIDERS = Fixtures.providers();
  private static final List<StoreFixture> STORES = Fixtures.serverStores();
  private static final Map<String, TestChain> CHAINS = new HashMap<>();

  @BeforeAll
  static void start() {
    PROVIDERS.forEach(ProviderFixture::start);
    STORES.forEach(StoreFixture::start);
  }

  @AfterAll
  static void stop() {
    CHAINS.values().forEach(TestChain::close);
    PROVIDERS.forEach(ProviderFixture::close);
    STORES.forEach(StoreFixture::close);
  }

  @BeforeEach
  void reset() {
    PROVIDERS.forEach(ProviderFixture::reset);
    STORES.forEach(StoreFixture::reset);
  }

  /**
   * One chain per store and provider, for all the ids (each new to it): a chain's store reaches
   * whatever the store fixture holds now.
   */
  private static TestChain chain(StoreFixture store, ProviderFixture provider) {
    return CHAINS.computeIfAbsent(store.name() + "/" + provider.name(),
        // generous: these tests are about what is sent and stored, not how fast
        key -> new TestChain(provider, store, Map.of("USER_RESOLVER_TIMEOUT", "PT30S")));
  }

  static Stream<Arguments> literal() {
    return STORES.stream().flatMap(store -> PROVIDERS.stream().flatMap(provider ->
        BadIds.literal().stream().map(id -> Arguments.of(store, provider, id))));
  }

  @ParameterizedTest(name = "{0}, {1}: {2}")
  @MethodSource("literal")
  void oddId_reachesTheProviderExactlyAsGiven_andIsStoredAsALiteralKey(StoreFixture store,
      ProviderFixture provider, String id) throws Exception {
    BadIds.assertLiteral(chain(store, provider), provider, store, id);
  }
}
