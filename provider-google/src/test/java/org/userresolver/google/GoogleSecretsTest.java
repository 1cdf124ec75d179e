package org.userresolver.google;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.google.GoogleFixtures.SUBJECT;
import static org.userresolver.google.GoogleFixtures.TOKEN_PATH;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * The private key, the access token and the assertion never reach a log (captured at debug), an
 * exception message, a {@code toString()} or a check's output.
 */
final class GoogleSecretsTest {

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private Map<String, String> chainSettings(GoogleServer server, Path keyFile) {
    Map<String, String> settings = server.settings(keyFile);
    settings.put("USER_RESOLVER_PROVIDER", "google");
    settings.put("USER_RESOLVER_STORE", "none");
    return settings;
  }

  private static UserResolver chain(Map<String, String> settings) {
    return UserResolvers.builder().settings(Settings.of(settings))
        .meterRegistry(new SimpleMeterRegistry()).build();
  }

  @Test
  void secrets_neverAppear_inLogsMessagesOrChecks_onSuccessOrRefusal() {
    GoogleServer server = new GoogleServer(google, Clock.systemUTC(), SUBJECT)
        .serveTokens(GoogleFixtures.TOKEN).unknownUsers()
        .serveUser("ada%40example.com", GoogleFixtures.ada())
        .serveUser("grace%40example.com", GoogleFixtures.grace());
    google.stubFor(GoogleServer.user("mallory%40example.com").willReturn(
        GoogleServer.googleError(403, GoogleFixtures.forbidden())));
    Map<String, String> settings = chainSettings(server,
        GoogleFixtures.keyFile(dir, google.baseUrl()));
    List<String> shown = new ArrayList<>();
    try (UserResolver chain = chain(settings)) {
      assertEquals("Ada Lovelace", chain.resolve("ada@example.com").displayName());
      assertEquals(User.minimal("mallory@example.com"), chain.resolve("mallory@example.com"));
      shown.add(chain.toString());
    }
    try (UserResolver provider = new GoogleUserResolverFactory().create(Settings.of(settings))) {
      provider.checks().stream().map(Check::run).forEach(result -> shown.add(result.detail()));
      shown.add(provider.toString());
      shown.add(provider.directory().orElseThrow().toString());
      shown.add(assertThrows(ResolutionException.class,
          () -> provider.resolve("mallory@example.com")).getMessage());
    }
    google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(
        GoogleServer.tokenError(400, "invalid_grant", "Invalid JWT Signature.")));
    try (UserResolver chain = chain(settings)) {
      assertEquals(User.minimal("grace@example.com"), chain.resolve("grace@example.com"));
    }
    try (UserResolver provider = new GoogleUserResolverFactory().create(Settings.of(settings))) {
      shown.add(assertThrows(ResolutionException.class,
          () -> provider.resolve("grace@example.com")).getMessage());
    }

    String log = TestLog.text();
    assertTrue(log.contains("Google refused an access token to service account"),
        "the refusal is logged");
    assertTrue(log.contains("/admin/directory/v1/users/ada%40example.com answered HTTP 200"),
        "the lookup is logged");
    shown.add(log);
    List<String> assertions = server.assertions();
    assertFalse(assertions.isEmpty());
    for (String text : shown) {
      GoogleUserResolverFactoryTest.assertNoKey(text);
      assertFalse(text.contains(GoogleFixtures.TOKEN), "the access token in: " + text);
      for (String assertion : assertions) {
        assertFalse(text.contains(assertion), "an assertion in: " + text);
        assertFalse(text.contains(assertion.substring(assertion.lastIndexOf('.') + 1)),
            "an assertion's signature in: " + text);
      }
    }
  }

  @Test
  void secrets_neverAppear_whenTheKeyFileIsGarbage_noServiceAccountKey_orABadPem() {
    String good = GoogleFixtures.keyFileText("https://oauth2.googleapis.com/token");
    String base64 = GoogleFixtures.keyBase64();
    List<String> files = List.of(
        base64,
        "{\"type\": \"external_account\", \"private_key\": \"" + base64 + "\"}",
        good.replace("\"service_account\"", "\"service-account\""),
        good.replaceFirst("MII", "MIJ"),
        good.replace("-----END PRIVATE KEY-----", ""),
        good.replace("\"client_email\"", "\"client_mail\""));
    GoogleServer server = new GoogleServer(google, Clock.systemUTC(), SUBJECT);
    for (String text : files) {
      Path file = GoogleFixtures.write(dir.resolve("key.json"), text);

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> chain(chainSettings(server, file)));

      assertTrue(e.getMessage().contains("GOOGLE_APPLICATION_CREDENTIALS: "), e.getMessage());
      GoogleUserResolverFactoryTest.assertNoKey(e.getMessage());
    }
    GoogleUserResolverFactoryTest.assertNoKey(TestLog.text());
  }
}
