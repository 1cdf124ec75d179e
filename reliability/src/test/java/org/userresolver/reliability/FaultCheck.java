package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.userresolver.Resolution;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.testkit.TestLog;

/**
 * One provider fault under one store, checked for everything the library promises: two
 * lookups at once, one of a user the store does not hold and one of a user it holds as
 * Amundsen's owner stub (both known to the provider), each answered by the deadline plus a
 * margin, with the fallback and with the stored stub; the fallback counted once, under the
 * fault's reason; nothing written; no request started after the deadline; no secret in what
 * the chain said or logged.
 */
final class FaultCheck {
  /**
   * How much later than the deadline an answer may come: time for the answering thread to run
   * on a 2-core machine that other builds keep busy (load averages of 8 to 12 seen).
   */
  static final long ANSWER_MARGIN_MILLIS = 1_500;
  /**
   * How much later than the deadline WireMock may log a request that started before it:
   * WireMock logs a request once it has read it, on a thread of its own.
   */
  static final long CLOCK_MARGIN_MILLIS = 500;
  static final String NEW = "ada@example.com";
  static final String STUB = "grace@example.com";

  private FaultCheck() {}

  /** The chain's settings for fault checks: a deadline, quick retries. */
  static Map<String, String> chainSettings(Duration timeout) {
    return Map.of("USER_RESOLVER_TIMEOUT", timeout.toString(),
        "USER_RESOLVER_RETRY_BACKOFF", "PT0.05S",
        "USER_RESOLVER_RETRY_MAX_ATTEMPTS", "3");
  }

  /** An answer and how long it took. */
  private record Timed(User user, long millis) {}

  static void run(ProviderFixture provider, StoreFixture store, ProviderFault fault,
      WireMockServer otherHost) throws Exception {
    Duration timeout = fault.timeout();
    provider.userExists(NEW, "Ada", "Lovelace");
    provider.userExists(STUB, "Grace", "Hopper");
    store.putStub(STUB);
    Runnable clear = fault.apply(provider, provider.foundAnswer(NEW, "Ada", "Lovelace"),
        timeout.toMillis(), otherHost);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Resolution> told = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> settings = new HashMap<>(provider.settings());
    settings.putAll(store.settings());
    settings.putAll(chainSettings(timeout));
    RecordingStore recording = new RecordingStore(store.newStore());
    long mark = TestLog.mark();
    long start = System.currentTimeMillis();
    Timed fresh;
    Timed stubbed;
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (UserResolver chain = UserResolvers.builder().settings(Settings.of(settings))
        .store(recording).meterRegistry(registry).listener(told::add).build()) {
      Future<Timed> first = callers.submit(() -> timed(chain, NEW));
      Future<Timed> second = callers.submit(() -> timed(chain, STUB));
      fresh = first.get(60, TimeUnit.SECONDS);
      stubbed = second.get(60, TimeUnit.SECONDS);
    } finally {
      callers.shutdownNow();
      clear.run();
    }

    String where = provider.name() + " / " + store.name() + " / " + fault;
    assertEquals(User.minimal(NEW), fresh.user(), where + ": the fallback");
    assertEquals(STUB, stubbed.user().userId(), where);
    assertEquals("", stubbed.user().firstName(), where + ": the stored stub, as it is");
    long limit = timeout.toMillis() + ANSWER_MARGIN_MILLIS;
    assertTrue(fresh.millis() <= limit, where + ": answered in " + fresh.millis() + " ms");
    assertTrue(stubbed.millis() <= limit, where + ": answered in " + stubbed.millis() + " ms");

    assertEquals(Map.of(fault.reason(), 1L), Meters.fallbacks(registry), where);
    assertEquals(Map.of("fallback", 1L, "store", 1L), Meters.resolves(registry), where);

    assertEquals(0, recording.writes(), where + ": nothing written");
    assertEquals(0, store.stored(NEW), where + ": nothing stored");
    assertEquals(1, store.stored(STUB), where);
    assertEquals("", store.peek(STUB).orElseThrow().firstName(), where + ": the stub unchanged");

    long latest = start + timeout.toMillis() + CLOCK_MARGIN_MILLIS;
    List<LoggedRequest> requests = provider.server().getAllServeEvents().stream()
        .map(ServeEvent::getRequest).toList();
    if (fault != ProviderFault.REFUSED) {
      assertFalse(requests.isEmpty(), where + ": the provider was asked");
    }
    for (LoggedRequest request : requests) {
      assertTrue(request.getLoggedDate().getTime() <= latest, where + ": " + request.getMethod()
          + " " + Percent.rawPath(request.getUrl()) + " started "
          + (request.getLoggedDate().getTime() - start) + " ms after the lookups, past the "
          + "deadline");
    }
    assertEquals(List.of(), otherHost.getAllServeEvents(), where + ": no request elsewhere");

    for (Resolution resolution : told) {
      Secrets.assertAbsent(where + ": what the chain told", resolution.toString());
    }
    Secrets.assertAbsent(where + ": the log", TestLog.since(mark));
  }

  private static Timed timed(UserResolver chain, String id) {
    long begin = System.nanoTime();
    User user = chain.resolve(id);
    return new Timed(user, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
  }
}
