package org.userresolver.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar bundles the {@code google} provider: {@code resolve} and {@code check} against
 * Google's token endpoint and Directory API as WireMock plays them, with a service-account key
 * the test generates; never a byte of the key or the token in the output.
 */
final class GoogleCliIT {
  private static final Path JAR = Path.of(System.getProperty("cli.jar"));
  private static final KeyPair KEYS = rsaKeys();
  private static final String TOKEN = "ya29.c.b0AXv0zTOf3Hq1CliToken-Q9w";
  private static final String CLIENT_EMAIL = "user-resolver@acme-directory.iam.gserviceaccount.com";
  private static final String USERS = "/admin/directory/v1/users";
  private static final String ADA = "{\"kind\": \"admin#directory#user\", \"id\": \"1038475\", "
      + "\"primaryEmail\": \"ada@example.com\", \"name\": {\"givenName\": \"Ada\", "
      + "\"familyName\": \"Lovelace\", \"fullName\": \"Ada Lovelace\"}, \"suspended\": false, "
      + "\"archived\": false, \"relations\": [{\"value\": \"grace@example.com\", \"type\": "
      + "\"dotted_line_manager\"}, {\"value\": \"charles@example.com\", \"type\": \"manager\"}], "
      + "\"organizations\": [{\"title\": \"Translator\", \"primary\": false, \"customType\": "
      + "\"\"}, {\"title\": \"Principal Mathematician\", \"primary\": true, \"customType\": \"\", "
      + "\"department\": \"Analytical Engines\", \"description\": \"Full-time\"}], "
      + "\"thumbnailPhotoUrl\": \"https://lh3.google.com/ao/AP2z2aWHJm0E\"}";
  private static final String GRACE = "{\"kind\": \"admin#directory#user\", \"id\": \"1182037\", "
      + "\"primaryEmail\": \"grace@example.com\", \"name\": {\"givenName\": \"Grace\", "
      + "\"familyName\": \"Hopper\", \"fullName\": \"Grace Hopper\"}, \"isAdmin\": true}";

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private Path keyFile;

  /** What one run of the jar printed and returned. */
  private record Run(int code, String out, String err) {}

