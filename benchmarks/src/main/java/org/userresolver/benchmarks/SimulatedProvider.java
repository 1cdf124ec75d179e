package org.userresolver.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserResolver;

/**
 * An identity provider that answers every id with a full profile after a fixed latency (a
 * sleep, as a blocking HTTP call waits), and counts its calls. Thread-safe.
 */
final class SimulatedProvider implements UserResolver {
  private final long latencyNanos;
  private final LongAdder calls = new LongAdder();

  /** A provider that waits {@code latencyMillis} before each answer; 0 answers at once. */
  SimulatedProvider(double latencyMillis) {
    this.latencyNanos = (long) (latencyMillis * 1_000_000);
  }

  @Override
  public User resolve(String userId) {
    calls.increment();
    if (latencyNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(latencyNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ResolutionException.permanentFailure("interrupted while resolving " + userId);
      }
    }
    return Profiles.profile(userId);
  }

  /** Returns the number of calls so far. */
  long calls() {
    return calls.sum();
  }
}
