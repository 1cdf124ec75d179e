package org.userresolver.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The chain's cache: finished answers in a synchronous Caffeine cache (size-bounded,
 * W-TinyLFU), each carrying its own times, so a hit is one map read, one clock read and one
 * comparison; lookups in flight in a map of futures beside it, so concurrent callers of one id
 * share one lookup (single flight) without holding a lock while it runs.
 *
 * <p>An answer is served as it is until its {@link Answer#freshUntil}; a full profile read after
 * that is still served while one background lookup refreshes it (a refresh that fails keeps the
 * profile, asked again only after the fallback TTL; one that finds the user gone replaces it
 * with the fallback); brief answers (fallbacks, unsaved profiles) are looked up again once
 * their short life ends; nothing is served past {@link Answer#expiresAt}, and a periodic sweep
 * drops expired answers nobody reads. Hits, misses and loads are recorded in the cache's
 * statistics, which Micrometer's Caffeine binder publishes. Thread-safe.
 */
final class AnswerCache {
  private final Cache<String, Answer> cache;
  private final ConcurrentMap<String, Answer> answers;
  private final ConcurrentMap<String, CompletableFuture<Answer>> flights =
      new ConcurrentHashMap<>();
  private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
  private final Ticker ticker;
  private final Lookup lookup;
  private final long refreshBackoff;

  /**
   * Creates the cache.
   *
   * @param maxSize the most answers held
   * @param ticker the cache clock the answers' times come from
   * @param lookup loads answers
   * @param refreshBackoff how long a profile whose refresh failed is served before the next try
   */
  AnswerCache(long maxSize, Ticker ticker, Lookup lookup, long refreshBackoff) {
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxSize)
        .recordStats(() -> stats)
        .build();
    this.answers = cache.asMap();
    this.ticker = ticker;
    this.lookup = lookup;
    this.refreshBackoff = refreshBackoff;
  }

  /**
   * Publishes the cache's statistics and size as {@code cache.*} meters, tagged
   * {@code cache=userresolver}: Micrometer's Caffeine binder, plus the load counters it adds
   * for loading caches only (lookups here load outside Caffeine).
   */
  void bindTo(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, cache, "userresolver");
    for (boolean success : new boolean[] {true, false}) {
      FunctionCounter.builder("cache.load", stats, counter -> success
              ? counter.snapshot().loadSuccessCount() : counter.snapshot().loadFailureCount())
          .tag("cache", "userresolver")
          .tag("result", success ? "success" : "failure")
          .description("Lookups below the cache, by whether they answered")
          .register(registry);
    }
  }

  /**
   * Returns the answer for a key when it can be served as it is, counted as a hit: the hot
   * path.
   *
   * @param key the id, normalised
   * @return the answer, or {@code null}
   */
  Answer fresh(String key) {
    Answer answer = answers.get(key);
    if (answer != null && ticker.read() < answer.freshUntil) {
      stats.recordHits(1);
      return answer;
    }
    return null;
  }

  /**
   * Returns a profile that is past its refresh time but not its expiry, counted as a hit, and
   * starts refreshing it in the background (once, however many callers read it meanwhile).
   *
   * @param key the id, normalised
   * @return the profile's answer, or {@code null} when there is none to serve
   */
  Answer stale(String key) {
    Answer answer = answers.get(key);
    if (answer == null || answer.brief || ticker.read() >= answer.expiresAt) {
      return null;
    }
    stats.recordHits(1);
    CompletableFuture<Answer> mine = new CompletableFuture<>();
    if (flights.putIfAbsent(key, mine) == null) {
      long start = System.nanoTime();
      lookup.load(key).whenComplete((fresh, error) -> finish(key, mine, fresh, start, answer));
    }
    return answer;
  }

  /**
   * Looks a key up, counted as a miss: joins the lookup in flight for it, or starts one.
   *
   * @param key the id, normalised
   * @return completes with the answer (never exceptionally, unless cancelled)
   */
  CompletableFuture<Answer> load(String key) {
    stats.recordMisses(1);
    CompletableFuture<Answer> flight = flights.get(key);
    if (flight != null) {
      return flight;
    }
    CompletableFuture<Answer> mine = new CompletableFuture<>();
    flight = flights.putIfAbsent(key, mine);
    if (flight != null) {
      return flight;
    }
    Answer finished = answers.get(key);
    if (finished != null && ticker.read() < finished.freshUntil) {
      // another caller's lookup finished between our miss and our flight
      flights.remove(key, mine);
      mine.complete(finished);
      return mine;
    }
    long start = System.nanoTime();
    lookup.load(key).whenComplete((answer, error) -> finish(key, mine, answer, start, null));
    return mine;
  }

  /**
   * Looks several keys up, each counted as a miss: joins the lookups in flight, and starts one
   * lookup for the rest together (one store round trip).
   *
   * @param keys the ids, normalised
   * @return each key's answer
   */
  Map<String, CompletableFuture<Answer>> loadAll(Collection<String> keys) {
    Map<String, CompletableFuture<Answer>> result = new LinkedHashMap<>();
    Map<String, CompletableFuture<Answer>> mine = new LinkedHashMap<>();
    for (String key : keys) {
      stats.recordMisses(1);
      CompletableFuture<Answer> own = new CompletableFuture<>();
      CompletableFuture<Answer> flight = flights.putIfAbsent(key, own);
      if (flight == null) {
        mine.put(key, own);
        flight = own;
      }
      result.put(key, flight);
    }
    if (!mine.isEmpty()) {
      long start = System.nanoTime();
      lookup.loadAll(mine.keySet()).whenComplete((loaded, error) -> mine.forEach((key, flight) ->
          finish(key, flight, loaded == null ? null : loaded.get(key), start, null)));
    }
    return result;
  }

  /** Drops answers past their expiry; run periodically. */
  void sweep() {
    long now = ticker.read();
    answers.values().removeIf(answer -> now >= answer.expiresAt);
  }

  /** The number of hits so far. */
  long hitCount() {
    return stats.snapshot().hitCount();
  }

  /**
   * Ends a flight: caches its answer (or, for a refresh that failed, the kept profile), then
   * lets the callers waiting for it go.
   */
  private void finish(String key, CompletableFuture<Answer> flight, Answer answer, long start,
      Answer refreshed) {
    if (answer == null) {
      // the lookup always answers; only a lost key in a batch gets here
      flights.remove(key, flight);
      flight.completeExceptionally(new IllegalStateException("no answer for " + key));
      return;
    }
    Answer kept = answer;
    if (refreshed != null && answer.isFallback() && answer.reason != FallbackReason.NOT_FOUND
        && !refreshed.isFallback()) {
      kept = refreshed.keptAfterFailedRefresh(ticker.read(), refreshBackoff);
    }
    answers.put(key, kept);
    // counted once the answer is served, so a load counted is a load visible
    stats.recordLoadSuccess(System.nanoTime() - start);
    flights.remove(key, flight);
    flight.complete(kept);
  }
}
