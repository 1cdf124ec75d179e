package org.userresolver.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.userresolver.Check;

/**
 * {@code /readyz}: the configuration checks {@code user-resolver check} runs (the provider's
 * discovery document, token and lookup, the store's connectivity), run at most once per
 * {@code ttl} so that probes do not hammer the identity provider. Callers that arrive while
 * the checks run wait for that run. Thread-safe.
 */
final class Readiness {
  private final Supplier<List<Check>> checks;
  private final long ttlNanos;
  private final LongSupplier clock;
  private Result last;
  private long checkedAt;

  /**
   * The outcome of one run of the checks.
   *
   * @param results each check's outcome, in order
   */
  record Result(List<Check.Result> results) {

    /** Returns the first check that failed. */
    Optional<Check.Result> failing() {
      return results.stream().filter(result -> !result.ok()).findFirst();
    }

    /** Returns the answer of {@code /readyz}: 200 when every check passed, else 503. */
    Reply reply() {
      Map<String, Object> body = new LinkedHashMap<>();
      Optional<Check.Result> failing = failing();
      body.put("status", failing.isEmpty() ? "ready" : "not ready");
      failing.ifPresent(failed -> {
        body.put("step", failed.name());
        body.put("reason", CheckCommand.oneLine(failed.detail()));
      });
      List<Map<String, Object>> steps = new ArrayList<>();
      results.forEach(result -> {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", result.name());
        step.put("ok", result.ok());
        steps.add(step);
      });
      body.put("checks", steps);
      return Reply.json(failing.isEmpty() ? 200 : 503, body);
    }
  }

  /**
   * Creates the readiness of a chain.
   *
   * @param checks supplies the checks to run
   * @param ttl how long a result is reused
   * @param clock the time in nanoseconds ({@link System#nanoTime} but in tests)
   */
  Readiness(Supplier<List<Check>> checks, Duration ttl, LongSupplier clock) {
    this.checks = checks;
    this.ttlNanos = ttl.toNanos();
    this.clock = clock;
  }

  /**
   * Returns the latest result, running the checks first when it is older than the TTL.
   *
   * @return the result
   */
  synchronized Result current() {
    if (last == null || clock.getAsLong() - checkedAt >= ttlNanos) {
      List<Check.Result> results = new ArrayList<>();
      for (Check check : checks.get()) {
        results.add(check.run());
      }
      last = new Result(List.copyOf(results));
      checkedAt = clock.getAsLong();
    }
    return last;
  }
}
