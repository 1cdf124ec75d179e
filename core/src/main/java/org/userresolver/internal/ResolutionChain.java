package org.userresolver.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Check;
import org.userresolver.Resolution;
import org.userresolver.Resolution.Source;
import org.userresolver.ResolutionListener;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;

/**
 * The resolution chain: the id rules ({@link UserIds}), the cache with single flight and
 * background refresh ({@link AnswerCache}), the lookup below it (store, identity provider under
 * a retry policy and the deadline, store write: {@link Lookup}, {@link CallRunner}), and the
 * fallback ({@link Fallbacks}); this class ties them together, counts every answer once and
 * tells the listener. Thread-safe; never throws for a lookup.
 */
public final class ResolutionChain implements UserResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ResolutionChain.class);
  /** How often answers past their expiry are swept out of the cache. */
  private static final long SWEEP_MINUTES = 1;

  /**
   * Everything a chain is built from.
   *
   * @param provider the identity provider
   * @param providerName its name, for messages
   * @param store the store, or {@code null} for none
   * @param storeName its name, for messages
   * @param config the chain's typed configuration
   * @param registry where metrics go
   * @param listener told of every answer, or {@code null}
   */
  public record Config(UserResolver provider, String providerName, UserStore store,
      String storeName, ChainConfig config, MeterRegistry registry, ResolutionListener listener) {}

  private final UserResolver provider;
  private final String providerName;
  private final boolean lowerCaseIds;
  private final ResolutionListener listener;
  private final ChainMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final CallRunner runner;
  private final StoreAccess store;
  private final Fallbacks fallbacks;
  private final AnswerCache cache;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Builds the chain and its cache, threads and meters.
   *
   * @param config what to build from
   */
  public ResolutionChain(Config config) {
    ChainConfig chain = config.config();
    this.provider = config.provider();
    this.providerName = config.providerName();
    this.lowerCaseIds = chain.lowerCaseIds();
    this.listener = config.listener();
    this.scheduler = CallRunner.scheduler();
    this.runner = new CallRunner(chain.executor(), scheduler);
    Ticker ticker = chain.ticker() != null ? chain.ticker() : new CoarseTicker(scheduler);
    this.metrics = new ChainMetrics(config.registry());
    this.store = config.store() == null ? StoreAccess.none()
        : StoreAccess.of(config.store(), config.storeName(), runner,
            CallRunner.retry("userresolver-store", chain, metrics, "store"), metrics);
    long brief = Math.min(chain.fallbackTtl().toNanos(), chain.cacheTtl().toNanos());
    this.fallbacks = new Fallbacks(providerName, chain, metrics, ticker, brief, closed::get);
    Lookup lookup = new Lookup(provider, providerName, store, runner,
        CallRunner.retry("userresolver-provider", chain, metrics, "provider"), metrics,
        fallbacks, ticker, chain);
    this.cache = new AnswerCache(chain.cacheMaxSize(), ticker, lookup, brief);
    cache.bindTo(config.registry());
    metrics.countHitsFrom(cache::hitCount);
    scheduler.scheduleWithFixedDelay(cache::sweep, SWEEP_MINUTES, SWEEP_MINUTES,
        TimeUnit.MINUTES);
  }

  @Override
  public User resolve(String userId) {
    // The cache holds normalised ids, so an id found as given needs no id check.
    if (userId != null && userId.length() <= UserIds.MAX_LENGTH) {
      Answer hit = cache.fresh(userId);
      if (hit != null) {
        if (listener != null) {
          tell(cached(userId, hit));
        }
        return hit.user;
      }
    }
    String key = UserIds.normalize(userId, lowerCaseIds);
    Answer hit = cached(key);
    if (hit != null) {
      return hit.user;
    }
    ensureOpen();
    long start = System.nanoTime();
    return answered(join(key, cache.load(key)), start).user;
  }

  @Override
  public CompletableFuture<User> resolveAsync(String userId) {
    String key = UserIds.normalize(userId, lowerCaseIds);
    Answer hit = cached(key);
    if (hit != null) {
      return CompletableFuture.completedFuture(hit.user);
    }
    ensureOpen();
    long start = System.nanoTime();
    return cache.load(key)
        .exceptionally(error -> fallbacks.answer(key, error))
        .thenApply(answer -> answered(answer, start).user);
  }

  @Override
  public Map<String, User> resolveAll(Collection<String> userIds) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String userId : userIds) {
      keys.put(userId, UserIds.normalize(userId, lowerCaseIds));
    }
    long start = System.nanoTime();
    Map<String, Answer> hits = new LinkedHashMap<>();
    Set<String> misses = new LinkedHashSet<>();
    keys.forEach((userId, key) -> {
      Answer hit = cached(key);
      if (hit != null) {
        hits.put(userId, hit);
      } else {
        misses.add(key);
      }
    });
    Map<String, CompletableFuture<Answer>> loads = Map.of();
    if (!misses.isEmpty()) {
      ensureOpen();
      loads = cache.loadAll(misses);
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : keys.entrySet()) {
      Answer hit = hits.get(entry.getKey());
      users.put(entry.getKey(), hit != null ? hit.user
          : answered(join(entry.getValue(), loads.get(entry.getValue())), start).user);
    }
    return users;
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>(provider.checks());
    if (checks.isEmpty()) {
      checks.add(new Check("provider " + providerName, () -> "created"));
    }
    checks.addAll(store.checks());
    return checks;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdownNow();
    runner.close();
    closeQuietly(provider, "provider " + providerName);
    closeQuietly(store, "store " + store.name());
  }

  @Override
  public String toString() {
    return "ResolutionChain[provider=" + providerName + ", store=" + store.name() + "]";
  }

  /** A cached answer for a normalised id, fresh or stale (then refreshed), told as a hit. */
  private Answer cached(String key) {
    Answer hit = cache.fresh(key);
    if (hit == null) {
      hit = cache.stale(key);
    }
    if (hit != null && listener != null) {
      tell(cached(key, hit));
    }
    return hit;
  }

  private static Resolution cached(String key, Answer hit) {
    Resolution answered = hit.resolution;
    return new Resolution(key, hit.user, Source.CACHE, "cached " + answered.source().tag()
        + " answer" + (answered.detail().isEmpty() ? "" : ": " + answered.detail()));
  }

  /** Counts a looked-up answer once, by source, and tells the listener. */
  private Answer answered(Answer answer, long start) {
    metrics.resolved(answer.resolution.source(), System.nanoTime() - start);
    if (listener != null) {
      tell(answer.resolution);
    }
    return answer;
  }

  private void tell(Resolution resolution) {
    try {
      listener.onResolution(resolution);
    } catch (RuntimeException e) {
      LOG.warn("resolution listener failed for {}", resolution.userId(), e);
    }
  }

  private Answer join(String key, CompletableFuture<Answer> flight) {
    try {
      return flight.join();
    } catch (CompletionException | CancellationException e) {
      return fallbacks.answer(key, e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this user resolver is closed");
    }
  }

  private static void closeQuietly(AutoCloseable closeable, String what) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed", what, e);
    }
  }
}
