package org.userresolver.reliability;

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
 * under the memory store (the server stores: {@code BadIdsIT}).
 */
final class BadIdsTest {
  private static final List<ProviderFixture> PROVIDERS = Fixtures.providers();
  private static final MemoryStoreFixture STORE = new MemoryStoreFixture();

  @BeforeAll
  static void start() {
    PROVIDERS.forEach(ProviderFixture::start);
    STORE.start();
  }

  @AfterAll
  static void stop() {
    PROVIDERS.forEach(ProviderFixture::close);
  }

  @BeforeEach
  void reset() {
    PROVIDERS.forEach(ProviderFixture::reset);
    STORE.reset();
  }

  static Stream<Arguments> refused() {
    return PROVIDERS.stream().flatMap(provider -> BadIds.refused().stream()
        .map(refused -> Arguments.of(provider, refused)));
  }

  static Stream<Arguments> literal() {
    return PROVIDERS.stream().flatMap(provider -> BadIds.literal().stream()
        .map(id -> Arguments.of(provider, id)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refused")
  void refusedId_isAnIllegalArgument_namingTheProblem_andNothingIsSent(ProviderFixture provider,
      BadIds.Refused refused) {
    try (TestChain chain = new TestChain(provider, STORE, Map.of())) {
      BadIds.assertRefused(chain, provider, refused);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("literal")
  void oddId_reachesTheProviderExactlyAsGiven_andTheStoreAsItsOwnKey(ProviderFixture provider,
      String id) throws Exception {
    try (TestChain chain = new TestChain(provider, STORE, Map.of())) {
      BadIds.assertLiteral(chain, provider, STORE, id);
    }
  }
}
