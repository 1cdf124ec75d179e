package org.userresolver.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cache's clock: {@link System#nanoTime()} read every {@value #RESOLUTION_MILLIS} ms by a
 * scheduler instead of on every cache read. Expiry and refresh times are seconds to hours, so
 * the coarse resolution costs nothing in precision and keeps the clock off the cache-hit path
 * (on virtual machines a {@code nanoTime} call can cost more than the cache lookup itself).
 */
final class CoarseTicker implements Ticker {
  static final long RESOLUTION_MILLIS = 10;

  private volatile long now = System.nanoTime();

  /**
   * Starts the clock; it stops when the scheduler shuts down.
   *
   * @param scheduler runs the updates
   */
  CoarseTicker(ScheduledExecutorService scheduler) {
    scheduler.scheduleAtFixedRate(() -> now = System.nanoTime(),
        RESOLUTION_MILLIS, RESOLUTION_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public long read() {
    return now;
  }
}
