package org.userresolver.internal;

import org.userresolver.Resolution;
import org.userresolver.User;

/**
 * One cached answer: the profile, how it was found, and until when it is served. A profile is
 * served as it is until {@code freshUntil}; a profile read after that (and before
 * {@code expiresAt}) is still served while it is refreshed in the background. A brief answer (a
 * fallback, or a profile the store failed to save) is never refreshed: once its short life ends
 * the next read looks the user up again. Times are read from the chain's cache clock.
 */
final class Answer {
  /** Until when the profile is served without a refresh (cache clock). */
  final long freshUntil;
  /** The profile returned. */
  final User user;
  /** When the answer was loaded (cache clock). */
  final long loadedAt;
  /** After this, the answer is never served (cache clock). */
  final long expiresAt;
  /** The answer as the listener heard it. */
  final Resolution resolution;
  /** Why it is a fallback; {@code null} for a profile. */
  final FallbackReason reason;
  /** Whether it lives only the fallback TTL and is never refreshed. */
  final boolean brief;

  private Answer(Resolution resolution, FallbackReason reason, boolean brief, long loadedAt,
      long freshUntil, long expiresAt) {
    this.user = resolution.user();
    this.resolution = resolution;
    this.reason = reason;
    this.brief = brief;
    this.loadedAt = loadedAt;
    this.freshUntil = freshUntil;
    this.expiresAt = expiresAt;
  }

  /** A full profile: fresh for {@code refresh}, served for {@code ttl}. */
  static Answer profile(Resolution resolution, long now, long refresh, long ttl) {
    return new Answer(resolution, null, false, now, plus(now, Math.min(refresh, ttl)),
        plus(now, ttl));
  }

  /** A fallback or an unsaved profile: served for {@code lifetime}, never refreshed. */
  static Answer brief(Resolution resolution, FallbackReason reason, long now, long lifetime) {
    return new Answer(resolution, reason, true, now, plus(now, lifetime), plus(now, lifetime));
  }

  /**
   * This answer kept after a failed refresh: served as it is for {@code backoff} more (so a
   * failing provider is not asked on every read), never past its expiry.
   */
  Answer keptAfterFailedRefresh(long now, long backoff) {
    return new Answer(resolution, reason, brief, loadedAt, Math.min(plus(now, backoff), expiresAt),
        expiresAt);
  }

  /** {@code time + duration}, at most {@link Long#MAX_VALUE} (for very long TTLs). */
  private static long plus(long time, long duration) {
    long sum = time + duration;
    return ((time ^ sum) & (duration ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** Whether this answer is a fallback. */
  boolean isFallback() {
    return resolution.source() == Resolution.Source.FALLBACK;
  }
}
