package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;

final class AtlasConfigTest {
  private static final String PASSWORD = "hunter2-atlas-secret";

  private static AtlasConfig config(Map<String, String> values) {
    return AtlasConfig.from(Settings.of(values));
  }

  private static String problems(Map<String, String> values) {
    return assertThrows(IllegalArgumentException.class, () -> config(values)).getMessage();
  }

  private static Map<String, String> own(String url) {
    return Map.of("ATLAS_URL", url, "ATLAS_USERNAME", "admin", "ATLAS_PASSWORD", PASSWORD);
  }

  private static Map<String, String> proxy(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of(
        "PROXY_CLIENT", "ATLAS",
        "PROXY_HOST", "atlas",
        "CREDENTIALS_PROXY_USER", "admin",
        "CREDENTIALS_PROXY_PASSWORD", PASSWORD));
    values.putAll(extra);
    return values;
  }

  @Test
  void atlasSettings_areRead_withDefaults() {
    AtlasConfig config = config(own("https://atlas.example.com:21000/"));

    assertEquals("https://atlas.example.com:21000", config.url().toString());
    assertEquals("admin", config.username());
    assertEquals(PASSWORD, config.password());
    assertFalse(config.createTypes());
    assertFalse(config.http().allowPlainHttp());
    assertEquals("ATLAS_USERNAME and ATLAS_PASSWORD", config.credentialSettings());
  }

  @Test
  void createTypes_isRead() {
    Map<String, String> values = new HashMap<>(own("https://atlas.example.com:21000"));
    values.put("ATLAS_CREATE_TYPES", "TRUE");

    assertTrue(config(values).createTypes());
  }

  @Test
  void aContextPath_isKept() {
    assertEquals("https://gateway.example.com/atlas",
        config(own("https://gateway.example.com/atlas/")).url().toString());
  }

  @Test
  void plainHttp_isAllowedToLoopbackOnly() {
    assertEquals("http://localhost:21000", config(own("http://localhost:21000")).url().toString());

    String message = problems(own("http://atlas.internal:21000"));

    assertEquals("Invalid Atlas settings:\n"
        + "  - ATLAS_URL must be an https URL without a query, such as "
        + "https://atlas.example.com:21000 (plain http only for loopback hosts), found "
        + "\"http://atlas.internal:21000\"\n"
        + "  - ATLAS_URL: for an Atlas served over plain http inside a private network, set "
        + "Amundsen's PROXY_HOST, PROXY_PORT and PROXY_ENCRYPTED=False instead", message);
  }

  @Test
  void theRestApiPath_isRejected_inTheBaseUrl() {
    assertTrue(problems(own("https://atlas.example.com:21000/api/atlas/v2"))
        .contains("ATLAS_URL is the server's base URL, without /api/atlas, such as "
            + "https://atlas.example.com:21000, found "
            + "\"https://atlas.example.com:21000/api/atlas/v2\""));
  }

  @Test
  void amundsenAliases_buildAnHttpsUrl_onPort21000_byDefault() {
    AtlasConfig config = config(proxy(Map.of()));

    assertEquals("https://atlas:21000", config.url().toString());
    assertEquals("admin", config.username());
    assertEquals(PASSWORD, config.password());
    assertFalse(config.http().allowPlainHttp());
    assertEquals("CREDENTIALS_PROXY_USER and CREDENTIALS_PROXY_PASSWORD",
        config.credentialSettings());
    assertEquals("PROXY_HOST, PROXY_PORT and PROXY_ENCRYPTED", config.urlSettings());
  }

  @Test
  void proxyEncryptedFalse_givesPlainHttp_toAnyHost() {
    AtlasConfig config = config(proxy(Map.of("PROXY_ENCRYPTED", "False", "PROXY_PORT", "21443")));

    assertEquals("http://atlas:21443", config.url().toString());
    assertTrue(config.http().allowPlainHttp());
  }

  @Test
  void proxyEncrypted_isReadAsAmundsenReadsIt() {
    for (String yes : new String[] {"True", "true", "1", "yes", "On"}) {
      assertEquals("https://atlas:21000",
          config(proxy(Map.of("PROXY_ENCRYPTED", yes))).url().toString(), yes);
    }
    for (String no : new String[] {"False", "false", "0", "no", "OFF"}) {
      assertEquals("http://atlas:21000",
          config(proxy(Map.of("PROXY_ENCRYPTED", no))).url().toString(), no);
    }
    assertTrue(problems(proxy(Map.of("PROXY_ENCRYPTED", "maybe")))
        .contains("PROXY_ENCRYPTED must be true or false (also yes/no, on/off, 1/0, as Amundsen "
            + "reads it), found \"maybe\""));
  }

  @Test
  void amundsenAliases_applyWhenTheStoreIsSelected_withoutProxyClient() {
    Map<String, String> values = proxy(Map.of());
    values.remove("PROXY_CLIENT");
    values.put("USER_RESOLVER_STORE", "atlas");

    assertEquals("https://atlas:21000", config(values).url().toString());
  }

  @Test
  void amundsenAliases_areIgnored_whenProxyClientNamesAnotherStore() {
    String message = problems(proxy(Map.of("PROXY_CLIENT", "NEO4J")));

    assertTrue(message.contains("ATLAS_URL is required: the Atlas server's base URL, for example "
        + "https://atlas.example.com:21000 (or Amundsen's PROXY_HOST, PROXY_PORT and "
        + "PROXY_ENCRYPTED); PROXY_HOST is not used, because PROXY_CLIENT=NEO4J names another "
        + "store"), message);
    assertTrue(message.contains("ATLAS_USERNAME and ATLAS_PASSWORD are required"), message);
  }

  @Test
  void atlasSettings_winOverAmundsenAliases() {
    Map<String, String> values = proxy(Map.of("PROXY_ENCRYPTED", "False"));
    values.putAll(Map.of("ATLAS_URL", "https://atlas.example.com", "ATLAS_USERNAME", "svc",
        "ATLAS_PASSWORD", "other-password"));

    AtlasConfig config = config(values);

    assertEquals("https://atlas.example.com", config.url().toString());
    assertEquals("svc", config.username());
    assertEquals("other-password", config.password());
    assertFalse(config.http().allowPlainHttp());
  }

  @Test
  void credentials_areNotMixed_fromTwoSources() {
    Map<String, String> values = proxy(Map.of("ATLAS_USERNAME", "svc"));

    assertTrue(problems(values).contains("ATLAS_USERNAME is set (\"svc\") but ATLAS_PASSWORD is "
        + "not: set both"));
  }

  @Test
  void everyProblem_isReportedAtOnce_withoutThePassword() {
    String message = problems(Map.of(
        "PROXY_HOST", "https://atlas/path",
        "PROXY_PORT", "70000",
        "ATLAS_PASSWORD", PASSWORD,
        "ATLAS_CREATE_TYPES", "yes",
        "USER_RESOLVER_HTTP_REQUEST_TIMEOUT", "soon"));

    assertEquals(String.join("\n  - ",
        "Invalid Atlas settings:",
        "USER_RESOLVER_HTTP_REQUEST_TIMEOUT must be an ISO-8601 duration such as PT30S or PT1H, "
            + "found \"soon\"",
        "PROXY_PORT must be at most 65535, found \"70000\"",
        "ATLAS_PASSWORD is set but ATLAS_USERNAME is not: set both",
        "ATLAS_CREATE_TYPES must be true or false, found \"yes\""), message);
    assertFalse(message.contains(PASSWORD), message);
  }

  @Test
  void aProxyHostThatIsAUrl_isRejected() {
    assertTrue(problems(proxy(Map.of("PROXY_HOST", "https://atlas/x")))
        .contains("PROXY_HOST must be a host name (Amundsen builds the Atlas URL from "
            + "PROXY_ENCRYPTED, PROXY_HOST and PROXY_PORT), found \"https://atlas/x\""));
  }

  @Test
  void aUserNameWithAColon_isRejected_withoutThePassword() {
    Map<String, String> values = new HashMap<>(own("https://atlas.example.com"));
    values.put("ATLAS_USERNAME", "ad:min");

    String message = problems(values);

    assertTrue(message.contains("ATLAS_USERNAME must be non-blank, without ':' or control "
        + "characters"), message);
    assertFalse(message.contains(PASSWORD), message);
  }

  @Test
  void toString_masksThePassword() {
    AtlasConfig config = config(own("https://atlas.example.com:21000"));

    assertEquals("AtlasConfig[url=https://atlas.example.com:21000, username=admin, password=****,"
        + " createTypes=false, from ATLAS_URL; ATLAS_USERNAME and ATLAS_PASSWORD]",
        config.toString());
  }
}
