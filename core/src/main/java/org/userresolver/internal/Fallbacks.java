package org.userresolver.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Resolution;
import org.userresolver.Resolution.Source;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.internal.CallRunner.DeadlineExceededException;
import org.userresolver.internal.CallRunner.OverloadedException;
import org.userresolver.internal.CallRunner.WaitBeyondDeadlineException;

/**
 * The fallback policy: turns whatever ended a lookup without a profile into the minimal
 * {@code {email, user_id}} answer, with the reason it is counted under, a detail for the
 * listener and {@code --explain}, and a log line (DEBUG for an unknown user, WARN for a
 * failure). Fallbacks live only the fallback TTL. Thread-safe.
 */
final class Fallbacks {
  private static final Logger LOG = LoggerFactory.getLogger(ResolutionChain.class);

  private final String providerName;
  private final Duration timeout;
  private final ChainMetrics metrics;
  private final Ticker ticker;
  private final long lifetime;
  private final BooleanSupplier closed;

  Fallbacks(String providerName, ChainConfig config, ChainMetrics metrics, Ticker ticker,
      long lifetime, BooleanSupplier closed) {
    this.providerName = providerName;
    this.timeout = config.timeout();
    this.metrics = metrics;
    this.ticker = ticker;
    this.lifetime = lifetime;
    this.closed = closed;
  }

  /** The minimal answer for a lookup of {@code key} that ended with {@code error}. */
  Answer answer(String key, Throwable error) {
    Throwable cause = CallRunner.unwrap(error);
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
          + e.failure().retryAfter().orElse(Duration.ZERO) + " before trying " + key
          + " again, beyond " + Settings.TIMEOUT + " (" + timeout + "): " + e.getMessage();
      LOG.warn("{}; answering with the minimal profile", detail);
    } else if (cause instanceof OverloadedException) {
      reason = FallbackReason.OVERLOADED;
      detail = "lookup of " + key + " not started: " + cause.getMessage();
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
    } else if (cause instanceof IllegalStateException && closed.getAsBoolean()) {
      reason = FallbackReason.INTERNAL_ERROR;
      detail = "this user resolver was closed during the lookup";
    } else {
      reason = FallbackReason.PROVIDER_ERROR;
      detail = "lookup of " + key + " failed: " + describe(cause);
      LOG.warn("{}; answering with the minimal profile", detail, cause);
    }
    metrics.fallback(reason);
    return Answer.brief(new Resolution(key, User.minimal(key), Source.FALLBACK, detail), reason,
        ticker.read(), lifetime);
  }

  /** A failure in a few words, for log lines: its message, or "timed out". */
  static String describe(Throwable error) {
    Throwable cause = CallRunner.unwrap(error);
    if (cause instanceof TimeoutException || cause instanceof DeadlineExceededException) {
      return "timed out";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
  }

  /** The provider's profile failed Amundsen's validation; never retried. */
  static final class InvalidProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidProfileException(String message) {
      super(message, null, false, false);
    }
  }
}
