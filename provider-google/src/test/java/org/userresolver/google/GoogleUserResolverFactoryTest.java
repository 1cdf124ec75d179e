package org.userresolver.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Check;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.spi.UserResolverFactory;

/** Settings and the key file: every problem at once, never a byte of the key. */
final class GoogleUserResolverFactoryTest {
  private static final String CREDENTIALS = "GOOGLE_APPLICATION_CREDENTIALS";

  @TempDir
  Path dir;

  private static IllegalArgumentException invalid(Map<String, String> settings) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GoogleUserResolverFactory().create(Settings.of(settings)));
    assertNoKey(e.getMessage());
    return e;
  }

  /** Asserts that text holds no part of the test key. */
  static void assertNoKey(String text) {
    String base64 = GoogleFixtures.keyBase64();
    assertFalse(text.matches("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----.*"), text);
    for (int i = 0; i + 16 <= base64.length(); i += 16) {
      assertFalse(text.contains(base64.substring(i, i + 16)), "a piece of the key in: " + text);
    }
  }

  private Path keyFile(String text) {
    return GoogleFixtures.write(dir.resolve("key.json"), text);
  }

  private String problem(String keyFileText) {
    return invalid(Map.of(CREDENTIALS, keyFile(keyFileText).toString())).getMessage();
  }

  @Test
  void name_isGoogle_andServiceLoaderFindsTheFactory() {
    List<String> names = ServiceLoader.load(UserResolverFactory.class).stream()
        .map(provider -> provider.get().name()).toList();

    assertEquals("google", new GoogleUserResolverFactory().name());
    assertTrue(names.contains("google"), names.toString());
  }

  @Test
  void chain_findsTheProvider_byAmundsensFlaskOidcProviderName() {
    Path file = GoogleFixtures.keyFile(dir, "https://oauth2.googleapis.com");

    try (UserResolver chain = UserResolvers.builder().settings(Settings.of(Map.of(
            "FLASK_OIDC_PROVIDER_NAME", "google", "USER_RESOLVER_STORE", "none",
            CREDENTIALS, file.toString())))
        .meterRegistry(new SimpleMeterRegistry()).build()) {
      List<String> checks = chain.checks().stream().map(Check::name).toList();

      assertEquals(List.of("google key file", "google token", "google lookup"),
          checks.subList(0, 3));
    }
  }

  @Test
  void create_readsTheKeyFile_sendsNothing_andShowsNoKey() {
    Path file = GoogleFixtures.keyFile(dir, "https://oauth2.googleapis.com");

    try (UserResolver resolver = new GoogleUserResolverFactory().create(Settings.of(Map.of(
        CREDENTIALS, file.toString(), "GOOGLE_DELEGATED_SUBJECT", "grace@example.com")))) {
      assertEquals("GoogleUserResolver[https://admin.googleapis.com, service account "
          + GoogleFixtures.CLIENT_EMAIL + " acting as grace@example.com]", resolver.toString());
      assertNoKey(resolver.toString());
    }
  }

  @Test
  void create_listsEveryProblem_atOnce() {
    IllegalArgumentException e = invalid(Map.of(
        "GOOGLE_DIRECTORY_URL", "http://admin.googleapis.com",
        "GOOGLE_DELEGATED_SUBJECT", "grace",
        "GOOGLE_PROFILE_URL", "https://people.example.com/{login}",
        "USER_RESOLVER_HTTP_REQUEST_TIMEOUT", "5s"));

    assertEquals("Invalid settings for the google provider:\n"
        + "  - USER_RESOLVER_HTTP_REQUEST_TIMEOUT must be an ISO-8601 duration such as PT30S or "
        + "PT1H, found \"5s\"\n"
        + "  - GOOGLE_DIRECTORY_URL must be an https URL without a query, such as "
        + "https://admin.googleapis.com (plain http only for loopback hosts), found "
        + "\"http://admin.googleapis.com\"\n"
        + "  - GOOGLE_APPLICATION_CREDENTIALS is required: the path of the service account's JSON "
        + "key file (Cloud console > IAM & Admin > Service accounts > Keys > Add key > JSON)\n"
        + "  - GOOGLE_DELEGATED_SUBJECT must be the email address of the administrator to act "
        + "as, found \"grace\"\n"
        + "  - GOOGLE_PROFILE_URL has the unknown placeholder {login}; use {email} or {id}, found "
        + "\"https://people.example.com/{login}\"", e.getMessage());
  }

  @Test
  void create_namesAMissingKeyFile() {
    Path missing = dir.resolve("missing.json");

    IllegalArgumentException e = invalid(Map.of(CREDENTIALS, missing.toString()));

    assertEquals("Invalid settings for the google provider:\n  - " + CREDENTIALS + ": "
        + missing + " is not a readable file", e.getMessage());
  }

  @Test
  void create_neverEchoesAValue_thatIsNoPath_suchAsPastedJsonOrBase64() {
    String json = GoogleFixtures.keyFileText("https://oauth2.googleapis.com/token");
    String base64 = Base64.getEncoder().encodeToString(json.getBytes());

    IllegalArgumentException pasted = invalid(Map.of(CREDENTIALS, json));
    IllegalArgumentException encoded = invalid(Map.of(CREDENTIALS, base64));

    assertEquals("Invalid settings for the google provider:\n  - " + CREDENTIALS + ": the value "
        + "is key text, not a path: save the JSON key as a file and set the file's path; the "
        + "value is not shown", pasted.getMessage());
    assertEquals("Invalid settings for the google provider:\n  - " + CREDENTIALS + ": the value "
        + "is not the path of a readable file; it is not shown, as it may be a key",
        encoded.getMessage());
    assertFalse(encoded.getMessage().contains(base64.substring(0, 40)));
  }

  @Test
  void create_rejectsGarbage_namingThePositionOnly() {
    String message = problem("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + GoogleFixtures.keyBase64());

    assertTrue(message.matches("(?s).*\\Q" + CREDENTIALS + ": the key file "
        + dir.resolve("key.json") + " is not JSON (line 1, column \\E\\d+\\Q): use the JSON key "
        + "the Cloud console downloads for the service account\\E"), message);
  }

  @Test
  void create_rejectsAUsersCredentials_asNoServiceAccountKey_showingNoneOfItsSecrets() {
    String message = problem("{\"client_id\": \"764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur"
        + ".apps.googleusercontent.com\", \"client_secret\": \"d-FL95Q19q7MQmFpd7hHD0Ty\", "
        + "\"refresh_token\": \"1//0gLq3xv-refresh-token-value\", \"type\": \"authorized_user\"}");

    assertEquals("Invalid settings for the google provider:\n  - " + CREDENTIALS + ": the key "
        + "file " + dir.resolve("key.json") + " is an authorized_user credential (a user's "
        + "credentials, as gcloud auth application-default login writes them), not a "
        + "service-account key (\"type\": \"service_account\"); create a JSON key for the service "
        + "account in the Cloud console (IAM & Admin > Service accounts > Keys)", message);
    assertFalse(message.contains("d-FL95Q19q7MQmFpd7hHD0Ty"));
    assertFalse(message.contains("refresh-token-value"));
  }

  @Test
  void create_namesEveryMissingField_andABadPem_withoutQuotingIt() {
    String text = "{\"type\": \"service_account\", \"private_key_id\": \"abc\", "
        + "\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + GoogleFixtures.keyBase64()
            .substring(0, 200) + "\\n-----END PRIVATE KEY-----\\n\", "
        + "\"token_uri\": \"http://oauth2.googleapis.com/token\"}";

    String message = problem(text);

    assertEquals("Invalid settings for the google provider:\n  - " + CREDENTIALS + ": the key "
        + "file " + dir.resolve("key.json") + ": it has no client_email; its token_uri must be "
        + "an https URL without a query, such as https://oauth2.googleapis.com/token (plain http "
        + "only for loopback hosts), found \"http://oauth2.googleapis.com/token\"; its "
        + "private_key is unusable: the PEM block is not an RSA or EC private key", message);
  }

  @Test
  void create_refusesAnEcKey_asGoogleSignsRs256Only() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String ecPem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(
        generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----";
    String text = GoogleFixtures.keyFileText("https://oauth2.googleapis.com/token")
        .replaceFirst("\"private_key\": \"[^\"]*\"",
            Matcher.quoteReplacement("\"private_key\": \"" + ecPem + "\""));

    String message = problem(text);

    assertTrue(message.endsWith(": its private_key must be an RSA key (Google accepts RS256 "
        + "assertions only), found ES256"), message);
  }

  @Test
  void create_takesGooglesTokenUri_whenTheKeyFileHasNone() {
    Map<String, String> settings = new HashMap<>();
    settings.put(CREDENTIALS, keyFile(GoogleFixtures.keyFileText("x")
        .replaceFirst(",\\s*\"token_uri\": \"x\"", "")).toString());

    try (UserResolver resolver = new GoogleUserResolverFactory().create(Settings.of(settings))) {
      String check = resolver.checks().get(0).run().detail();
      assertTrue(check.endsWith("token URI https://oauth2.googleapis.com/token"), check);
    }
  }
}
