package org.userresolver.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.UserStore;

/**
 * The miss path with the memory store: a store hit through the chain (cache miss, store
 * lookup on the chain's worker pool, cache insert) against the same store called directly. The
 * chain's cache holds nothing ({@code USER_RESOLVER_CACHE_MAX_SIZE=0}) and the ids cycle over
 * more users than it could hold, so every call misses the cache. The difference is the chain's
 * overhead on a miss.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class MissPathBenchmark {
  static final int USERS = 1 << 16;

  private String[] ids;
  private UserStore store;
  private UserResolver chain;

  /** Per-thread position in the id array. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** Fills a memory store and builds an uncaching chain over it. */
  @Setup(Level.Trial)
  public void setUp() {
    ids = Profiles.ids(USERS);
    store = Profiles.memoryStoreWith(USERS);
    chain = uncachingChain(store, new SimulatedProvider(0));
  }

  /** Builds a chain over a store and a provider whose cache holds nothing. */
  static UserResolver uncachingChain(UserStore store, SimulatedProvider provider) {
    return UserResolvers.builder()
        .settings(Settings.of(Map.of(Settings.CACHE_MAX_SIZE, "0")))
        .provider(provider)
        .store(store)
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  /** Closes the chain and its store. */
  @TearDown(Level.Trial)
  public void tearDown() {
    chain.close();
  }

  /** A store hit through the chain. */
  @Benchmark
  public User chainStoreHit(Cursor cursor) {
    return chain.resolve(ids[cursor.next++ & (USERS - 1)]);
  }

  /** The same lookup on the store itself. */
  @Benchmark
  public User storeFind(Cursor cursor) {
    String id = ids[cursor.next++ & (USERS - 1)];
    return Profiles.required(store.find(id), id);
  }
}
