package org.userresolver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.http.HttpSettings.UrlRule;

final class HttpSettingsTest {
  private static final String NAME = "ACME_URL";

  private static Settings.Parser parser(Settings settings) {
    return settings.parser();
  }

  private static Optional<URI> url(String value, List<String> problems, UrlRule... rules) {
    Settings settings = Settings.of(Map.of(NAME, value));
    Settings.Parser parser = parser(settings);
    Optional<URI> url = HttpSettings.url(settings, parser, NAME, "https://acme.example.com",
        rules);
    problems.addAll(parser.problems());
    return url;
  }

  @Test
  void url_acceptsHttpsAndLoopbackHttp_removingTrailingSlashes() {
    List<String> problems = new ArrayList<>();

    assertEquals(Optional.of(URI.create("https://sso.example.com/auth")),
        url("https://sso.example.com/auth//", problems, UrlRule.WITHOUT_QUERY));
    assertEquals(Optional.of(URI.create("http://127.0.0.1:8080")),
        url("http://127.0.0.1:8080/", problems));
    assertEquals(List.of(), problems);
  }

  @Test
  void url_withoutPath_keepsSchemeHostAndPortOnly() {
    List<String> problems = new ArrayList<>();

    assertEquals(Optional.of(URI.create("https://acme.okta.com:8443")),
        url("https://acme.okta.com:8443/", problems, UrlRule.WITHOUT_PATH));
    assertEquals(List.of(), problems);
  }

  @Test
  void url_recordsOneClearProblemPerBadValue() {
    List<String> problems = new ArrayList<>();

    assertEquals(Optional.empty(), url("http://acme.example.com", problems));
    assertEquals(Optional.empty(), url("https://acme.example.com/app", problems,
        UrlRule.WITHOUT_PATH));
    assertEquals(Optional.empty(), url("https://acme.example.com/a?b=c", problems,
        UrlRule.WITHOUT_QUERY));
    assertEquals(Optional.empty(), url("https://acme.example.com/#x", problems));
    assertEquals(Optional.empty(), url("acme.example.com", problems));
    assertEquals(Optional.empty(), url("https://acme example.com", problems));

    assertEquals(List.of(
        "ACME_URL must be an https URL, such as https://acme.example.com (plain http only for "
            + "loopback hosts), found \"http://acme.example.com\"",
        "ACME_URL must be an https URL without a path, such as https://acme.example.com (plain "
            + "http only for loopback hosts), found \"https://acme.example.com/app\"",
        "ACME_URL must be an https URL without a query, such as https://acme.example.com (plain "
            + "http only for loopback hosts), found \"https://acme.example.com/a?b=c\"",
        "ACME_URL must be an https URL, such as https://acme.example.com (plain http only for "
            + "loopback hosts), found \"https://acme.example.com/#x\"",
        "ACME_URL must be an https URL, such as https://acme.example.com (plain http only for "
            + "loopback hosts), found \"acme.example.com\"",
        "ACME_URL must be a URL, found \"https://acme example.com\""), problems);
  }

  @Test
  void url_acceptsPlainHttpToAnyHost_onlyWhenAllowed() {
    List<String> problems = new ArrayList<>();

    assertEquals(Optional.of(URI.create("http://atlas.internal:21000")),
        url("http://atlas.internal:21000/", problems, UrlRule.PLAIN_HTTP_ALLOWED));
    assertEquals(Optional.empty(), url("ftp://atlas.internal", problems,
        UrlRule.PLAIN_HTTP_ALLOWED, UrlRule.WITHOUT_QUERY));

    assertEquals(List.of("ACME_URL must be an http(s) URL without a query, such as "
        + "https://acme.example.com, found \"ftp://atlas.internal\""), problems);
  }

  @Test
  void url_neverQuotesAUrlHoldingAPassword() {
    List<String> problems = new ArrayList<>();

    assertEquals(Optional.empty(), url("https://admin:s3cr3t@acme.example.com", problems));

    assertEquals(List.of("ACME_URL must not hold a user name or password; the value is not "
        + "shown"), problems);
  }

  @Test
  void url_isEmpty_withoutAProblem_whenUnset() {
    Settings settings = Settings.of(Map.of());
    Settings.Parser parser = parser(settings);

    assertEquals(Optional.empty(), HttpSettings.url(settings, parser, NAME, "x"));
    assertEquals(List.of(), parser.problems());
  }

  @Test
  void discoveryUrl_acceptsAWellKnownUrl_andExplainsTheOthers() {
    Settings good = Settings.of(Map.of(OidcSettings.CONFIG_URL,
        "https://acme.okta.com/.well-known/openid-configuration"));
    Settings bad = Settings.of(Map.of(OidcSettings.CONFIG_URL, "https://acme.okta.com"));
    Settings.Parser goodParser = parser(good);
    Settings.Parser badParser = parser(bad);

    assertEquals(Optional.of(URI.create("https://acme.okta.com/.well-known/openid-configuration")),
        HttpSettings.discoveryUrl(good, goodParser, OidcSettings.CONFIG_URL));
    assertEquals(Optional.empty(),
        HttpSettings.discoveryUrl(bad, badParser, OidcSettings.CONFIG_URL));
    assertEquals(List.of(), goodParser.problems());
    assertEquals(List.of("FLASK_OIDC_CONFIG_URL must end with /.well-known/openid-configuration, "
        + "found \"https://acme.okta.com\""), badParser.problems());
  }

  @Test
  void headerToken_namesTheSettingAndTheCharacter_neverTheValue() {
    Settings settings = Settings.of(Map.of("A_TOKEN", "00s3cr3t\u201d", "B_TOKEN", "00 s3cr3t",
        "C_TOKEN", "00s3cr3t-ok"));
    Settings.Parser parser = parser(settings);

    assertEquals(Optional.empty(), HttpSettings.headerToken(settings, parser, "A_TOKEN"));
    assertEquals(Optional.empty(), HttpSettings.headerToken(settings, parser, "B_TOKEN"));
    assertEquals(Optional.of("00s3cr3t-ok"),
        HttpSettings.headerToken(settings, parser, "C_TOKEN"));
    assertEquals(List.of(
        "A_TOKEN holds a character that cannot be sent in an HTTP header (U+201D at character "
            + "9); enter it again as plain text",
        "B_TOKEN holds white space (character 3)"), parser.problems());
    assertFalse(parser.problems().toString().contains("s3cr3t"));
  }

  @Test
  void withoutTrailingSlash_removesEverySlashAtTheEnd() {
    assertEquals(URI.create("https://sso.example.com/auth"),
        Urls.withoutTrailingSlash(URI.create("https://sso.example.com/auth//")));
  }
}
