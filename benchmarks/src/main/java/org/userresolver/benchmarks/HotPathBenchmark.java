package org.userresolver.benchmarks;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

/**
 * The cache-hit path: {@code resolve} on ids the chain has cached, against a bare Caffeine
 * {@code getIfPresent} over the same keys (size bound only), and against an async Caffeine cache
 * with the chain's own policy (size bound, expire-after-write, refresh-after-write). DESIGN.md's
 * target: within 1.5x of bare Caffeine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HotPathBenchmark {
  private static final int USERS = 1024;

  private String[] ids;
  private UserResolver chain;
  private Cache<String, User> bare;
  private Map<String, CompletableFuture<User>> samePolicy;

  /** Per-thread position in the id array. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** Builds a chain over an in-memory provider and warms both caches with every id. */
  @Setup(Level.Trial)
  public void setUp() {
    ids = new String[USERS];
    for (int i = 0; i < USERS; i++) {
      ids[i] = "user" + i + "@example.com";
    }
    chain = UserResolvers.builder()
        .settings(Settings.of(Map.of()))
        .provider(id -> User.builder().email(id).firstName("First").lastName("Last").build())
        .meterRegistry(new SimpleMeterRegistry())
        .build();
    bare = Caffeine.newBuilder().maximumSize(10_000).build();
    AsyncLoadingCache<String, User> policy = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofHours(1))
        .refreshAfterWrite(Duration.ofMinutes(10))
        .buildAsync(chain::resolve);
    for (String id : ids) {
      bare.put(id, chain.resolve(id));
      policy.get(id).join();
    }
    samePolicy = policy.asMap();
  }

  /** Closes the chain. */
  @TearDown(Level.Trial)
  public void tearDown() {
    chain.close();
  }

  /** The chain's cache hit: normalisation, cache lookup, metrics. */
  @Benchmark
  public User chainResolve(Cursor cursor) {
    return chain.resolve(ids[cursor.next++ & (USERS - 1)]);
  }

  /** Caffeine with the chain's expiry and refresh policy, read as the chain reads it. */
  @Benchmark
  public User caffeineSamePolicy(Cursor cursor) {
    return samePolicy.get(ids[cursor.next++ & (USERS - 1)]).getNow(null);
  }

  /** The floor: a bare Caffeine lookup. */
  @Benchmark
  public User caffeineGetIfPresent(Cursor cursor) {
    return bare.getIfPresent(ids[cursor.next++ & (USERS - 1)]);
  }
}
