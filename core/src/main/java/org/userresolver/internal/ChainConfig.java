package org.userresolver.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.userresolver.Settings;

/**
 * The chain's own configuration, typed: id case, cache bounds, retry and deadline, and
 * optionally the executor provider and store calls run on. Read from {@link Settings}, with
 * values set in code on {@code UserResolvers.builder()} winning over the settings.
 *
 * @param lowerCaseIds whether ids are lower-cased
 * @param cacheMaxSize most answers cached
 * @param cacheTtl how long a profile is served
 * @param cacheRefresh after how long a served profile is refreshed in the background
 * @param fallbackTtl how long a fallback or an unsaved profile is served
 * @param retryMaxAttempts attempts per call, the first included
 * @param retryBackoff wait before the first retry
 * @param timeout the overall deadline of one lookup
 * @param executor runs provider and store calls; {@code null} for the chain's own pool
 * @param ticker the cache's clock; {@code null} for the coarse system clock
 */
public record ChainConfig(boolean lowerCaseIds, long cacheMaxSize, Duration cacheTtl,
    Duration cacheRefresh, Duration fallbackTtl, int retryMaxAttempts, Duration retryBackoff,
    Duration timeout, Executor executor, Ticker ticker) {

  /** Values set in code, each {@code null} when unset; they win over the settings. */
  public static final class Overrides {
    /** See {@link ChainConfig#lowerCaseIds()}. */
    public Settings.IdCase idCase;
    /** See {@link ChainConfig#cacheMaxSize()}. */
    public Long cacheMaxSize;
    /** See {@link ChainConfig#cacheTtl()}. */
    public Duration cacheTtl;
    /** See {@link ChainConfig#cacheRefresh()}. */
    public Duration cacheRefresh;
    /** See {@link ChainConfig#fallbackTtl()}. */
    public Duration fallbackTtl;
    /** See {@link ChainConfig#retryMaxAttempts()}. */
    public Integer retryMaxAttempts;
    /** See {@link ChainConfig#retryBackoff()}. */
    public Duration retryBackoff;
    /** See {@link ChainConfig#timeout()}. */
    public Duration timeout;
    /** See {@link ChainConfig#executor()}. */
    public Executor executor;
    /** See {@link ChainConfig#ticker()}. */
    public Ticker ticker;
  }

  /**
   * Reads the chain's settings, collecting every problem into one message.
   *
   * @param settings the settings
   * @return the configuration
   * @throws IllegalArgumentException listing every invalid value
   */
  public static ChainConfig read(Settings settings) {
    return read(settings, new Overrides());
  }

  /**
   * Reads the chain's settings; a value set in code wins over its setting.
   *
   * @param settings the settings
   * @param overrides values set in code
   * @return the configuration
   * @throws IllegalArgumentException listing every invalid setting value
   * @throws IllegalStateException when the cache refresh is not shorter than the cache TTL
   *     because of a value set in code
   */
  public static ChainConfig read(Settings settings, Overrides overrides) {
    Settings.Parser parser = settings.parser();
    Settings.IdCase idCase = parser.choice(Settings.ID_CASE, Settings.IdCase.class,
        Settings.IdCase.LOWER);
    long cacheMaxSize = parser.integer(Settings.CACHE_MAX_SIZE, Settings.DEFAULT_CACHE_MAX_SIZE, 0);
    Duration cacheTtl = parser.duration(Settings.CACHE_TTL, Settings.DEFAULT_CACHE_TTL);
    Duration cacheRefresh = parser.duration(Settings.CACHE_REFRESH,
        Settings.DEFAULT_CACHE_REFRESH);
    Duration fallbackTtl = parser.duration(Settings.FALLBACK_TTL, Settings.DEFAULT_FALLBACK_TTL);
    int retryMaxAttempts = (int) parser.integer(Settings.RETRY_MAX_ATTEMPTS,
        Settings.DEFAULT_RETRY_MAX_ATTEMPTS, 1);
    Duration retryBackoff = parser.duration(Settings.RETRY_BACKOFF,
        Settings.DEFAULT_RETRY_BACKOFF);
    Duration timeout = parser.duration(Settings.TIMEOUT, Settings.DEFAULT_TIMEOUT);
    boolean refreshInCode = overrides.cacheRefresh != null || overrides.cacheTtl != null;
    Duration effectiveTtl = or(overrides.cacheTtl, cacheTtl);
    Duration effectiveRefresh = or(overrides.cacheRefresh, cacheRefresh);
    boolean refreshSet = overrides.cacheRefresh != null || settings.get(Settings.CACHE_REFRESH)
        .isPresent();
    boolean ttlSet = overrides.cacheTtl != null || settings.get(Settings.CACHE_TTL).isPresent();
    String conflict = (refreshSet || ttlSet) && effectiveRefresh.compareTo(effectiveTtl) >= 0
        ? Settings.CACHE_REFRESH + " (" + effectiveRefresh + ") must be shorter than "
            + Settings.CACHE_TTL + " (" + effectiveTtl + "), or profiles expire before they "
            + "are refreshed"
        : null;
    if (conflict != null && !refreshInCode) {
      parser.problem(conflict);
    }
    parser.finish("Invalid userresolver settings");
    if (conflict != null) {
      throw new IllegalStateException(conflict);
    }
    return new ChainConfig(
        or(overrides.idCase, idCase) == Settings.IdCase.LOWER,
        or(overrides.cacheMaxSize, cacheMaxSize),
        effectiveTtl,
        effectiveRefresh,
        or(overrides.fallbackTtl, fallbackTtl),
        or(overrides.retryMaxAttempts, retryMaxAttempts),
        or(overrides.retryBackoff, retryBackoff),
        or(overrides.timeout, timeout),
        overrides.executor,
        overrides.ticker);
  }

  private static <T> T or(T override, T fromSettings) {
    return override != null ? override : fromSettings;
  }
}
