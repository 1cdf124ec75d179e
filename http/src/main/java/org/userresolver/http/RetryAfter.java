package org.userresolver.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asked to wait: {@code Retry-After} (delay seconds or an HTTP date,
 * RFC 9110), else Okta's {@code X-Rate-Limit-Reset} (UTC epoch seconds) when the rate limit is
 * what refused the request (a 429, or {@code X-Rate-Limit-Remaining: 0}). Okta sends its
 * rate-limit headers with every answer, errors included; the reset of a limit that is not used
 * up says nothing about when to retry a 5xx.
 */
final class RetryAfter {
  static final String RETRY_AFTER = "Retry-After";
  static final String RATE_LIMIT_RESET = "X-Rate-Limit-Reset";
  static final String RATE_LIMIT_REMAINING = "X-Rate-Limit-Remaining";

  private RetryAfter() {}

  /**
   * The requested delay, never negative, or {@code null} when the answer asks for none.
   *
   * @param status the answer's HTTP status
   * @param headers its headers
   * @param now the time now
   */
  static Duration of(int status, HttpHeaders headers, Instant now) {
    Optional<String> retryAfter = headers.firstValue(RETRY_AFTER).map(String::trim);
    if (retryAfter.isPresent()) {
      Duration parsed = parseRetryAfter(retryAfter.get(), now);
      if (parsed != null) {
        return parsed;
      }
    }
    Optional<String> reset = headers.firstValue(RATE_LIMIT_RESET).map(String::trim);
    if (reset.isPresent() && (status == 429 || usedUp(headers))) {
      try {
        return nonNegative(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.get()))));
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return null;
      }
    }
    return null;
  }

  /** Whether {@code X-Rate-Limit-Remaining} says the limit is used up. */
  private static boolean usedUp(HttpHeaders headers) {
    try {
      return headers.firstValue(RATE_LIMIT_REMAINING).map(String::trim).map(Long::parseLong)
          .map(remaining -> remaining <= 0).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Duration parseRetryAfter(String value, Instant now) {
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return nonNegative(Duration.between(now, at));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Never negative, rounded up to whole milliseconds so a waiter never wakes early. */
  private static Duration nonNegative(Duration duration) {
    if (duration.isNegative()) {
      return Duration.ZERO;
    }
    Duration millis = Duration.ofMillis(duration.toMillis());
    return millis.equals(duration) ? millis : millis.plusMillis(1);
  }
}
