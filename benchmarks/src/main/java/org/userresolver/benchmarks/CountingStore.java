package org.userresolver.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * A store that counts round trips to the store it wraps ({@code find}, {@code findAll},
 * {@code createOrUpdate}) and can add a fixed latency to each, as a remote store would.
 * Thread-safe when the wrapped store is.
 */
final class CountingStore implements UserStore {
  private final UserStore store;
  private final long latencyNanos;
  private final LongAdder finds = new LongAdder();
  private final LongAdder findAlls = new LongAdder();
  private final LongAdder writes = new LongAdder();

  /** Wraps a store without added latency. */
  CountingStore(UserStore store) {
    this(store, 0);
  }

  /** Wraps a store, sleeping {@code latencyMillis} before each round trip. */
  CountingStore(UserStore store, double latencyMillis) {
    this.store = store;
    this.latencyNanos = (long) (latencyMillis * 1_000_000);
  }

  @Override
  public Optional<User> find(String userId) {
    finds.increment();
    pause();
    return store.find(userId);
  }

  @Override
  public Map<String, User> findAll(Collection<String> userIds) {
    findAlls.increment();
    pause();
    return store.findAll(userIds);
  }

  @Override
  public WriteOutcome createOrUpdate(User user) {
    writes.increment();
    pause();
    return store.createOrUpdate(user);
  }

  @Override
  public void close() {
    store.close();
  }

  /** Returns the {@code find} calls so far. */
  long finds() {
    return finds.sum();
  }

  /** Returns the {@code findAll} calls so far. */
  long findAlls() {
    return findAlls.sum();
  }

  /** Returns the {@code createOrUpdate} calls so far. */
  long writes() {
    return writes.sum();
  }

  private void pause() {
    if (latencyNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(latencyNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
