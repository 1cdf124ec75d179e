package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;

final class ChainConfigTest {

  @Test
  void defaults_matchTheSettingsTable() {
    ChainConfig config = ChainConfig.read(Settings.of(Map.of()));

    assertTrue(config.lowerCaseIds());
    assertEquals(10_000, config.cacheMaxSize());
    assertEquals(Duration.ofHours(1), config.cacheTtl());
    assertEquals(Duration.ofMinutes(10), config.cacheRefresh());
    assertEquals(Duration.ofSeconds(30), config.fallbackTtl());
    assertEquals(3, config.retryMaxAttempts());
    assertEquals(Duration.ofMillis(200), config.retryBackoff());
    assertEquals(Duration.ofSeconds(5), config.timeout());
  }

  @Test
  void values_areParsed_durationsAsIso8601() {
    ChainConfig config = ChainConfig.read(Settings.of(Map.of(
        "USER_RESOLVER_CACHE_MAX_SIZE", "500",
        "USER_RESOLVER_CACHE_TTL", "pt2h",
        "USER_RESOLVER_TIMEOUT", "PT1.5S",
        "USER_RESOLVER_ID_CASE", "preserve")));

    assertEquals(500, config.cacheMaxSize());
    assertEquals(Duration.ofHours(2), config.cacheTtl());
    assertEquals(Duration.ofMillis(1500), config.timeout());
    assertEquals(false, config.lowerCaseIds());
  }

  @Test
  void everyInvalidValue_isReported_inOneMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Settings.of(Map.of(
            "USER_RESOLVER_CACHE_MAX_SIZE", "lots",
            "USER_RESOLVER_CACHE_TTL", "1h",
            "USER_RESOLVER_FALLBACK_TTL", "PT0S",
            "USER_RESOLVER_RETRY_MAX_ATTEMPTS", "0",
            "USER_RESOLVER_ID_CASE", "upper")));

    assertEquals("Invalid userresolver settings:\n"
        + "  - USER_RESOLVER_ID_CASE must be one of lower, preserve, found \"upper\"\n"
        + "  - USER_RESOLVER_CACHE_MAX_SIZE must be a whole number, found \"lots\"\n"
        + "  - USER_RESOLVER_CACHE_TTL must be an ISO-8601 duration such as PT30S or PT1H, "
        + "found \"1h\"\n"
        + "  - USER_RESOLVER_FALLBACK_TTL must be a positive duration, found \"PT0S\"\n"
        + "  - USER_RESOLVER_RETRY_MAX_ATTEMPTS must be at least 1, found \"0\"", e.getMessage());
  }

  @Test
  void refreshNotShorterThanTtl_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Settings.of(Map.of("USER_RESOLVER_CACHE_TTL", "PT10M",
            "USER_RESOLVER_CACHE_REFRESH", "PT10M")));

    assertTrue(e.getMessage().contains("USER_RESOLVER_CACHE_REFRESH (PT10M) must be shorter than "
        + "USER_RESOLVER_CACHE_TTL (PT10M)"), e.getMessage());
  }

  @Test
  void valuesSetInCode_winOverSettings() {
    ChainConfig.Overrides overrides = new ChainConfig.Overrides();
    overrides.cacheTtl = Duration.ofMinutes(30);
    overrides.timeout = Duration.ofSeconds(2);
    overrides.idCase = Settings.IdCase.PRESERVE;

    ChainConfig config = ChainConfig.read(Settings.of(Map.of("USER_RESOLVER_CACHE_TTL", "PT2H",
        "USER_RESOLVER_TIMEOUT", "PT9S")), overrides);

    assertEquals(Duration.ofMinutes(30), config.cacheTtl());
    assertEquals(Duration.ofSeconds(2), config.timeout());
    assertEquals(false, config.lowerCaseIds());
  }

  @Test
  void refreshConflictFromCode_isAnIllegalState_namingBoth() {
    ChainConfig.Overrides overrides = new ChainConfig.Overrides();
    overrides.cacheRefresh = Duration.ofHours(2);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ChainConfig.read(Settings.of(Map.of()), overrides));

    assertEquals("USER_RESOLVER_CACHE_REFRESH (PT2H) must be shorter than USER_RESOLVER_CACHE_TTL "
        + "(PT1H), or profiles expire before they are refreshed", e.getMessage());
  }
}
