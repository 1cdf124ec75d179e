package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Resolution;
import org.userresolver.Resolution.Source;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;

final class ResolutionChainTest {
  private final ScriptedProvider provider = new ScriptedProvider();
  private final ScriptedStore store = new ScriptedStore();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeTicker ticker = new FakeTicker();
  private final List<Resolution> answers = new CopyOnWriteArrayList<>();
  private ResolutionChain chain;

  @AfterEach
  void close() {
    if (chain != null) {
      chain.close();
    }
  }

  private ResolutionChain chain(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of(
        Settings.RETRY_BACKOFF, "PT0.01S",
        Settings.TIMEOUT, "PT5S"));
    all.putAll(settings);
    chain = new ResolutionChain(new ResolutionChain.Config(provider, "scripted", store,
        "scripted", config(all), registry, answers::add));
    return chain;
  }

  private ResolutionChain chain() {
    return chain(Map.of());
  }

  private Source lastSource() {
    return answers.get(answers.size() - 1).source();
  }

  private String lastDetail() {
    return answers.get(answers.size() - 1).detail();
  }

  @Test
  void resolve_returnsStoreProfile_withoutAskingTheProvider() {
    User ada = User.builder().email("ada@example.com").firstName("Ada").lastName("L").build();
    store.users.createOrUpdate(ada);

    User user = chain().resolve("ada@example.com");

    assertEquals(ada, user);
    assertEquals(List.of(), provider.calls);
    assertEquals(Source.STORE, lastSource());
  }

  @Test
  void resolve_fetchesFromProvider_thenWritesToStoreOnce() {
    provider.knowing("new@example.com");
    ResolutionChain chain = chain();

    User first = chain.resolve("new@example.com");
    User second = chain.resolve("new@example.com");

    assertEquals(ScriptedProvider.profile("new@example.com"), first);
    assertEquals(first, second);
    assertEquals(List.of("new@example.com"), provider.calls);
    assertEquals(List.of(first), store.writes);
    assertEquals(Source.CACHE, lastSource());
    assertEquals("created in store scripted", answers.get(0).detail());
  }

  @Test
  void resolve_storesTheProfileUnderTheRequestedId() {
    provider.behaviour = id -> User.builder().userId("00u1okta").email("jdoe@acme.com")
        .firstName("J").lastName("Doe").build();

    User user = chain().resolve("JDoe@Acme.com ");

    assertEquals("jdoe@acme.com", user.userId());
    assertEquals("jdoe@acme.com", store.writes.get(0).userId());
  }

  @Test
  void resolve_returnsFallback_andNeverWritesIt_whenProviderDoesNotKnowTheUser() {
    User user = chain().resolve("ghost@example.com");

    assertEquals(User.minimal("ghost@example.com"), user);
    assertEquals("ghost@example.com", user.email());
    assertEquals("ghost@example.com", user.userId());
    assertEquals(List.of(), store.writes);
    assertEquals(Source.FALLBACK, lastSource());
    assertEquals("user ghost@example.com not found in the script", lastDetail());
    assertEquals(1.0, registry.get("userresolver.fallback").tag("reason", "not_found")
        .counter().count());
  }

  @Test
  void resolve_returnsFallbackWithinTheDeadline_whenProviderIsDown() {
    provider.behaviour = id -> {
      throw ResolutionException.transientFailure("HTTP 503 from the provider");
    };
    ResolutionChain chain = chain(Map.of(Settings.TIMEOUT, "PT0.5S",
        Settings.RETRY_MAX_ATTEMPTS, "1000", Settings.RETRY_BACKOFF, "PT0.05S"));

    long start = System.nanoTime();
    User user = chain.resolve("down@example.com");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(User.minimal("down@example.com"), user);
    assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    assertTrue(provider.calls.size() >= 2, "retried: " + provider.calls.size());
    assertEquals(Source.FALLBACK, lastSource());
    assertEquals(1.0, registry.get("userresolver.fallback").tag("reason", "timeout")
        .counter().count());
  }

  @Test
  void resolve_returnsFallbackAtTheDeadline_whenProviderHangs() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    provider.behaviour = id -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ScriptedProvider.profile(id);
    };
    ResolutionChain chain = chain(Map.of(Settings.TIMEOUT, "PT0.3S"));

    long start = System.nanoTime();
    User user = chain.resolve("slow@example.com");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    release.countDown();

    assertEquals(User.minimal("slow@example.com"), user);
    assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    assertEquals("no answer for slow@example.com within USER_RESOLVER_TIMEOUT (PT0.3S)",
        lastDetail());
  }

  @Test
  void resolve_retriesTransientFailures_thenSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    provider.behaviour = id -> {
      if (attempts.incrementAndGet() < 3) {
        throw ResolutionException.transientFailure("HTTP 503 Service Unavailable");
      }
      return ScriptedProvider.profile(id);
    };

    User user = chain().resolve("flaky@example.com");

    assertEquals(ScriptedProvider.profile("flaky@example.com"), user);
    assertEquals(3, provider.calls.size());
    assertEquals(2.0, registry.get("userresolver.retry").tag("target", "provider")
        .tag("kind", "retry").counter().count());
  }

  @Test
  void resolve_waitsForRetryAfter_on429() {
    AtomicInteger attempts = new AtomicInteger();
    provider.behaviour = id -> {
      if (attempts.incrementAndGet() == 1) {
        throw ResolutionException.transientFailure("HTTP 429 Too Many Requests",
            Duration.ofMillis(700));
      }
      return ScriptedProvider.profile(id);
    };

    User user = chain().resolve("busy@example.com");

    assertEquals(ScriptedProvider.profile("busy@example.com"), user);
    long gap = provider.callTimes.get(1) - provider.callTimes.get(0);
    assertTrue(gap >= Duration.ofMillis(700).toNanos(), "waited only " + gap + " ns");
  }

  @Test
  void resolve_givesUpAtOnce_whenRetryAfterEndsBeyondTheDeadline() {
    provider.behaviour = id -> {
      throw ResolutionException.transientFailure("HTTP 429 E0000047 API call exceeded rate limit",
          Duration.ofSeconds(60));
    };

    long start = System.nanoTime();
    User user = chain(Map.of(Settings.TIMEOUT, "PT5S")).resolve("limited@example.com");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(User.minimal("limited@example.com"), user);
    assertEquals(1, provider.calls.size());
    assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "waited for the deadline: " + took);
    assertEquals("provider scripted asked to wait PT1M before trying limited@example.com again, "
        + "beyond USER_RESOLVER_TIMEOUT (PT5S): HTTP 429 E0000047 API call exceeded rate limit",
        lastDetail());
  }

  @Test
  void resolve_doesNotRetryPermanentFailures() {
    provider.behaviour = id -> {
      throw ResolutionException.permanentFailure("HTTP 401 from Okta: E0000011 Invalid token");
    };

    User user = chain().resolve("denied@example.com");

    assertEquals(User.minimal("denied@example.com"), user);
    assertEquals(1, provider.calls.size());
    assertEquals("provider scripted failed for denied@example.com: "
        + "HTTP 401 from Okta: E0000011 Invalid token", lastDetail());
  }

  @Test
  void resolve_doesNotRetryNotFound() {
    chain().resolve("ghost@example.com");

    assertEquals(1, provider.calls.size());
  }

  @Test
  void resolve_givesUpAfterMaxAttempts() {
    provider.behaviour = id -> {
      throw ResolutionException.transientFailure("HTTP 500");
    };

    User user = chain(Map.of(Settings.RETRY_MAX_ATTEMPTS, "4")).resolve("x@example.com");

    assertEquals(User.minimal("x@example.com"), user);
    assertEquals(4, provider.calls.size());
    assertEquals("provider scripted failed for x@example.com: HTTP 500 (gave up after retries)",
        lastDetail());
  }

  @Test
  void resolve_sharesOneLoad_among64ConcurrentCallers() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    provider.behaviour = id -> {
      called.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ScriptedProvider.profile(id);
    };
    ResolutionChain chain = chain();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    AtomicInteger started = new AtomicInteger();
    List<Future<User>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> {
          started.incrementAndGet();
          return chain.resolve("cold@example.com");
        }));
      }
      assertTrue(called.await(30, TimeUnit.SECONDS));
      while (started.get() < 64) {
        Thread.onSpinWait();
      }
      release.countDown();
      for (Future<User> result : results) {
        assertEquals(ScriptedProvider.profile("cold@example.com"), result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      release.countDown();
      pool.shutdownNow();
    }

    assertEquals(1, provider.calls.size());
    assertEquals(1, store.writes.size());
    assertEquals(2, store.finds.get(), "one lookup and one read-back, for 64 callers");
  }

  @Test
  void fallback_expiresAfterFallbackTtl_thenTheUserIsFound() {
    ResolutionChain chain = chain(Map.of(Settings.FALLBACK_TTL, "PT30S"));
    assertEquals(User.minimal("late@example.com"), chain.resolve("late@example.com"));
    provider.knowing("late@example.com");

    ticker.advance(Duration.ofSeconds(29));
    assertEquals(User.minimal("late@example.com"), chain.resolve("late@example.com"));
    assertEquals(1, provider.calls.size());

    ticker.advance(Duration.ofSeconds(2));
    assertEquals(ScriptedProvider.profile("late@example.com"), chain.resolve("late@example.com"));
    assertEquals(2, provider.calls.size());
    assertEquals(Source.PROVIDER, lastSource());
  }

  @Test
  void profile_staysCachedForTheTtl() {
    provider.knowing("kept@example.com");
    ResolutionChain chain = chain(Map.of(Settings.CACHE_TTL, "PT1H",
        Settings.CACHE_REFRESH, "PT50M"));
    chain.resolve("kept@example.com");

    ticker.advance(Duration.ofMinutes(49));
    chain.resolve("kept@example.com");

    assertEquals(2, store.finds.get(), "the lookup and the read-back after the write, no more");
    assertEquals(Source.CACHE, lastSource());
  }

  @Test
  void resolve_returnsProfile_whenStoreWriteFails_andRetriesTheWriteSoon() {
    provider.knowing("w@example.com");
    store.failWrites = true;
    ResolutionChain chain = chain(Map.of(Settings.FALLBACK_TTL, "PT30S"));

    User user = chain.resolve("w@example.com");

    assertEquals(ScriptedProvider.profile("w@example.com"), user);
    assertEquals(Source.PROVIDER, lastSource());
    assertEquals("store write failed: store refuses writes", lastDetail());
    assertEquals(1.0, registry.get("userresolver.store.write.failures").counter().count());

    store.failWrites = false;
    ticker.advance(Duration.ofSeconds(31));
    chain.resolve("w@example.com");

    assertEquals(2, store.writes.size());
    assertEquals("created in store scripted", lastDetail());
  }

  @Test
  void resolve_asksTheProvider_whenTheStoreCannotBeRead() {
    provider.knowing("r@example.com");
    store.failReads = true;

    User user = chain().resolve("r@example.com");

    assertEquals(ScriptedProvider.profile("r@example.com"), user);
    assertEquals(Source.PROVIDER, lastSource());
  }

  @Test
  void resolve_returnsFallback_whenProviderProfileIsInvalid() {
    provider.behaviour = id -> User.builder().teamName("no name at all").build();

    User user = chain().resolve("bad@example.com");

    assertEquals(User.minimal("bad@example.com"), user);
    assertEquals(List.of(), store.writes);
    assertEquals("provider scripted returned an invalid profile for bad@example.com: "
        + User.NO_DISPLAY_NAME, lastDetail());
    assertEquals(1.0, registry.get("userresolver.fallback").tag("reason", "invalid_profile")
        .counter().count());
  }

  @Test
  void resolve_returnsFallback_whenProviderHasABug() {
    provider.behaviour = id -> {
      throw new IllegalStateException("provider bug");
    };

    User user = chain().resolve("bug@example.com");

    assertEquals(User.minimal("bug@example.com"), user);
    assertEquals("lookup of bug@example.com failed: provider bug", lastDetail());
  }

  @Test
  void resolve_withoutStore_neverTouchesAStore() {
    provider.knowing("n@example.com");
    chain = new ResolutionChain(new ResolutionChain.Config(provider, "scripted", null, null,
        config(Map.of()), registry, answers::add));

    assertEquals(ScriptedProvider.profile("n@example.com"), chain.resolve("n@example.com"));
    assertEquals(0, store.finds.get());
    assertEquals(Source.PROVIDER, lastSource());
  }

  @Test
  void resolveAll_readsTheStoreOnce_andAnswersEveryId() {
    for (int i = 0; i < 5; i++) {
      store.users.createOrUpdate(ScriptedProvider.profile("s" + i + "@example.com"));
    }
    provider.knowing("p@example.com");
    ResolutionChain chain = chain();
    chain.resolve("s0@example.com");
    int findsBefore = store.finds.get();

    Map<String, User> users = chain.resolveAll(List.of("S0@example.com", "s1@example.com",
        "s2@example.com", "s3@example.com", "s4@example.com", "p@example.com",
        "ghost@example.com"));

    assertEquals(List.of("S0@example.com", "s1@example.com", "s2@example.com", "s3@example.com",
        "s4@example.com", "p@example.com", "ghost@example.com"), List.copyOf(users.keySet()));
    assertEquals(ScriptedProvider.profile("s3@example.com"), users.get("s3@example.com"));
    assertEquals(ScriptedProvider.profile("p@example.com"), users.get("p@example.com"));
    assertEquals(User.minimal("ghost@example.com"), users.get("ghost@example.com"));
    assertEquals(1, store.findAlls.get());
    assertEquals(findsBefore + 1, store.finds.get(), "only p@example.com read back after its write");
    assertEquals(java.util.Set.of("p@example.com", "ghost@example.com"),
        java.util.Set.copyOf(provider.calls));
    assertEquals(2, provider.calls.size());
    assertEquals(List.of(ScriptedProvider.profile("p@example.com")), store.writes);
  }

  @Test
  void storedStub_isCompletedByTheProvider_writtenOverTheStub() {
    store.users.createOrUpdate(User.builder().userId("owner@example.com")
        .email("owner@example.com").teamName("Data Platform").build());
    provider.knowing("owner@example.com");

    User user = chain().resolve("owner@example.com");

    assertEquals("First Last", user.fullName());
    assertEquals("Data Platform", user.teamName(), "read back: the stub's field is kept");
    assertEquals(Source.PROVIDER, lastSource());
    assertEquals("updated in store scripted", lastDetail());
    assertEquals("First Last", store.users.find("owner@example.com").orElseThrow().fullName());
  }

  @Test
  void storedStub_isTheAnswer_whenTheProviderDoesNotKnowTheUser() {
    User stub = User.builder().userId("owner@example.com").email("owner@example.com").build();
    store.users.createOrUpdate(stub);

    assertEquals(stub, chain().resolve("owner@example.com"));
    assertEquals(Source.STORE, lastSource());
    assertEquals("a stub without a name; provider scripted does not know the user",
        lastDetail());
    assertEquals(0, store.writes.size());
    assertEquals(0.0, registry.get("userresolver.fallback").tag("reason", "not_found").counter()
        .count());
  }

  @Test
  void storedStub_isServedBriefly_whenTheProviderFails() {
    User stub = User.builder().userId("owner@example.com").email("owner@example.com").build();
    store.users.createOrUpdate(stub);
    provider.behaviour = id -> {
      throw ResolutionException.permanentFailure("HTTP 401");
    };
    ResolutionChain chain = chain(Map.of(Settings.FALLBACK_TTL, "PT30S"));

    assertEquals(stub, chain.resolve("owner@example.com"));
    provider.knowing("owner@example.com");
    ticker.advance(Duration.ofSeconds(31));

    assertEquals("First Last", chain.resolve("owner@example.com").fullName());
  }

  @Test
  void firstAnswer_isWhatTheStoreHolds_afterTheWrite() {
    provider.behaviour = id -> ScriptedProvider.profile(id).toBuilder()
        .managerEmail("boss@example.com").build();
    store.onFind = user -> user.toBuilder().managerFullname("The Boss").build();

    User first = chain().resolve("new@example.com");

    assertEquals("The Boss", first.managerFullname());
    assertEquals(first, store.find("new@example.com").orElseThrow());
  }

  @Test
  void resolveAsync_completesWithTheProfile() throws Exception {
    provider.knowing("a@example.com");

    CompletableFuture<User> future = chain().resolveAsync("a@example.com");

    assertEquals(ScriptedProvider.profile("a@example.com"), future.get(10, TimeUnit.SECONDS));
  }

  @Test
  void resolve_countsAnswersBySource() {
    provider.knowing("m@example.com");
    ResolutionChain chain = chain();

    chain.resolve("m@example.com");
    chain.resolve("m@example.com");
    chain.resolve("ghost@example.com");

    assertEquals(1, registry.get("userresolver.resolve").tag("source", "provider").timer().count());
    assertEquals(1, registry.get("userresolver.resolve").tag("source", "cache").functionTimer()
        .count());
    assertEquals(1, registry.get("userresolver.resolve").tag("source", "fallback").timer().count());
    assertEquals(1, registry.get("userresolver.provider.call").tag("outcome", "found").timer()
        .count());
    assertEquals(1, registry.get("userresolver.provider.call").tag("outcome", "not_found").timer()
        .count());
    assertEquals(2.0, registry.get("cache.gets").tag("cache", "userresolver")
        .tag("result", "miss").functionCounter().count());
  }

  @Test
  void resolve_rejectsBadIds_withClearMessages() {
    ResolutionChain chain = chain();

    assertEquals("user id must not be null",
        assertThrows(IllegalArgumentException.class, () -> chain.resolve(null)).getMessage());
    assertEquals("user id must not be blank",
        assertThrows(IllegalArgumentException.class, () -> chain.resolve(" \t ")).getMessage());
    assertEquals("user id is 321 characters long; at most 320 are allowed",
        assertThrows(IllegalArgumentException.class, () -> chain.resolve("a".repeat(321)))
            .getMessage());
    assertEquals("user id contains the control character U+0000 at index 3",
        assertThrows(IllegalArgumentException.class, () -> chain.resolve("abc\0@x.com"))
            .getMessage());
    assertEquals("user id contains the control character U+000A at index 1",
        assertThrows(IllegalArgumentException.class, () -> chain.resolveAll(List.of("ok", "a\nb")))
            .getMessage());
    assertEquals(List.of(), provider.calls);
  }

  @Test
  void cachedIds_areFound_whetherGivenNormalisedOrNot() {
    provider.knowing("ada@example.com");
    ResolutionChain chain = chain();
    User first = chain.resolve(" Ada@Example.com ");

    assertEquals(first, chain.resolve("ada@example.com"));
    assertEquals(first, chain.resolve("ADA@example.com"));
    assertEquals(List.of("ada@example.com"), provider.calls);
    assertEquals("user id must not be blank",
        assertThrows(IllegalArgumentException.class, () -> chain.resolve(" ")).getMessage());
  }

  @Test
  void ids_areLowerCased_unlessPreserved() {
    provider.behaviour = id -> ScriptedProvider.profile(id);

    chain().resolve("MiXeD@Example.COM");
    chain.close();
    chain(Map.of(Settings.ID_CASE, "preserve")).resolve("MiXeD@Example.COM");

    assertEquals(List.of("mixed@example.com", "MiXeD@Example.COM"), provider.calls);
  }

  @Test
  void close_closesProviderAndStore_andRejectsFurtherLookups() {
    ResolutionChain chain = chain();

    chain.close();
    chain.close();

    assertTrue(provider.closed);
    assertTrue(store.closed);
    assertEquals("this user resolver is closed",
        assertThrows(IllegalStateException.class, () -> chain.resolve("a@example.com"))
            .getMessage());
  }

  @Test
  void notFound_isCountedButNotRetried_andUserNotFoundStaysInternal() {
    provider.behaviour = id -> {
      throw new UserNotFoundException(id, "Okta");
    };

    User user = chain().resolve("who@example.com");

    assertEquals("who@example.com", user.displayName());
    assertEquals("user who@example.com not found in Okta", lastDetail());
  }

  @Test
  void refresh_servesTheCachedProfile_thenTheRefreshedOne() throws Exception {
    provider.knowing("r@example.com");
    ResolutionChain chain = chainWithoutStore();
    assertEquals("Engineer", chain.resolve("r@example.com").roleName());
    CountDownLatch refreshing = new CountDownLatch(1);
    provider.behaviour = id -> {
      try {
        refreshing.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ScriptedProvider.profile(id).toBuilder().roleName("Staff Engineer").build();
    };

    ticker.advance(Duration.ofMinutes(11));
    String served = chain.resolve("r@example.com").roleName();
    refreshing.countDown();
    awaitLoads(2);

    assertEquals("Engineer", served);
    assertEquals("Staff Engineer", chain.resolve("r@example.com").roleName());
    assertEquals(2, provider.calls.size());
  }

  @Test
  void refresh_keepsTheGoodProfile_whenTheProviderFails() {
    provider.knowing("k@example.com");
    ResolutionChain chain = chainWithoutStore();
    chain.resolve("k@example.com");
    provider.behaviour = id -> {
      throw ResolutionException.permanentFailure("HTTP 500 from the provider");
    };

    ticker.advance(Duration.ofMinutes(11));
    chain.resolve("k@example.com");
    awaitLoads(2);

    assertEquals(ScriptedProvider.profile("k@example.com"), chain.resolve("k@example.com"));
    assertEquals(2, provider.calls.size());
  }

  @Test
  void refresh_dropsTheProfile_whenTheUserIsGone() {
    provider.knowing("gone@example.com");
    ResolutionChain chain = chainWithoutStore();
    chain.resolve("gone@example.com");
    provider.knowing();

    ticker.advance(Duration.ofMinutes(11));
    chain.resolve("gone@example.com");
    awaitLoads(2);

    assertEquals(User.minimal("gone@example.com"), chain.resolve("gone@example.com"));
  }

  @Test
  void storeWrite_isRetried_onTransientFailure() {
    provider.knowing("t@example.com");
    store.transientWriteFailures.set(1);

    chain().resolve("t@example.com");

    assertEquals(2, store.writes.size());
    assertTrue(store.users.find("t@example.com").isPresent());
    assertEquals("created in store scripted", lastDetail());
    assertEquals(1.0, registry.get("userresolver.retry").tag("target", "store")
        .tag("kind", "retry").counter().count());
  }

  private ResolutionChain chainWithoutStore() {
    chain = new ResolutionChain(new ResolutionChain.Config(provider, "scripted", null, null,
        config(Map.of(Settings.CACHE_REFRESH, "PT10M")), registry, answers::add));
    return chain;
  }

  /** The chain's configuration from settings, on the test's clock. */
  private ChainConfig config(Map<String, String> settings) {
    ChainConfig.Overrides overrides = new ChainConfig.Overrides();
    overrides.ticker = ticker;
    return ChainConfig.read(Settings.of(settings), overrides);
  }

  /** Waits until the cache has completed this many loads and reloads (Caffeine counts both). */
  private void awaitLoads(long loads) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (registry.get("cache.load").tag("cache", "userresolver").tag("result", "success")
        .functionCounter().count() < loads) {
      assertTrue(System.nanoTime() < deadline, "the cache did not reload within 10 s");
      Thread.onSpinWait();
    }
  }
}