  @BeforeEach
  void serveGoogle() {
    keyFile = write("service-account.json", keyFile(pem()));
    google.stubFor(post(urlPathEqualTo("/token")).andMatching(GoogleCliIT::signedGrant)
        .willReturn(okJson("{\"access_token\": \"" + TOKEN + "\", \"expires_in\": 3599, "
            + "\"token_type\": \"Bearer\"}")));
    google.stubFor(get(urlPathMatching(USERS + "/[^/]+")).atPriority(9).willReturn(
        aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"error\": {\"code\": 404, \"message\": \"Resource Not Found: userKey\", "
                + "\"errors\": [{\"message\": \"Resource Not Found: userKey\", \"domain\": "
                + "\"global\", \"reason\": \"notFound\"}], \"status\": \"NOT_FOUND\"}}")));
    stubUser("ada%40example.com", ADA);
    stubUser("grace%40example.com", GRACE);
  }

  private static void stubUser(String key, String body) {
    google.stubFor(get(urlPathEqualTo(USERS + "/" + key))
        .withQueryParam("viewType", equalTo("admin_view"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson(body)));
  }

  private Map<String, String> env(Path key) {
    Map<String, String> env = new HashMap<>();
    env.put("USER_RESOLVER_PROVIDER", "google");
    env.put("USER_RESOLVER_STORE", "none");
    env.put("GOOGLE_APPLICATION_CREDENTIALS", key.toString());
    env.put("GOOGLE_DELEGATED_SUBJECT", "grace@example.com");
    env.put("GOOGLE_DIRECTORY_URL", google.baseUrl());
    return env;
  }

  @Test
  void resolve_findsAUserInGoogleWorkspace_andFallsBackForAnUnknownOne() {
    Run run = jar(env(keyFile), List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
        "resolve", "--explain", "ada@example.com", "nobody@example.com");

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("{\"user_id\":\"ada@example.com\",\"email\":\"ada@example.com\","
        + "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"full_name\":\"Ada Lovelace\","
        + "\"display_name\":\"Ada Lovelace\",\"is_active\":true,\"github_username\":\"\","
        + "\"team_name\":\"Analytical Engines\",\"slack_id\":\"\",\"employee_type\":\"Full-time\","
        + "\"manager_fullname\":\"\",\"manager_email\":\"charles@example.com\",\"manager_id\":\"\","
        + "\"role_name\":\"Principal Mathematician\",\"profile_url\":\"\",\"other_key_values\":"
        + "{\"thumbnailPhotoUrl\":\"https://lh3.google.com/ao/AP2z2aWHJm0E\"}}",
        "{\"user_id\":\"nobody@example.com\",\"email\":\"nobody@example.com\",\"first_name\":\"\","
        + "\"last_name\":\"\",\"full_name\":\"\",\"display_name\":\"nobody@example.com\","
        + "\"is_active\":true,\"github_username\":\"\",\"team_name\":\"\",\"slack_id\":\"\","
        + "\"employee_type\":\"\",\"manager_fullname\":\"\",\"manager_email\":\"\","
        + "\"manager_id\":\"\",\"role_name\":\"\",\"profile_url\":\"\",\"other_key_values\":{}}"),
        run.out().lines().toList());
    assertTrue(run.err().contains("ada@example.com: from provider google"), run.err());
    assertTrue(run.err().contains("answered HTTP 200"), "debug logging is on: " + run.err());
    assertNoSecret(run);
  }

  @Test
  void check_readsTheKeyFile_getsAToken_andLooksUpTheSubject_exit0() {
    Run run = jar(env(keyFile), List.of(), "check");

    assertEquals(0, run.code(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.stream().allMatch(line -> line.startsWith("OK   ")), run.out());
    assertTrue(lines.get(0).startsWith("OK   settings: Settings{GOOGLE_APPLICATION_CREDENTIALS="
        + "****, GOOGLE_DELEGATED_SUBJECT=grace@example.com"), lines.get(0));
    assertEquals("OK   chain: provider google, store none", lines.get(1));
    assertEquals("OK   google key file: service account " + CLIENT_EMAIL + ", key id 4f3c2b1a "
        + "from " + keyFile + ", client id 112233445566778899001, token URI " + google.baseUrl()
        + "/token", lines.get(2));
    assertTrue(lines.get(3).startsWith("OK   google token: access token for service account "
        + CLIENT_EMAIL + " acting as grace@example.com from " + google.baseUrl() + "/token for "
        + "https://www.googleapis.com/auth/admin.directory.user.readonly, valid until "),
        lines.get(3));
    assertEquals("OK   google lookup: user record of grace@example.com readable "
        + "(grace@example.com, Grace Hopper)", lines.get(4));
    assertNoSecret(run);
  }

  @Test
  void check_exits1_whenGoogleRefusesTheAssertion_showingNoSecret() {
    google.stubFor(post(urlPathEqualTo("/token")).atPriority(1).willReturn(aResponse()
        .withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"error\": "
            + "\"unauthorized_client\", \"error_description\": \"Client is unauthorized to "
            + "retrieve access tokens using this method, or client not authorized for any of the "
            + "scopes requested.\"}")));

    Run run = jar(env(keyFile), List.of(), "check");

    assertEquals(1, run.code(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(2).startsWith("OK   google key file: "), run.out());
    assertTrue(lines.get(3).startsWith("FAIL google token: Google refused an access token to "
        + "service account " + CLIENT_EMAIL + " acting as grace@example.com"), run.out());
    assertTrue(lines.get(3).endsWith("domain-wide delegation is not granted to client id "
        + "112233445566778899001, or not with the scope "
        + "https://www.googleapis.com/auth/admin.directory.user.readonly (Admin console > "
        + "Security > Access and data control > API controls > Manage domain-wide delegation)"),
        lines.get(3));
    assertNoSecret(run);
  }

  @Test
  void check_andResolve_exit1_forABrokenKeyFile_neverPrintingTheKey() {
    String garbled = keyFile(pem().replace("-----END PRIVATE KEY-----", ""));
    for (String text : List.of(garbled, Base64.getEncoder().encodeToString(
        KEYS.getPrivate().getEncoded()), garbled.replace("service_account", "authorized_user"))) {
      Path broken = write("broken.json", text);

      Run check = jar(env(broken), List.of(), "check");
      Run resolve = jar(env(broken), List.of(), "resolve", "ada@example.com");

      assertEquals(1, check.code(), check.out() + check.err());
      assertTrue(check.out().lines().toList().get(1).startsWith("FAIL chain: Invalid settings "
          + "for the google provider: - GOOGLE_APPLICATION_CREDENTIALS: the key file " + broken),
          check.out());
      assertEquals(1, resolve.code(), resolve.err());
      assertEquals("", resolve.out());
      assertNoSecret(check);
      assertNoSecret(resolve);
    }
  }

  /** Neither the key (any 16 characters of its base64) nor the access token nor an assertion. */
  private void assertNoSecret(Run run) {
    String text = run.out() + run.err();
    String key = Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
    for (int i = 0; i + 16 <= key.length(); i += 16) {
      assertFalse(text.contains(key.substring(i, i + 16)), "a piece of the key in: " + text);
    }
    assertFalse(text.contains(TOKEN), "the access token in: " + text);
    assertFalse(text.contains("eyJhbGciOiJSUzI1NiIs"), "an assertion in: " + text);
  }

  /** Whether a token request is a JWT bearer grant signed with the test's key. */
  private static MatchResult signedGrant(Request request) {
    Map<String, String> form = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] nameValue = pair.split("=", 2);
      form.put(nameValue[0], nameValue.length < 2 ? ""
          : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    String[] jwt = form.getOrDefault("assertion", "").split("\\.");
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
        || jwt.length != 3) {
      return MatchResult.noMatch();
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(KEYS.getPublic());
      verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      return MatchResult.of(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return MatchResult.noMatch();
    }
  }

  private String keyFile(String pem) {
    return "{\n  \"type\": \"service_account\",\n  \"project_id\": \"acme-directory\",\n"
        + "  \"private_key_id\": \"4f3c2b1a\",\n  \"private_key\": \"" + pem.replace("\n", "\\n")
        + "\",\n  \"client_email\": \"" + CLIENT_EMAIL + "\",\n"
        + "  \"client_id\": \"112233445566778899001\",\n"
        + "  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
        + "  \"token_uri\": \"" + google.baseUrl() + "/token\",\n"
        + "  \"universe_domain\": \"googleapis.com\"\n}\n";
  }

  private static String pem() {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64,
        "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Run jar(Map<String, String> env, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(dir, "out", ".txt");
      Path err = Files.createTempFile(dir, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Files.createTempFile(dir, "in", ".txt")
              .toFile()));
      builder.environment().keySet().removeIf(name -> name.startsWith("USER_RESOLVER_")
          || name.startsWith("FLASK_OIDC_") || name.startsWith("GOOGLE_")
          || name.equals("PROXY_CLIENT"));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("user-resolver did not finish within 60 s: " + command);
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
