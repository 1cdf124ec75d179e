package org.userresolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SettingsTest {

  @Test
  void pluginNames_areReadLowerCase_withTheDefaultStore() {
    assertEquals(Optional.empty(), Settings.of(Map.of()).provider());
    assertEquals("memory", Settings.of(Map.of()).store());
    Settings settings = Settings.of(Map.of("USER_RESOLVER_PROVIDER", "Okta",
        "USER_RESOLVER_STORE", "NEO4J", "USER_RESOLVER_ID_CASE", "preserve"));

    assertEquals(Optional.of("okta"), settings.provider());
    assertEquals("neo4j", settings.store());
    assertEquals(Settings.IdCase.PRESERVE, settings.idCase());
  }

  @Test
  void invalidChainSettings_areReported_whenTheSettingsAreRead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Settings.of(Map.of("USER_RESOLVER_CACHE_TTL", "1h")));

    assertTrue(e.getMessage().startsWith("Invalid userresolver settings:\n  - "
        + "USER_RESOLVER_CACHE_TTL must be an ISO-8601 duration"), e.getMessage());
  }

  @Test
  void amundsenNames_selectThePlugins() {
    Settings settings = Settings.of(Map.of(
        "FLASK_OIDC_PROVIDER_NAME", "google",
        "PROXY_CLIENT", "NEO4J",
        "PROXY_HOST", "neo4j-amundsen"));

    assertEquals(Optional.of("google"), settings.provider());
    assertEquals("neo4j", settings.store());
    assertEquals(Optional.empty(), settings.get("NEO4J_URI"), "each store reads its own aliases");
  }

  @Test
  void ownNames_winOverAliases() {
    Settings settings = Settings.of(Map.of("USER_RESOLVER_PROVIDER", "okta",
        "FLASK_OIDC_PROVIDER_NAME", "google", "USER_RESOLVER_STORE", "memory",
        "PROXY_CLIENT", "NEO4J"));

    assertEquals(Optional.of("okta"), settings.provider());
    assertEquals("memory", settings.store());
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
        "NEO4J_PASSWORD", "hunter3", "OKTA_API_TOKEN", "hunter4", "FLASK_OIDC_CLIENT_ID", "app",
        "USER_RESOLVER_PROVIDER", "okta", "USER_RESOLVER_STORE", "neo4j", "PATH", "/usr/bin"));

    assertFalse(settings.toString().contains("hunter"), settings.toString());
    assertEquals("Settings{FLASK_OIDC_CLIENT_ID=app, FLASK_OIDC_CLIENT_SECRET=****, "
        + "NEO4J_PASSWORD=****, OKTA_API_TOKEN=****, USER_RESOLVER_PROVIDER=okta, "
        + "USER_RESOLVER_STORE=neo4j}", settings.toString(), "the selected plugins' own names, "
        + "not the rest of the environment");
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
