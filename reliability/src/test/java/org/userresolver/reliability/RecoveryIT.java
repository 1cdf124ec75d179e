package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.userresolver.User;

/**
 * What happens after a fault: when the identity provider recovers, the full profile arrives
 * once the fallback has expired and is written exactly once; when the store is down, the
 * provider's answers are still returned, and written (once, no duplicates) when it is back.
 */
final class RecoveryIT {
  private static final List<ProviderFixture> PROVIDERS = Fixtures.providers();
  private static final List<StoreFixture> STORES = Fixtures.stores();
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration FALLBACK_TTL = Duration.ofSeconds(2);
  /** Time to answer past the deadline on a busy 2-core machine (see {@link FaultCheck}). */
  private static final long ANSWER_MARGIN_MILLIS = FaultCheck.ANSWER_MARGIN_MILLIS;
  private static final Map<String, String> CHAIN = Map.of(
      "USER_RESOLVER_TIMEOUT", TIMEOUT.toString(),
      "USER_RESOLVER_FALLBACK_TTL", FALLBACK_TTL.toString(),
      "USER_RESOLVER_RETRY_BACKOFF", "PT0.05S");

  @BeforeAll
  static void start() {
    PROVIDERS.forEach(ProviderFixture::start);
    STORES.forEach(StoreFixture::start);
  }

  @AfterAll
  static void stop() {
    PROVIDERS.forEach(ProviderFixture::close);
    STORES.forEach(StoreFixture::close);
  }

  @BeforeEach
  void reset() {
    PROVIDERS.forEach(ProviderFixture::reset);
    STORES.forEach(StoreFixture::reset);
  }

  static Stream<Arguments> providersAndStores() {
    return PROVIDERS.stream().flatMap(provider -> STORES.stream()
        .map(store -> Arguments.of(provider, store)));
  }

  static Stream<StoreFixture> stores() {
    return STORES.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("providersAndStores")
  void providerRecovers_theFullProfileArrivesAfterTheFallbackTtl_andIsWrittenOnce(
      ProviderFixture provider, StoreFixture store) {
    String id = "ada@example.com";
    provider.userExists(id, "Ada", "Lovelace");
    Runnable clear = ProviderFault.BURST_503.apply(provider, "", TIMEOUT.toMillis(), null);
    try (TestChain chain = new TestChain(provider, store, CHAIN)) {
      assertEquals(User.minimal(id), chain.resolver.resolve(id), "the fault: a fallback");
      clear.run();
      int asked = provider.idsSent().size();

      assertEquals(User.minimal(id), chain.resolver.resolve(id),
          "the fallback, cached for the fallback TTL");
      assertEquals(asked, provider.idsSent().size(), "the provider is not asked again yet");

      Poll.until(Duration.ofSeconds(20), "the full profile of " + id,
          () -> chain.resolver.resolve(id).firstName().equals("Ada"));
      for (int i = 0; i < 5; i++) {
        assertEquals("Lovelace", chain.resolver.resolve(id).lastName());
      }

      assertEquals(1, chain.store.writes(id), "written exactly once");
      assertEquals(1, store.stored(id), "stored once");
      assertEquals("Ada", store.peek(id).orElseThrow().firstName());
      assertEquals(Map.of("provider_error", 1L), Meters.fallbacks(chain.registry));
      assertEquals(1L, Meters.resolves(chain.registry).get("provider"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void storeOutage_providerAnswersAreReturned_andWrittenOnceWhenTheStoreIsBack(
      StoreFixture store) throws Exception {
    ProviderFixture provider = PROVIDERS.get(0);
    List<String> ids = List.of("u0@example.com", "u1@example.com", "u2@example.com",
        "u3@example.com");
    for (int i = 0; i < ids.size(); i++) {
      provider.userExists(ids.get(i), "First" + i, "Last" + i);
    }
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (TestChain chain = new TestChain(provider, store, CHAIN)) {
      store.down();
      for (Future<List<Long>> caller : everyIdFromEveryThread(callers, chain, ids)) {
        for (long millis : caller.get(60, TimeUnit.SECONDS)) {
          assertTrue(millis <= TIMEOUT.toMillis() + ANSWER_MARGIN_MILLIS,
              "answered in " + millis + " ms during the outage");
        }
      }
      assertEquals(ids.size(), Meters.writeFailures(chain.registry), "one failed write per id");
      assertEquals(0, chain.store.writes());
      store.up();
      for (String id : ids) {
        assertEquals(0, store.stored(id), id + " was not written during the outage");
      }

      Poll.until(Duration.ofSeconds(30), "every user written once the store is back",
          () -> ids.stream().allMatch(id -> {
            chain.resolver.resolve(id);
            return store.stored(id) > 0;
          }));
      for (Future<List<Long>> caller : everyIdFromEveryThread(callers, chain, ids)) {
        caller.get(60, TimeUnit.SECONDS);
      }

      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        assertEquals(1, chain.store.writes(id), id + " written exactly once");
        assertEquals(1, store.stored(id), id + " stored once, no duplicates");
        assertEquals("First" + i, store.peek(id).orElseThrow().firstName());
      }
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * Every thread resolves every id, each answer checked to be the provider's profile; returns,
   * per thread, how long each call took.
   */
  private static List<Future<List<Long>>> everyIdFromEveryThread(ExecutorService callers,
      TestChain chain, List<String> ids) {
    List<Future<List<Long>>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(callers.submit(() -> {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          long begin = System.nanoTime();
          User user = chain.resolver.resolve(ids.get(i));
          millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
          assertEquals("First" + i, user.firstName(), ids.get(i) + ": the provider's answer");
        }
        return millis;
      }));
    }
    return futures;
  }
}
