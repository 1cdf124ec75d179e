package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserResolver;

/**
 * The bounded pool: a request beyond the workers and the queue is answered 503 with
 * {@code Retry-After} at once, and no request takes longer than the deadline, counted from its
 * arrival.
 */
final class ServeOverloadTest {

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private Served served;

  /** A provider that holds every lookup until released. */
  private UserResolver heldProvider() {
    return id -> {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return User.builder().email(id).fullName("Released").build();
    };
  }

  @AfterEach
  void stop() {
    release.countDown();
    served.close();
  }

  @Test
  void aRequestBeyondTheWorkersAndQueue_isAnswered503WithRetryAfter_atOnce() throws Exception {
    served = Served.of(heldProvider(), null, Served.config(1, 0, Duration.ofSeconds(20), null));
    CompletableFuture<Served.Response> first = served.getAsync("/user/held@example.com");
    assertTrue(entered.await(20, TimeUnit.SECONDS), "the first lookup never started");

    Served.Response second = served.get("/user/other@example.com");
    Served.Response health = served.get("/healthz");
    release.countDown();

    assertEquals(503, second.status());
    assertEquals("1", second.header("Retry-After"));
    assertEquals("{\"error\":\"overloaded: 1 requests are being answered and 0 are waiting; "
        + "retry after 1 s\"}", second.body());
    assertEquals(200, health.status(), "liveness must hold under overload");
    Served.Response answered = first.get(20, TimeUnit.SECONDS);
    assertEquals(200, answered.status());
    assertTrue(answered.body().contains("\"full_name\":\"Released\""), answered.body());
    // read from the registry: over HTTP, with its one worker maybe still finishing, /metrics
    // itself could be shed
    assertTrue(served.registry.scrape().contains(
        "userresolver_serve_requests_seconds_count{endpoint=\"user\",status=\"503\"} 1"));
  }

  @Test
  void aRequestThatWaitedInTheQueuePastItsDeadline_isAnswered503() throws Exception {
    Duration deadline = Duration.ofMillis(300);
    UserResolver slowCheck = new UserResolver() {
      @Override
      public User resolve(String userId) {
        return User.minimal(userId);
      }

      @Override
      public List<Check> checks() {
        return List.of(new Check("slow check", () -> {
          entered.countDown();
          Thread.sleep(deadline.toMillis() * 10); // a check is not bound by the deadline
          return "done";
        }));
      }
    };
    served = Served.of(slowCheck, null, Served.config(1, 1, deadline, null));
    CompletableFuture<Served.Response> probe = served.getAsync("/readyz");
    assertTrue(entered.await(20, TimeUnit.SECONDS), "the check never started");

    Served.Response queued = served.get("/user/queued@example.com");

    assertEquals(503, queued.status(), queued.body());
    assertEquals("1", queued.header("Retry-After"));
    assertEquals("{\"error\":\"overloaded: the request waited in the queue past its "
        + "deadline\"}", queued.body());
    assertEquals(200, probe.get(20, TimeUnit.SECONDS).status());
  }

  @Test
  void aLookupStillRunningAtTheDeadline_isAnsweredWithTheFallback() throws Exception {
    Duration deadline = Duration.ofMillis(500);
    served = Served.of(heldProvider(), null, Served.config(1, 0, deadline, null),
        Duration.ofSeconds(30));

    long start = System.nanoTime();
    Served.Response response = served.get("/user/Held@Example.com");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(200, response.status());
    assertEquals(UserJson.write(User.minimal("held@example.com")) + "\n", response.body());
    assertTrue(millis < 10_000, "answered after " + millis + " ms, not at the deadline");
  }
}
