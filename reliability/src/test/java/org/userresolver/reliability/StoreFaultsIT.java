package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider fault under every store that runs as a server, with the first provider (the
 * provider dimension is {@link ProviderFaultsTest}): see {@link FaultCheck} for what each case
 * proves; here "nothing written" is also read from the store itself.
 */
final class StoreFaultsIT {
  private static final ProviderFixture PROVIDER = Fixtures.providers().get(0);
  private static final List<StoreFixture> STORES = Fixtures.serverStores();
  private static final WireMockServer OTHER_HOST =
      new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

  @BeforeAll
  static void start() {
    PROVIDER.start();
    STORES.forEach(StoreFixture::start);
    OTHER_HOST.start();
  }

  @AfterAll
  static void stop() {
    PROVIDER.close();
    STORES.forEach(StoreFixture::close);
    OTHER_HOST.stop();
  }

  @BeforeEach
  void reset() {
    PROVIDER.reset();
    STORES.forEach(StoreFixture::reset);
    OTHER_HOST.resetAll();
  }

  static Stream<Arguments> cases() {
    return STORES.stream().flatMap(store -> Arrays.stream(ProviderFault.values())
        .filter(fault -> fault.appliesTo(PROVIDER))
        .map(fault -> Arguments.of(store, fault)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void providerFault_isAnsweredByTheDeadline_andLeavesTheStoreAsItWas(StoreFixture store,
      ProviderFault fault) throws Exception {
    FaultCheck.run(PROVIDER, store, fault, OTHER_HOST);
  }
}
