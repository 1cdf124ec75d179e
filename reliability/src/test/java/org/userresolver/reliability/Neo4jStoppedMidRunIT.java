package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * A Neo4j server (its own in-process harness) stopped while four threads resolve: every call
 * still returns by the deadline plus a margin, with the user's own profile (from the cache or
 * the provider) or the fallback, never anything else; users first asked for after the stop
 * still get the provider's profile; every call is counted once.
 */
final class Neo4jStoppedMidRunIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final int KNOWN = 20;
  private static final int UNKNOWN = 10;

  private final ProviderFixture provider = Fixtures.providers().get(0);
  private SharedNeo4j neo4j;

  @BeforeEach
  void start() {
    provider.start();
    neo4j = SharedNeo4j.startOwn();
  }

  @AfterEach
  void stop() {
    provider.close();
    neo4j.close();
  }

  private static String id(int i) {
    return "user" + i + "@example.com";
  }

  /** One call: which id, what came back, how long it took, and whether after the stop. */
  private record Call(int user, User answer, long millis, boolean afterStop) {}

  @Test
  void neo4jStopped_everyCallStillAnswersInTime_withTheUsersProfileOrTheFallback()
      throws Exception {
    for (int i = 0; i < KNOWN; i++) {
      provider.userExists(id(i), "First" + i, "Last" + i);
    }
    Map<String, String> settings = new HashMap<>(provider.settings());
    settings.putAll(neo4j.settings(neo4j.boltPort()));
    settings.putAll(Map.of("USER_RESOLVER_TIMEOUT", TIMEOUT.toString(),
        "USER_RESOLVER_FALLBACK_TTL", "PT1S", "USER_RESOLVER_RETRY_BACKOFF", "PT0.05S"));
    Map<String, String> patient = new HashMap<>(settings);
    patient.put("USER_RESOLVER_TIMEOUT", "PT60S");
    try (UserResolver warmUp = UserResolvers.builder().settings(Settings.of(patient))
        .meterRegistry(new SimpleMeterRegistry()).build()) {
      // a cold server's first queries take seconds on a busy machine: not what is tested
      for (int i = 0; i < KNOWN / 2; i++) {
        assertEquals("First" + i, warmUp.resolve(id(i)).firstName(), "stored before the stop");
      }
    }
    assertEquals(KNOWN / 2, neo4j.count("MATCH (u:User) RETURN count(u)", Map.of()));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Call> calls = new ArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (UserResolver chain = UserResolvers.builder().settings(Settings.of(settings))
        .meterRegistry(registry).build()) {
      AtomicLong stoppedAt = new AtomicLong();
      AtomicLong made = new AtomicLong();
      Map<Integer, List<Call>> byThread = new ConcurrentHashMap<>();
      List<Future<?>> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        threads.add(callers.submit(() -> {
          List<Call> own = new ArrayList<>();
          byThread.put(thread, own);
          SplittableRandom random = new SplittableRandom(thread);
          int callsAfter = 0;
          while (stoppedAt.get() == 0 || (callsAfter++ < 300 && System.nanoTime()
              - stoppedAt.get() < TimeUnit.SECONDS.toNanos(5))) {
            boolean after = stoppedAt.get() != 0;
            // before the stop only the users stored or unknown; after it, everyone
            int user = after ? random.nextInt(KNOWN + UNKNOWN) : random.nextBoolean()
                ? random.nextInt(KNOWN / 2) : KNOWN + random.nextInt(UNKNOWN);
            long begin = System.nanoTime();
            User answer = chain.resolve(id(user));
            own.add(new Call(user, answer,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), after));
            made.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // a steady load, not a spin
          }
        }));
      }
      Poll.until(Duration.ofSeconds(30), "calls before the stop", () -> made.get() >= 100);
      neo4j.close();
      stoppedAt.set(System.nanoTime());
      for (Future<?> thread : threads) {
        thread.get(60, TimeUnit.SECONDS);
      }
      byThread.values().forEach(calls::addAll);

      long counted = Meters.resolves(registry).values().stream().mapToLong(Long::longValue)
          .sum();
      assertEquals(calls.size(), counted, "every call counted once");
    } finally {
      callers.shutdownNow();
    }

    int profilesAfter = 0;
    for (Call call : calls) {
      String where = id(call.user()) + (call.afterStop() ? " after" : " before") + " the stop";
      assertTrue(call.millis() <= TIMEOUT.toMillis() + FaultCheck.ANSWER_MARGIN_MILLIS,
          where + ": answered in " + call.millis() + " ms");
      User answer = call.answer();
      if (call.user() >= KNOWN || answer.firstName().isEmpty()) {
        assertEquals(User.minimal(id(call.user())), answer, where + ": the fallback");
      } else {
        assertEquals("First" + call.user(), answer.firstName(), where + ": the user's profile");
        assertEquals(id(call.user()), answer.userId(), where);
        if (call.afterStop() && call.user() >= KNOWN / 2) {
          profilesAfter++;
        }
      }
    }
    assertTrue(calls.stream().filter(Call::afterStop).count() >= 4, "calls after the stop");
    assertTrue(profilesAfter > 0, "users first asked for after the stop got the provider's "
        + "profile");
  }
}
