package org.userresolver;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure to look a user up or to write one, other than "not found": either transient (I/O,
 * timeouts, HTTP 5xx, 429 and provider rate limits; worth retrying, possibly after a given
 * delay) or permanent (bad credentials, a malformed answer; retrying cannot help).
 *
 * <p>Messages carry the context needed to act (user id, endpoint, status, the provider's error
 * code) and never a secret.
 */
public final class ResolutionException extends RuntimeException {
  /** The serial form's version. */
  private static final long serialVersionUID = 1L;

  /** Whether trying again may succeed. */
  private final boolean isTransient;
  private final transient Duration retryAfter;

  private ResolutionException(String message, boolean isTransient, Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.isTransient = isTransient;
    this.retryAfter = retryAfter;
  }

  /**
   * Returns a transient failure with no underlying exception: the operation may succeed if
   * tried again.
   *
   * @param message what failed, with context and no secret
   * @return the exception
   */
  public static ResolutionException transientFailure(String message) {
    return new ResolutionException(message, true, null, null);
  }

  /**
   * Returns a transient failure: the operation may succeed if tried again.
   *
   * @param message what failed, with context and no secret
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static ResolutionException transientFailure(String message, Throwable cause) {
    return new ResolutionException(message, true, null, cause);
  }

  /**
   * Returns a transient failure whose source asked to wait before trying again (HTTP
   * {@code Retry-After}, Okta's {@code X-Rate-Limit-Reset}).
   *
   * @param message what failed, with context and no secret
   * @param retryAfter how long the source asked to wait
   * @return the exception
   */
  public static ResolutionException transientFailure(String message, Duration retryAfter) {
    return transientFailure(message, retryAfter, null);
  }

  /**
   * Returns a transient failure whose source asked to wait before trying again, with the
   * exception that carried the request (for re-wrapping a failure with more context).
   *
   * @param message what failed, with context and no secret
   * @param retryAfter how long the source asked to wait, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static ResolutionException transientFailure(String message, Duration retryAfter,
      Throwable cause) {
    if (retryAfter != null && retryAfter.isNegative()) {
      retryAfter = Duration.ZERO;
    }
    return new ResolutionException(message, true, retryAfter, cause);
  }

  /**
   * Returns a permanent failure with no underlying exception: trying again cannot help.
   *
   * @param message what failed, with context and no secret
   * @return the exception
   */
  public static ResolutionException permanentFailure(String message) {
    return new ResolutionException(message, false, null, null);
  }

  /**
   * Returns a permanent failure: trying again cannot help.
   *
   * @param message what failed, with context and no secret
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static ResolutionException permanentFailure(String message, Throwable cause) {
    return new ResolutionException(message, false, null, cause);
  }

  /**
   * Tells whether trying again may succeed.
   *
   * @return {@code true} for a transient failure
   */
  public boolean isTransient() {
    return isTransient;
  }

  /**
   * Returns how long the source asked to wait before the next try, when it said so.
   *
   * @return the requested delay, or empty
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
