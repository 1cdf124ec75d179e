package org.userresolver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Okta sends {@code X-Rate-Limit-*} with every answer: its reset is a retry delay only when the
 * rate limit refused the request, never for a 5xx while requests remain.
 */
final class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private static HttpHeaders headers(String remaining, long resetIn) {
    return HttpHeaders.of(Map.of(
        "X-Rate-Limit-Limit", List.of("600"),
        "X-Rate-Limit-Remaining", List.of(remaining),
        "X-Rate-Limit-Reset", List.of(String.valueOf(NOW.getEpochSecond() + resetIn))),
        (name, value) -> true);
  }

  @Test
  void of_ignoresTheRateLimitReset_ofA503_whileRequestsRemain() {
    assertNull(RetryAfter.of(503, headers("599", 42), NOW));
  }

  @Test
  void of_readsTheRateLimitReset_whenTheLimitIsUsedUp() {
    assertEquals(Duration.ofSeconds(42), RetryAfter.of(503, headers("0", 42), NOW));
  }

  @Test
  void of_readsTheRateLimitReset_ofA429() {
    assertEquals(Duration.ofSeconds(42), RetryAfter.of(429, headers("3", 42), NOW));
  }

  @Test
  void of_prefersRetryAfter() {
    HttpHeaders headers = HttpHeaders.of(Map.of("Retry-After", List.of("7"),
        "X-Rate-Limit-Remaining", List.of("0"), "X-Rate-Limit-Reset",
        List.of(String.valueOf(NOW.getEpochSecond() + 42))), (name, value) -> true);

    assertEquals(Duration.ofSeconds(7), RetryAfter.of(503, headers, NOW));
  }
}
