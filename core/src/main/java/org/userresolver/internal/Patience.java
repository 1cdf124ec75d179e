package org.userresolver.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.userresolver.ResolutionException;
import org.userresolver.UserSync;

/**
 * How a sync waits out transient failures: as long as the failure asked ({@code Retry-After},
 * Okta's rate-limit reset, the Okta provider's closed rate-limit gate), at least
 * {@link #MIN_WAIT}; else an exponential backoff from the first wait given, at most
 * {@link #MAX_BACKOFF}. Every wait counts against one budget for the whole sync; a wait that
 * would exceed it ends the sync instead ({@link SyncStopped}). Thread-safe.
 */
final class Patience {
  /** The shortest wait, so that a source answering "retry after 0" is not asked in a loop. */
  static final Duration MIN_WAIT = Duration.ofMillis(100);
  /** The longest backoff when the source did not say how long to wait. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** Sleeps; tests replace it. */
  @FunctionalInterface
  interface Sleeper {
    /** The JVM's own sleep. */
    Sleeper REAL = wait -> Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));

    void sleep(Duration wait) throws InterruptedException;
  }

  private final Duration budget;
  private final Sleeper sleeper;
  private final BiConsumer<Duration, String> counts;
  private final AtomicLong waited = new AtomicLong();

  /**
   * Creates the patience of one sync.
   *
   * @param budget the longest the sync waits, in all
   * @param sleeper sleeps
   * @param counts told of each wait and its reason
   */
  Patience(Duration budget, Sleeper sleeper, BiConsumer<Duration, String> counts) {
    this.budget = budget;
    this.sleeper = sleeper;
    this.counts = counts;
  }

  /** How long this sync has waited so far, in nanoseconds. */
  long waitedNanos() {
    return waited.get();
  }

  /**
   * Waits before attempt {@code attempt + 1} of what failed.
   *
   * @param failure the transient failure
   * @param attempt the attempt that failed, from 1
   * @param firstBackoff the wait after the first failure when the source did not say
   * @param what what was being done, for the reason and the message
   * @throws SyncStopped when the wait would exceed the budget
   * @throws InterruptedException when interrupted while waiting
   */
  void waitAfter(Throwable failure, int attempt, Duration firstBackoff, String what)
      throws InterruptedException {
    Duration asked = failure instanceof ResolutionException e ? e.retryAfter().orElse(null) : null;
    Duration wait = asked != null ? max(asked, MIN_WAIT) : backoff(firstBackoff, attempt);
    long after = waited.get() + wait.toNanos();
    if (after > budget.toNanos()) {
      throw new SyncStopped(what + " still failed after waiting "
          + Duration.ofNanos(waited.get()).toSeconds() + " s in all; the next wait ("
          + wait + ") would exceed " + UserSync.MAX_WAIT + " (" + budget + "): "
          + Fallbacks.describe(failure));
    }
    counts.accept(wait, what + ": " + Fallbacks.describe(failure));
    waited.addAndGet(wait.toNanos());
    sleeper.sleep(wait);
  }

  static Duration backoff(Duration first, int attempt) {
    Duration wait = first;
    for (int i = 1; i < attempt && wait.compareTo(MAX_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : max(wait, MIN_WAIT);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
