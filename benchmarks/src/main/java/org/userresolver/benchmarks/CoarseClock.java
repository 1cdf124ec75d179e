package org.userresolver.benchmarks;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A Caffeine ticker that reads {@link System#nanoTime()} every 10 ms on a daemon thread, as the
 * chain's own cache clock does, so Caffeine caches built here pay for their policy, not for the
 * clock. Stop it with {@link #close()}.
 */
final class CoarseClock implements Ticker, AutoCloseable {
  private volatile long now = System.nanoTime();
  private final Thread updater;

  CoarseClock() {
    updater = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        now = System.nanoTime();
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "coarse-clock");
    updater.setDaemon(true);
    updater.start();
  }

  @Override
  public long read() {
    return now;
  }

  @Override
  public void close() {
    updater.interrupt();
  }
}
