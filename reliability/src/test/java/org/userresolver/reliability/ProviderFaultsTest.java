package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault of every identity provider ({@link ProviderFault}), under the memory store: see
 * {@link FaultCheck} for what each case proves. A fault that cannot happen to a provider (a
 * token error to one that gets no tokens, a discovery error to one that reads no discovery
 * document) is skipped, saying why. The stores' own cases are in {@code StoreFaultsIT}.
 */
final class ProviderFaultsTest {
  private static final List<ProviderFixture> PROVIDERS = Fixtures.providers();
  private static final MemoryStoreFixture STORE = new MemoryStoreFixture();
  private static final WireMockServer OTHER_HOST =
      new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

  @BeforeAll
  static void start() {
    PROVIDERS.forEach(ProviderFixture::start);
    STORE.start();
    OTHER_HOST.start();
  }

  @AfterAll
  static void stop() {
    PROVIDERS.forEach(ProviderFixture::close);
    OTHER_HOST.stop();
  }

  @BeforeEach
  void reset() {
    PROVIDERS.forEach(ProviderFixture::reset);
    STORE.reset();
    OTHER_HOST.resetAll();
  }

  static Stream<Arguments> cases() {
    return PROVIDERS.stream().flatMap(provider -> Arrays.stream(ProviderFault.values())
        .map(fault -> Arguments.of(provider, fault)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void providerFault_isAnsweredByTheDeadline_withTheFallbackOrTheStub_writingNothing(
      ProviderFixture provider, ProviderFault fault) throws Exception {
    Optional<String> notApplicable = fault.notApplicableTo(provider);
    assumeTrue(notApplicable.isEmpty(), notApplicable::orElseThrow);
    FaultCheck.run(provider, STORE, fault, OTHER_HOST);
  }
}
