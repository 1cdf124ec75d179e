package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;

/** {@link Readiness}: the checks run at most once per TTL. */
final class ReadinessTest {

  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger runs = new AtomicInteger();
  private final Readiness readiness = new Readiness(
      () -> List.of(new Check("counted", () -> "run " + runs.incrementAndGet())),
      Duration.ofSeconds(10), clock::get);

  @Test
  void current_reusesTheResult_withinTheTtl() {
    Readiness.Result first = readiness.current();
    clock.addAndGet(Duration.ofSeconds(10).toNanos() - 1);

    assertSame(first, readiness.current());
    assertEquals(1, runs.get());
  }

  @Test
  void current_runsTheChecksAgain_afterTheTtl() {
    readiness.current();
    clock.addAndGet(Duration.ofSeconds(10).toNanos());

    Readiness.Result second = readiness.current();

    assertEquals(2, runs.get());
    assertEquals("run 2", second.results().get(0).detail());
  }

  @Test
  void reply_is503_namingTheFirstFailingStep() {
    Readiness failing = new Readiness(() -> List.of(new Check("a", () -> "fine"),
        new Check("b", () -> {
          throw new IllegalStateException("down");
        }), new Check("c", () -> {
          throw new IllegalStateException("also down");
        })), Duration.ofSeconds(1), clock::get);

    Reply reply = failing.current().reply();

    assertEquals(503, reply.status());
    assertEquals("{\"status\":\"not ready\",\"step\":\"b\",\"reason\":\"down\",\"checks\":["
        + "{\"step\":\"a\",\"ok\":true},{\"step\":\"b\",\"ok\":false},{\"step\":\"c\","
        + "\"ok\":false}]}", new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
  }
}
