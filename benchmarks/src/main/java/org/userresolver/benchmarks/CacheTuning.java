package org.userresolver.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.UserStore;

/**
 * Replays a {@link Workload} trace: hit ratios of the chain's cache (Caffeine, W-TinyLFU)
 * against an LRU of the same size, and throughput of the cached chain against the uncached
 * Python hook over a real store.
 */
final class CacheTuning {

  /**
   * Hit ratios at one cache size, over the whole trace (compulsory misses included).
   *
   * @param size the cache size ({@code USER_RESOLVER_CACHE_MAX_SIZE})
   * @param chain the chain itself, its misses counted as provider calls
   * @param caffeine a Caffeine cache of the same size, maintained on the caller's thread
   * @param lru the LRU baseline
   */
  record HitRatios(long size, double chain, double caffeine, double lru) {}

  /**
   * Requests per second while replaying the trace from several threads.
   *
   * @param name what was measured
   * @param cacheSize the chain's cache size; 0 for the uncached hook
   * @param threads concurrent callers
   * @param requests lookups completed
   * @param requestsPerSecond lookups completed per second
   * @param hitRatio share of those lookups that did not reach the store
   */
  record Throughput(String name, long cacheSize, int threads, long requests,
      double requestsPerSecond, double hitRatio) {}

  private CacheTuning() {}

  /** The best any cache can do: every miss is the first request of a user. */
  static double unboundedHitRatio(int[] trace, int users) {
    return 1.0 - (double) Workload.distinct(trace, users) / trace.length;
  }

  /** Replays the trace against an access-order LRU. */
  static double lru(int[] trace, long size) {
    LruCache<Integer, Boolean> cache = new LruCache<>(size);
    long hits = 0;
    for (int user : trace) {
      if (cache.get(user) != null) {
        hits++;
      } else if (size > 0) {
        cache.put(user, Boolean.TRUE);
      }
    }
    return (double) hits / trace.length;
  }

  /** Replays the trace against Caffeine of that size, its maintenance run on this thread. */
  static double caffeine(int[] trace, long size) {
    Cache<Integer, Boolean> cache = Caffeine.newBuilder()
        .maximumSize(size)
        .executor(Runnable::run)
        .build();
    long hits = 0;
    for (int user : trace) {
      if (cache.getIfPresent(user) != null) {
        hits++;
      } else {
        cache.put(user, Boolean.TRUE);
      }
    }
    return (double) hits / trace.length;
  }

  /**
   * Replays the trace through a chain with {@code USER_RESOLVER_CACHE_MAX_SIZE=size}, no store
   * and an instant provider; every provider call is a cache miss.
   */
  static double chain(int[] trace, String[] ids, long size) {
    SimulatedProvider provider = new SimulatedProvider(0);
    try (UserResolver chain = UserResolvers.builder()
        .settings(Settings.of(Map.of(Settings.CACHE_MAX_SIZE, Long.toString(size))))
        .provider(provider)
        .withoutStore()
        .meterRegistry(new SimpleMeterRegistry())
        .build()) {
      for (int user : trace) {
        chain.resolve(ids[user]);
      }
    }
    return 1.0 - (double) provider.calls() / trace.length;
  }

  /** Builds a chain with this cache size over a store. */
  static UserResolver cachedChain(long size, UserStore store, SimulatedProvider provider) {
    return UserResolvers.builder()
        .settings(Settings.of(Map.of(Settings.CACHE_MAX_SIZE, Long.toString(size))))
        .provider(provider)
        .store(store)
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  /**
   * Brings a chain's cache to the state it has at {@code position} in the trace: the requests
   * before it in chunks of 1,000 through {@code resolveAll} (one store round trip per chunk).
   */
  static void warm(UserResolver chain, int[] trace, int position, String[] ids) {
    List<String> chunk = new ArrayList<>();
    for (int i = 0; i < position; i++) {
      chunk.add(ids[trace[i]]);
      if (chunk.size() == 1_000) {
        chain.resolveAll(chunk);
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      chain.resolveAll(chunk);
    }
  }

  /**
   * Replays the trace from {@code from} to its end, split into one contiguous slice per thread,
   * for at most {@code limit}, and returns the lookups completed per second. The store must
   * hold every user, so its lookups are the resolver's cache misses.
   */
  static Throughput throughput(String name, long cacheSize, UserResolver resolver,
      CountingStore store, int[] trace, int from, String[] ids, int threads, Duration limit)
      throws InterruptedException {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> callers = new ArrayList<>();
    int length = trace.length - from;
    for (int t = 0; t < threads; t++) {
      int start = from + (int) ((long) length * t / threads);
      int end = from + (int) ((long) length * (t + 1) / threads);
      Thread caller = new Thread(() -> {
        for (int position = start; position < end && !stop.get(); position++) {
          if (resolver.resolve(ids[trace[position]]) == null) {
            throw new IllegalStateException("null answer");
          }
          done.increment();
        }
      }, "replay-" + t);
      caller.setDaemon(true);
      callers.add(caller);
    }
    long findsBefore = store.finds();
    long began = System.nanoTime();
    long deadline = began + limit.toNanos();
    callers.forEach(Thread::start);
    for (Thread caller : callers) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(caller, left);
      }
    }
    long requests = done.sum();
    long finds = store.finds() - findsBefore;
    double seconds = (System.nanoTime() - began) / 1e9;
    stop.set(true);
    for (Thread caller : callers) {
      caller.join(30_000);
    }
    double hitRatio = requests == 0 ? 0 : Math.max(0, 1.0 - (double) finds / requests);
    return new Throughput(name, cacheSize, threads, requests, requests / seconds, hitRatio);
  }
}
