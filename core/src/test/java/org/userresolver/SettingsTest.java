package org.userresolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SettingsTest {

  @Test
  void defaults_matchTheSettingsTable() {
    Settings settings = Settings.of(Map.of());

    assertEquals(Optional.empty(), settings.provider());
    assertEquals("memory", settings.store());
    assertEquals(10_000, settings.cacheMaxSize());
    assertEquals(Duration.ofHours(1), settings.cacheTtl());
    assertEquals(Duration.ofMinutes(10), settings.cacheRefresh());
    assertEquals(Duration.ofSeconds(30), settings.fallbackTtl());
    assertEquals(3, settings.retryMaxAttempts());
    assertEquals(Duration.ofMillis(200), settings.retryBackoff());
    assertEquals(Duration.ofSeconds(5), settings.timeout());
    assertEquals(Settings.IdCase.LOWER, settings.idCase());
  }

  @Test
  void values_areParsed_durationsAsIso8601() {
    Settings settings = Settings.of(Map.of(
        "USER_RESOLVER_PROVIDER", "Okta",
        "USER_RESOLVER_STORE", "neo4j",
        "USER_RESOLVER_CACHE_MAX_SIZE", "500",
        "USER_RESOLVER_CACHE_TTL", "pt2h",
        "USER_RESOLVER_TIMEOUT", "PT1.5S",
        "USER_RESOLVER_ID_CASE", "preserve"));

    assertEquals(Optional.of("okta"), settings.provider());
    assertEquals("neo4j", settings.store());
    assertEquals(500, settings.cacheMaxSize());
    assertEquals(Duration.ofHours(2), settings.cacheTtl());
    assertEquals(Duration.ofMillis(1500), settings.timeout());
    assertEquals(Settings.IdCase.PRESERVE, settings.idCase());
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
  void amundsenNames_areAliases() {
    Settings settings = Settings.of(Map.of(
        "FLASK_OIDC_PROVIDER_NAME", "google",
        "PROXY_CLIENT", "NEO4J",
        "PROXY_HOST", "neo4j-amundsen",
        "CREDENTIALS_PROXY_USER", "neo4j",
        "CREDENTIALS_PROXY_PASSWORD", "s3cret"));

    assertEquals(Optional.of("google"), settings.provider());
    assertEquals("neo4j", settings.store());
    assertEquals(Optional.of("bolt://neo4j-amundsen:7687"), settings.get("NEO4J_URI"));
    assertEquals(Optional.of("neo4j"), settings.get("NEO4J_USERNAME"));
    assertEquals(Optional.of("s3cret"), settings.get("NEO4J_PASSWORD"));
  }

  @Test
  void amundsenAtlasNames_buildTheAtlasUrl() {
    Settings settings = Settings.of(Map.of("PROXY_CLIENT", "ATLAS", "PROXY_HOST", "atlas",
        "PROXY_PORT", "21000", "PROXY_ENCRYPTED", "false"));

    assertEquals("atlas", settings.store());
    assertEquals(Optional.of("http://atlas:21000"), settings.get("ATLAS_URL"));
  }

  @Test
  void ownNames_winOverAliases() {
    Settings settings = Settings.of(Map.of("USER_RESOLVER_PROVIDER", "okta",
        "FLASK_OIDC_PROVIDER_NAME", "google", "PROXY_CLIENT", "NEO4J",
        "PROXY_HOST", "bolt://old", "NEO4J_URI", "neo4j://new:7687"));

    assertEquals(Optional.of("okta"), settings.provider());
    assertEquals(Optional.of("neo4j://new:7687"), settings.get("NEO4J_URI"));
  }

  @Test
  void blankValues_countAsUnset() {
    assertEquals(Optional.empty(), Settings.of(Map.of("OKTA_API_TOKEN", "  ")).get("OKTA_API_TOKEN"));
  }

  @Test
  void systemProperties_overrideEnvironment_andOverridesWin() {
    System.setProperty("USER_RESOLVER_TEST_ONLY", "from-property");
    try {
      assertEquals(Optional.of("from-property"),
          Settings.fromEnvironment().get("USER_RESOLVER_TEST_ONLY"));
      assertEquals(Optional.of("from-map"), Settings.fromEnvironment(
          Map.of("USER_RESOLVER_TEST_ONLY", "from-map")).get("USER_RESOLVER_TEST_ONLY"));
    } finally {
      System.clearProperty("USER_RESOLVER_TEST_ONLY");
    }
  }

  @Test
  void secrets_neverAppear_inToStringOrMessages() {
    Settings settings = Settings.of(Map.of("FLASK_OIDC_CLIENT_SECRET", "hunter2",
        "NEO4J_PASSWORD", "hunter3", "OKTA_API_TOKEN", "hunter4", "FLASK_OIDC_CLIENT_ID", "app"));

    assertFalse(settings.toString().contains("hunter"), settings.toString());
    assertTrue(settings.toString().contains("FLASK_OIDC_CLIENT_ID=app"), settings.toString());
    Settings.Parser parser = settings.parser();
    parser.integer("NEO4J_PASSWORD", 0, 0);
    assertEquals("NEO4J_PASSWORD must be a whole number, found a value (hidden)",
        parser.problems().get(0));
  }

  @Test
  void parser_collectsPluginProblems() {
    Settings.Parser parser = Settings.of(Map.of("OKTA_X", "maybe")).parser();

    parser.require("OKTA_ORG_URL", "the Okta org URL");
    parser.bool("OKTA_X", false);

    assertEquals("Invalid Okta settings:\n  - OKTA_ORG_URL is required: the Okta org URL\n"
        + "  - OKTA_X must be true or false, found \"maybe\"",
        assertThrows(IllegalArgumentException.class, () -> parser.finish("Invalid Okta settings"))
            .getMessage());
  }

  @Test
  void parser_readsLists_separatedByCommasOrSpaces() {
    Settings.Parser parser = Settings.of(Map.of("OKTA_OTHER_KEYS", " costCenter, division ,,"
        + "costCenter", "OKTA_SCOPES", "okta.users.read  okta.groups.read")).parser();

    assertEquals(List.of("costCenter", "division"), List.copyOf(parser.list("OKTA_OTHER_KEYS")));
    assertEquals(List.of("okta.users.read", "okta.groups.read"),
        List.copyOf(parser.list("OKTA_SCOPES")));
    assertEquals(List.of(), List.copyOf(parser.list("UNSET")));
  }
}
