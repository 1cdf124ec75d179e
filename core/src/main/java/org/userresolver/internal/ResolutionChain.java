package org.userresolver.internal;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Check;
import org.userresolver.Resolution;
import org.userresolver.Resolution.Source;
import org.userresolver.ResolutionException;
import org.userresolver.ResolutionListener;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;

/**
 * The resolution chain: id normalisation, a Caffeine cache with single flight and background
 * refresh, the store, the identity provider under a retry policy and an overall deadline, the
 * store write, and the minimal fallback. Thread-safe; never throws for a lookup.
 */
public final class ResolutionChain implements UserResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ResolutionChain.class);

  /** The longest user id accepted, in characters (the longest valid email address). */
  public static final int MAX_ID_LENGTH = 320;

  /**
   * The most provider and store calls one chain runs at once; further calls queue (within their
   * lookup's deadline), so a burst of new ids cannot start a thread per id.
   */
  public static final int MAX_CONCURRENT_CALLS = 64;

  /**
   * Everything a chain is built from.
   *
   * @param provider the identity provider
   * @param providerName its name, for messages
   * @param store the store, or {@code null} for none
   * @param storeName its name, for messages
   * @param settings cache, retry and deadline settings
   * @param registry where metrics go
   * @param listener told of every answer, or {@code null}
   * @param ticker the cache's clock, or {@code null} for the system clock read every 10 ms
   */
  public record Config(UserResolver provider, String providerName, UserStore store,
      String storeName, Settings settings, MeterRegistry registry, ResolutionListener listener,
      Ticker ticker) {}

  /**
   * A cache entry: the answer, when it was loaded (cache clock), and how long it may be served:
   * the cache TTL, or the fallback TTL for a fallback or a profile the store failed to save.
   */
  private record Loaded(Resolution resolution, FallbackReason reason, long loadedAt,
      long lifetime) {}

  private final UserResolver provider;
  private final String providerName;
  private final UserStore store;
  private final String storeName;
  private final boolean lowerCaseIds;
  private final long timeoutNanos;
  private final Duration timeout;
  private final ChainMetrics metrics;
  private final ResolutionListener listener;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Retry providerRetry;
  private final Retry storeRetry;
  private final AsyncLoadingCache<String, Loaded> cache;
  private final Map<String, CompletableFuture<Loaded>> entries;
  private final ConcurrentStatsCounter cacheStats = new ConcurrentStatsCounter();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Ticker ticker;
  private final long ttl;
  private final long briefTtl;

  /**
   * Builds the chain and its cache, threads and meters.
   *
   * @param config what to build from
   */
  public ResolutionChain(Config config) {
    Settings settings = config.settings();
    this.provider = config.provider();
    this.providerName = config.providerName();
    this.store = config.store();
    this.storeName = config.storeName();
    this.lowerCaseIds = settings.idCase() == Settings.IdCase.LOWER;
    this.timeout = settings.timeout();
    this.timeoutNanos = timeout.toNanos();
    this.metrics = new ChainMetrics(config.registry(), () -> cacheStats.snapshot().hitCount());
    this.listener = config.listener();
    ThreadPoolExecutor workers = new ThreadPoolExecutor(MAX_CONCURRENT_CALLS,
        MAX_CONCURRENT_CALLS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        daemonThreads("userresolver-worker"));
    workers.allowCoreThreadTimeOut(true);
    this.executor = workers;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("userresolver-retry"));
    this.providerRetry = retry("provider", settings);
    this.storeRetry = retry("store", settings);
    this.ticker = config.ticker() != null ? config.ticker() : new CoarseTicker(scheduler);

    this.ttl = settings.cacheTtl().toNanos();
    this.briefTtl = Math.min(settings.fallbackTtl().toNanos(), ttl);
    // Caffeine expires entries after the TTL and refreshes them; the shorter life of fallbacks
    // is checked on read (see completedEntry), which keeps per-entry expiry off the hot path.
    this.cache = Caffeine.newBuilder()
        .maximumSize(settings.cacheMaxSize())
        .expireAfterWrite(settings.cacheTtl())
        .refreshAfterWrite(settings.cacheRefresh())
        .ticker(ticker)
        .recordStats(() -> cacheStats)
        .buildAsync(new Loader());
    this.entries = cache.asMap();
    CaffeineCacheMetrics.monitor(config.registry(), cache, "userresolver");
  }

  @Override
  public User resolve(String userId) {
    Loaded hit = cachedAsGiven(userId);
    if (hit != null) {
      return answered(userId, hit, true, 0);
    }
    String key = normalize(userId);
    hit = completedEntry(key);
    if (hit != null) {
      return answered(key, hit, true, 0);
    }
    ensureOpen();
    long start = System.nanoTime();
    return answered(key, join(key, cache.get(key)), false, start);
  }

  @Override
  public CompletableFuture<User> resolveAsync(String userId) {
    Loaded hit = cachedAsGiven(userId);
    if (hit != null) {
      return CompletableFuture.completedFuture(answered(userId, hit, true, 0));
    }
    String key = normalize(userId);
    hit = completedEntry(key);
    if (hit != null) {
      return CompletableFuture.completedFuture(answered(key, hit, true, 0));
    }
    ensureOpen();
    long start = System.nanoTime();
    return cache.get(key)
        .exceptionally(error -> fallback(key, error))
        .thenApply(loaded -> answered(key, loaded, false, start));
  }

  @Override
  public Map<String, User> resolveAll(Collection<String> userIds) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String userId : userIds) {
      keys.put(userId, normalize(userId));
    }
    long start = System.nanoTime();
    Map<String, Loaded> hits = new HashMap<>();
    Set<String> misses = new LinkedHashSet<>();
    for (String key : keys.values()) {
      Loaded hit = completedEntry(key);
      if (hit != null) {
        hits.put(key, hit);
      } else {
        misses.add(key);
      }
    }
    Map<String, Loaded> loaded = Map.of();
    if (!misses.isEmpty()) {
      ensureOpen();
      try {
        loaded = cache.getAll(misses).join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        loaded = new HashMap<>();
        for (String key : misses) {
          loaded.put(key, fallback(key, e));
        }
      }
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : keys.entrySet()) {
      String key = entry.getValue();
      Loaded hit = hits.get(key);
      Loaded answer = hit != null ? hit : loaded.get(key);
      if (answer == null) {
        answer = fallback(key, new IllegalStateException("no answer for " + key));
      }
      users.put(entry.getKey(), answered(key, answer, hit != null, start));
    }
    return users;
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    List<Check> providerChecks = provider.checks();
    if (providerChecks.isEmpty()) {
      checks.add(new Check("provider " + providerName, () -> "created"));
    }
    checks.addAll(providerChecks);
    if (store == null) {
      checks.add(new Check("store none", () -> "profiles are cached only, never stored"));
    } else {
      List<Check> storeChecks = store.checks();
      if (storeChecks.isEmpty()) {
        checks.add(new Check("store " + storeName, () -> "created"));
      }
      checks.addAll(storeChecks);
    }
    return checks;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdownNow();
    executor.shutdownNow();
    closeQuietly(provider, "provider " + providerName);
    if (store != null) {
      closeQuietly(store, "store " + storeName);
    }
  }

  @Override
  public String toString() {
    return "ResolutionChain[provider=" + providerName + ", store="
        + (store == null ? "none" : storeName) + "]";
  }

  /**
   * Trims and validates a user id, and lower-cases it unless ids are case-preserving.
   *
   * @param userId the id as given
   * @return the normalised id
   * @throws IllegalArgumentException when the id is null, blank, too long or holds a control
   *     character
   */
  String normalize(String userId) {
    return normalizeId(userId, lowerCaseIds);
  }

  /**
   * Normalises a user id as {@link #normalize(String)} does.
   *
   * @param userId the id as given
   * @param lowerCase whether to lower-case it
   * @return the normalised id
   */
  public static String normalizeId(String userId, boolean lowerCase) {
    if (userId == null) {
      throw new IllegalArgumentException("user id must not be null");
    }
    int length = userId.length();
    if (length > 0 && length <= MAX_ID_LENGTH && isClean(userId, lowerCase)) {
      return userId;
    }
    String id = userId.strip();
    if (id.isEmpty()) {
      throw new IllegalArgumentException("user id must not be blank");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("user id is " + id.length()
          + " characters long; at most " + MAX_ID_LENGTH + " are allowed");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "user id contains the control character U+%04X at index %d", (int) c, i));
      }
    }
    return lowerCase ? id.toLowerCase(Locale.ROOT) : id;
  }

  /**
   * Tells, in one pass, whether an id is already normalised: printable ASCII with no space at
   * either end and, when lower-casing, no upper-case letter. Other ids take the full path.
   */
  private static boolean isClean(String id, boolean lowerCase) {
    if (id.charAt(0) == ' ' || id.charAt(id.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < ' ' || c > '~' || (lowerCase && c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the cache entry of an id exactly as given, before normalising it: the cache holds
   * normalised ids only, so an id found as given is already normalised, and the common case (an
   * id the caller passes as it was answered before) skips the id check.
   */
  private Loaded cachedAsGiven(String userId) {
    return userId == null || userId.length() > MAX_ID_LENGTH ? null : completedEntry(userId);
  }

  /**
   * Returns the finished, unexpired cache entry of a key, counted as a cache hit; {@code null}
   * when the key is absent, still loading, or past its lifetime (an expired entry is removed;
   * the caller then goes through the loading cache, which counts the miss once).
   */
  private Loaded completedEntry(String key) {
    CompletableFuture<Loaded> entry = entries.get(key);
    if (entry == null || !entry.isDone() || entry.isCompletedExceptionally()) {
      return null;
    }
    Loaded loaded = entry.getNow(null);
    if (ticker.read() - loaded.loadedAt() >= loaded.lifetime()) {
      entries.remove(key, entry);
      return null;
    }
    cacheStats.recordHits(1);
    return loaded;
  }

  private User answered(String key, Loaded loaded, boolean hit, long start) {
    if (!hit) {
      metrics.resolved(loaded.resolution().source(), System.nanoTime() - start);
    }
    if (listener != null) {
      Resolution resolution = hit
          ? new Resolution(key, loaded.resolution().user(), Source.CACHE,
              "cached " + loaded.resolution().source().tag() + " answer"
                  + (loaded.resolution().detail().isEmpty() ? ""
                      : ": " + loaded.resolution().detail()))
          : loaded.resolution();
      try {
        listener.onResolution(resolution);
      } catch (RuntimeException e) {
        LOG.warn("resolution listener failed for {}", key, e);
      }
    }
    return loaded.resolution().user();
  }

  private Loaded join(String key, CompletableFuture<Loaded> future) {
    try {
      return future.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      return fallback(key, e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this user resolver is closed");
    }
  }

  /** Stamps an answer with the cache clock and its lifetime (brief: the fallback TTL). */
  private Loaded loaded(Resolution resolution, FallbackReason reason, boolean brief) {
    return new Loaded(resolution, reason, ticker.read(), brief ? briefTtl : ttl);
  }

  /** Store, then provider, then store write; always completes normally. */
  private CompletableFuture<Loaded> load(String key) {
    long deadline = System.nanoTime() + timeoutNanos;
    if (store == null) {
      return fromProvider(key, deadline).exceptionally(error -> fallback(key, error));
    }
    return withRetry(storeRetry, () -> storeCall("find", () -> store.find(key)), deadline)
        .exceptionally(error -> {
          LOG.warn("store {} could not look up {}; asking the provider: {}", storeName, key,
              describe(error));
          return Optional.empty();
        })
        .thenCompose(found -> found.isPresent()
            ? CompletableFuture.completedFuture(
                loaded(new Resolution(key, found.get(), Source.STORE, ""), null, false))
            : fromProvider(key, deadline))
        .exceptionally(error -> fallback(key, error));
  }

  private CompletableFuture<Map<String, Loaded>> loadAll(Set<? extends String> requested) {
    long deadline = System.nanoTime() + timeoutNanos;
    List<String> keys = List.copyOf(requested);
    CompletableFuture<Map<String, User>> found = store == null
        ? CompletableFuture.completedFuture(Map.<String, User>of())
        : withRetry(storeRetry, () -> storeCall("find_all", () -> store.findAll(keys)), deadline)
            .exceptionally(error -> {
              LOG.warn("store {} could not look up {} users; asking the provider: {}",
                  storeName, keys.size(), describe(error));
              return Map.of();
            });
    return found.thenCompose(users -> {
      Map<String, CompletableFuture<Loaded>> futures = new LinkedHashMap<>();
      for (String key : keys) {
        User user = users.get(key);
        futures.put(key, user != null
            ? CompletableFuture.completedFuture(
                loaded(new Resolution(key, user, Source.STORE, ""), null, false))
            : fromProvider(key, deadline).exceptionally(error -> fallback(key, error)));
      }
      return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
          .thenApply(done -> {
            Map<String, Loaded> result = new LinkedHashMap<>();
            futures.forEach((key, future) -> result.put(key, future.join()));
            return result;
          });
    });
  }

  private CompletableFuture<Loaded> fromProvider(String key, long deadline) {
    return withRetry(providerRetry, () -> providerCall(key), deadline)
        .thenCompose(fetched -> {
          User profile = profileOf(key, fetched);
          if (store == null) {
            return CompletableFuture.completedFuture(
                loaded(new Resolution(key, profile, Source.PROVIDER, ""), null, false));
          }
          return withRetry(storeRetry, () -> storeCall("write", () -> store.createOrUpdate(profile)),
              deadline)
              .handle((outcome, error) -> {
                if (error == null) {
                  String detail = outcome == UserStore.WriteOutcome.CREATED
                      ? "created in store " + storeName : "updated in store " + storeName;
                  return loaded(new Resolution(key, profile, Source.PROVIDER, detail), null, false);
                }
                metrics.writeFailed();
                String reason = describe(error);
                LOG.warn("store {} could not save {}; returning the profile anyway: {}",
                    storeName, key, reason);
                return loaded(new Resolution(key, profile, Source.PROVIDER,
                    "store write failed: " + reason), null, true);
              });
        });
  }

  /** The provider's profile under the requested id (the store's key), as the original hook does. */
  private static User profileOf(String key, User fetched) {
    return fetched.userId().equals(key) ? fetched : fetched.toBuilder().userId(key).build();
  }

  private User providerCall(String key) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      User user = provider.resolve(key);
      if (user == null) {
        throw ResolutionException.permanentFailure(
            "provider " + providerName + " returned null for " + key);
      }
      outcome = "found";
      return user;
    } catch (UserNotFoundException e) {
      outcome = "not_found";
      throw e;
    } catch (IllegalArgumentException e) {
      // a provider building a profile that fails Amundsen's validation
      throw new InvalidProfileException(e.getMessage());
    } finally {
      metrics.providerCall(outcome, System.nanoTime() - start);
    }
  }

  private <T> T storeCall(String operation, Callable<T> call) throws Exception {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      T result = call.call();
      outcome = "success";
      return result;
    } finally {
      metrics.storeCall(operation, outcome, System.nanoTime() - start);
    }
  }

  /**
   * Runs a blocking call on the worker pool under a retry policy, never starting an attempt
   * after the deadline and completing by the deadline at the latest.
   */
  private <T> CompletableFuture<T> withRetry(Retry retry, Callable<T> call, long deadline) {
    Supplier<CompletionStage<T>> attempt = () -> {
      if (System.nanoTime() - deadline >= 0) {
        return CompletableFuture.failedFuture(new DeadlineExceededException());
      }
      CompletableFuture<T> result = new CompletableFuture<>();
      try {
        executor.execute(() -> {
          try {
            result.complete(call.call());
          } catch (Throwable e) {
            result.completeExceptionally(waitsBeyond(deadline, e)
                ? new WaitBeyondDeadlineException((ResolutionException) e) : e);
          }
        });
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(new IllegalStateException("this user resolver is closed"));
      }
      return result;
    };
    long remaining = Math.max(0, deadline - System.nanoTime());
    return retry.executeCompletionStage(scheduler, attempt).toCompletableFuture()
        .orTimeout(remaining, TimeUnit.NANOSECONDS);
  }

  /** Whether a failure asks to wait past the deadline, so retrying it is pointless. */
  private static boolean waitsBeyond(long deadline, Throwable error) {
    return error instanceof ResolutionException e && e.isTransient()
        && e.retryAfter().isPresent()
        && System.nanoTime() + e.retryAfter().get().toNanos() - deadline >= 0;
  }

  private Retry retry(String target, Settings settings) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(settings.retryBackoff(), 2.0, 0.5);
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(settings.retryMaxAttempts())
        .intervalBiFunction((attempt, outcome) -> {
          long wait = backoff.apply(attempt);
          if (outcome.isLeft() && unwrap(outcome.getLeft()) instanceof ResolutionException e) {
            long asked = e.retryAfter().map(d -> (d.toNanos() + 999_999) / 1_000_000).orElse(0L);
            wait = Math.max(wait, asked);
          }
          return wait;
        })
        .retryOnException(ResolutionChain::isTransient)
        .build();
    Retry retry = Retry.of("userresolver-" + target, config);
    retry.getEventPublisher()
        .onRetry(event -> metrics.retry(target, "retry"))
        .onError(event -> metrics.retry(target, "exhausted"));
    return retry;
  }

  static boolean isTransient(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ResolutionException e) {
      return e.isTransient();
    }
    return cause instanceof IOException || cause instanceof UncheckedIOException
        || cause instanceof TimeoutException;
  }

  private Loaded fallback(String key, Throwable error) {
    Throwable cause = unwrap(error);
    FallbackReason reason;
    String detail;
    if (cause instanceof UserNotFoundException) {
      reason = FallbackReason.NOT_FOUND;
      detail = cause.getMessage();
      LOG.debug("{}; answering with the minimal profile", detail);
    } else if (cause instanceof TimeoutException || cause instanceof DeadlineExceededException) {
      reason = FallbackReason.TIMEOUT;
      detail = "no answer for " + key + " within " + Settings.TIMEOUT + " (" + timeout + ")";
      LOG.warn("{}; answering with the minimal profile", detail);
    } else if (cause instanceof WaitBeyondDeadlineException e) {
      reason = FallbackReason.TIMEOUT;
      detail = "provider " + providerName + " asked to wait "
          + e.failure.retryAfter().orElse(Duration.ZERO) + " before trying " + key
          + " again, beyond " + Settings.TIMEOUT + " (" + timeout + "): " + e.getMessage();
      LOG.warn("{}; answering with the minimal profile", detail);
    } else if (cause instanceof InvalidProfileException) {
      reason = FallbackReason.INVALID_PROFILE;
      detail = "provider " + providerName + " returned an invalid profile for " + key + ": "
          + cause.getMessage();
      LOG.warn("{}; answering with the minimal profile", detail);
    } else if (cause instanceof ResolutionException e) {
      reason = FallbackReason.PROVIDER_ERROR;
      detail = "provider " + providerName + " failed for " + key + ": " + e.getMessage()
          + (e.isTransient() ? " (gave up after retries)" : "");
      LOG.warn("{}; answering with the minimal profile", detail);
    } else if (cause instanceof IllegalStateException && closed.get()) {
      reason = FallbackReason.INTERNAL_ERROR;
      detail = "this user resolver was closed during the lookup";
    } else {
      reason = FallbackReason.PROVIDER_ERROR;
      detail = "lookup of " + key + " failed: " + describe(cause);
      LOG.warn("{}; answering with the minimal profile", detail, cause);
    }
    metrics.fallback(reason);
    return loaded(new Resolution(key, User.minimal(key), Source.FALLBACK, detail), reason, true);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof TimeoutException || cause instanceof DeadlineExceededException) {
      return "timed out";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
  }

  private static void closeQuietly(AutoCloseable closeable, String what) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed", what, e);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Loads through the chain; reloads keep a good profile when the new answer is a failure. */
  private final class Loader implements AsyncCacheLoader<String, Loaded> {
    @Override
    public CompletableFuture<? extends Loaded> asyncLoad(String key, Executor unused) {
      return load(key);
    }

    @Override
    public CompletableFuture<? extends Map<? extends String, ? extends Loaded>> asyncLoadAll(
        Set<? extends String> keys, Executor unused) {
      return loadAll(keys);
    }

    @Override
    public CompletableFuture<? extends Loaded> asyncReload(String key, Loaded old,
        Executor unused) {
      return load(key).thenApply(fresh -> {
        boolean failed = fresh.resolution().source() == Source.FALLBACK
            && fresh.reason() != FallbackReason.NOT_FOUND;
        // keeps the old entry's load time, so it is served no longer than its TTL
        return failed && old.resolution().source() != Source.FALLBACK ? old : fresh;
      });
    }
  }

  /** No attempt was started because the lookup's deadline had passed; never retried. */
  private static final class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadlineExceededException() {
      super("deadline exceeded", null, false, false);
    }
  }

  /** A transient failure whose requested wait ends after the deadline; never retried. */
  private static final class WaitBeyondDeadlineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ResolutionException failure;

    WaitBeyondDeadlineException(ResolutionException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }

  /** The provider's profile failed Amundsen's validation; never retried. */
  private static final class InvalidProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidProfileException(String message) {
      super(message, null, false, false);
    }
  }
}
