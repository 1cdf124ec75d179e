package org.userresolver.benchmarks;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
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
import org.userresolver.UserResolvers;

/**
 * Where the chain's cache-hit time goes, piece by piece: the id check alone, an async Caffeine
 * read with a size bound only and with the chain's time policy, and a replica of the chain's
 * hit path (read, completion and lifetime checks, hit counter) over each, normalising the id
 * first (the chain before commit f2fe4fd) or looking it up as given first (since). Run by
 * {@code run.sh full}. The replica follows {@code ResolutionChain.completedEntry}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class HitPathAnatomyBenchmark {
  private static final int USERS = HotPathBenchmark.USERS;

  /** What the chain caches per id: the answer, its load time and lifetime. */
  record Entry(User user, long loadedAt, long lifetime) {}

  private String[] ids;
  private CoarseClock clock;
  private Map<String, CompletableFuture<Entry>> sizeOnly;
  private Map<String, CompletableFuture<Entry>> withPolicy;
  private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();

  /** Fills both caches. */
  @Setup(Level.Trial)
  public void setUp() {
    ids = Profiles.ids(USERS);
    clock = new CoarseClock();
    long ttl = Settings.DEFAULT_CACHE_TTL.toNanos();
    AsyncLoadingCache<String, Entry> plain = Caffeine.newBuilder()
        .maximumSize(Settings.DEFAULT_CACHE_MAX_SIZE)
        .buildAsync(id -> new Entry(Profiles.profile(id), clock.read(), ttl));
    AsyncLoadingCache<String, Entry> policy = Caffeine.newBuilder()
        .maximumSize(Settings.DEFAULT_CACHE_MAX_SIZE)
        .expireAfterWrite(Settings.DEFAULT_CACHE_TTL)
        .refreshAfterWrite(Settings.DEFAULT_CACHE_REFRESH)
        .ticker(clock)
        .buildAsync(id -> new Entry(Profiles.profile(id), clock.read(), ttl));
    for (String id : ids) {
      plain.get(id).join();
      policy.get(id).join();
    }
    sizeOnly = plain.asMap();
    withPolicy = policy.asMap();
  }

  /** Stops the clock. */
  @TearDown(Level.Trial)
  public void tearDown() {
    clock.close();
  }

  /** The id check and normalisation alone. */
  @Benchmark
  public String normalizeId(HotPathBenchmark.Cursor cursor) {
    return UserResolvers.normalizeId(ids[cursor.next++ & (USERS - 1)], Settings.IdCase.LOWER);
  }

  /** An async cache read, size bound only. */
  @Benchmark
  public CompletableFuture<Entry> asyncSizeOnlyGet(HotPathBenchmark.Cursor cursor) {
    return sizeOnly.get(ids[cursor.next++ & (USERS - 1)]);
  }

  /** An async cache read with expire-after-write and refresh-after-write. */
  @Benchmark
  public CompletableFuture<Entry> asyncWithPolicyGet(HotPathBenchmark.Cursor cursor) {
    return withPolicy.get(ids[cursor.next++ & (USERS - 1)]);
  }

  /** The chain's hit path replicated over the cache with the time policy (as the chain is). */
  @Benchmark
  public User replicaWithPolicy(HotPathBenchmark.Cursor cursor) {
    String id = UserResolvers.normalizeId(ids[cursor.next++ & (USERS - 1)],
        Settings.IdCase.LOWER);
    return completed(withPolicy, id);
  }

  /** The same without the id check: a hit on the raw id proves it is already normalised. */
  @Benchmark
  public User replicaWithPolicyRawIdFirst(HotPathBenchmark.Cursor cursor) {
    return completed(withPolicy, ids[cursor.next++ & (USERS - 1)]);
  }

  /** Raw id first, without the hit counter (a contended-capable {@code LongAdder}). */
  @Benchmark
  public User replicaRawIdFirstUncounted(HotPathBenchmark.Cursor cursor) {
    return completed(withPolicy, ids[cursor.next++ & (USERS - 1)], false);
  }

  /**
   * The replica over a size-only cache: the lifetime check the chain already does on every
   * read, with expiry and refresh left to the chain instead of Caffeine.
   */
  @Benchmark
  public User replicaSizeOnly(HotPathBenchmark.Cursor cursor) {
    String id = UserResolvers.normalizeId(ids[cursor.next++ & (USERS - 1)],
        Settings.IdCase.LOWER);
    return completed(sizeOnly, id);
  }

  private User completed(Map<String, CompletableFuture<Entry>> entries, String key) {
    return completed(entries, key, true);
  }

  private User completed(Map<String, CompletableFuture<Entry>> entries, String key,
      boolean count) {
    CompletableFuture<Entry> future = entries.get(key);
    if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
      return null;
    }
    Entry entry = future.getNow(null);
    if (clock.read() - entry.loadedAt() >= entry.lifetime()) {
      return null;
    }
    if (count) {
      stats.recordHits(1);
    }
    return entry.user();
  }
}
