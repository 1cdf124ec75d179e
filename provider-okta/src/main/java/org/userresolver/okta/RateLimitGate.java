package org.userresolver.okta;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.userresolver.ResolutionException;
import org.userresolver.http.JsonResponse;

/**
 * Okta's per-endpoint rate limits as its headers report them: when a response says
 * {@code X-Rate-Limit-Remaining: 0}, or is a 429, the endpoint is closed until
 * {@code X-Rate-Limit-Reset}, and a request for it fails at once, transiently, with the wait as
 * its retry delay, instead of being sent to fail. The chain then waits, or gives up at its
 * deadline. Thread-safe.
 */
final class RateLimitGate {
  static final String REMAINING = "X-Rate-Limit-Remaining";
  static final String RESET = "X-Rate-Limit-Reset";

  /** Okta rate-limit buckets this provider uses. */
  enum Bucket {
    /** {@code GET /api/v1/users/{id}}. */
    USER("GET /api/v1/users/{id}"),
    /** {@code GET /api/v1/users} (search and list). */
    USERS("GET /api/v1/users");

    private static final String USERS_PATH = "/api/v1/users";

    private final String endpoint;

    Bucket(String endpoint) {
      this.endpoint = endpoint;
    }

    /** The bucket of a request to this URL; none for {@code /api/v1/users/me} and others. */
    static Optional<Bucket> of(URI uri) {
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (path.endsWith(USERS_PATH)) {
        return Optional.of(USERS);
      }
      int at = path.lastIndexOf(USERS_PATH + "/");
      String id = at < 0 ? "" : path.substring(at + USERS_PATH.length() + 1);
      return id.isEmpty() || id.contains("/") || id.equals("me") ? Optional.empty()
          : Optional.of(USER);
    }

    @Override
    public String toString() {
      return endpoint;
    }
  }

  private final Clock clock;
  private final Map<Bucket, Instant> closedUntil = new ConcurrentHashMap<>();

  RateLimitGate(Clock clock) {
    this.clock = clock;
  }

  /** Throws when the bucket's limit is used up and has not reset yet. */
  void check(Bucket bucket) {
    Instant until = closedUntil.get(bucket);
    if (until == null) {
      return;
    }
    Instant now = clock.instant();
    if (now.isBefore(until)) {
      Duration wait = ceilToMillis(Duration.between(now, until));
      throw ResolutionException.transientFailure("Okta rate limit for " + bucket
          + " is used up until " + until + "; not sending a request that would fail (retry "
          + "after " + wait + ")", wait);
    }
    closedUntil.remove(bucket, until);
  }

  /** Closes the response's bucket until its reset when it says the limit is used up. */
  void observe(JsonResponse response) {
    Bucket.of(response.uri()).ifPresent(bucket -> observe(bucket, response));
  }

  /** Closes the bucket until its reset when the response says the limit is used up. */
  void observe(Bucket bucket, JsonResponse response) {
    Optional<Long> remaining = number(response, REMAINING);
    Optional<Long> reset = number(response, RESET);
    boolean usedUp = response.status() == 429 || remaining.map(left -> left <= 0).orElse(false);
    if (!usedUp || reset.isEmpty()) {
      return;
    }
    Instant until = Instant.ofEpochSecond(reset.get());
    if (until.isAfter(clock.instant())) {
      closedUntil.merge(bucket, until, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** Rounds up, so that a caller waiting whole milliseconds never wakes before the reset. */
  static Duration ceilToMillis(Duration duration) {
    Duration millis = Duration.ofMillis(duration.toMillis());
    return millis.equals(duration) ? millis : millis.plusMillis(1);
  }

  private static Optional<Long> number(JsonResponse response, String header) {
    try {
      return response.header(header).map(String::trim).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
