package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.google.GoogleFixtures;
import org.userresolver.google.GoogleServer;

/**
 * Google Workspace (WireMock): the token endpoint of the JWT bearer grant and the Admin SDK
 * Directory API's {@code GET /admin/directory/v1/users/{userKey}?viewType=admin_view}, for a
 * service account acting as an administrator (domain-wide delegation), its key in a JSON key
 * file whose {@code token_uri} is the fake's. The token endpoint, the key files and Google's
 * payloads are provider-google's own test fakes ({@link GoogleServer}, {@link GoogleFixtures},
 * from its test jar): a token only for an assertion Google would accept (RS256 with the
 * registered key, every claim checked), else Google's 400 {@code invalid_grant}. Google reads
 * no discovery document: {@link #discovery()} is empty.
 */
final class GoogleFixture extends WireMockProvider {
  /** The administrator the service account acts as; the {@code google lookup} check reads it. */
  private static final String SUBJECT = "admin@example.com";
  /** The id of a key Google does not know (deleted in the Cloud console, say). */
  private static final String WRONG_KEY_ID = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";
  private static final String USERS = GoogleFixtures.USERS;

  private final String accessToken = Secrets.make("google-access-token");
  private final GoogleServer google;
  private Path dir;
  private Path keyFile;
  private Path wrongKeyFile;

  GoogleFixture() {
    super("google");
    google = new GoogleServer(server(), this::baseUrl, Clock.systemUTC(), SUBJECT);
    Secrets.registerAll(TestKeys.secretParts(GoogleFixtures.KEYS));
    Secrets.registerAll(TestKeys.secretParts(TestKeys.WRONG));
  }

  @Override
  public void start() {
    super.start();
    try {
      dir = Files.createTempDirectory("google-fixture");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String tokenUri = baseUrl() + GoogleFixtures.TOKEN_PATH;
    keyFile = GoogleFixtures.write(dir.resolve("service-account.json"),
        GoogleFixtures.keyFileText(tokenUri));
    wrongKeyFile = GoogleFixtures.write(dir.resolve("service-account-deleted-key.json"),
        GoogleFixtures.keyFileText(tokenUri, TestKeys.WRONG, WRONG_KEY_ID));
  }

  @Override
  public void reset() {
    registerSecretsSeen();
    server().resetAll();
    google.serveTokens(accessToken);
    server().stubFor(authenticated(get(urlPathEqualTo(USERS + "/" + Percent.encode(SUBJECT))))
        .atPriority(5).willReturn(okJson(foundAnswer(SUBJECT, "Directory", "Admin"))));
    server().stubFor(authenticated(lookups()).atPriority(8).willReturn(
        GoogleServer.googleError(404, GoogleFixtures.notFound())));
    server().stubFor(get(urlPathMatching(USERS + ".*")).atPriority(9).willReturn(
        GoogleServer.googleError(401, GoogleFixtures.error(401, "UNAUTHENTICATED", "global",
            "authError", "Invalid Credentials"))));
  }

  @Override
  public Map<String, String> settings() {
    return settings(keyFile);
  }

  /** The same account's key file holding a key Google does not know. */
  @Override
  public Map<String, String> settingsWithWrongSecrets() {
    return settings(wrongKeyFile);
  }

  private Map<String, String> settings(Path key) {
    Map<String, String> settings = google.settings(key);
    settings.put("USER_RESOLVER_PROVIDER", "google");
    return settings;
  }

  @Override
  public List<BadSetting> badSettings() {
    String good = GoogleFixtures.keyFileText("https://oauth2.googleapis.com/token");
    String garbage = Base64.getMimeEncoder().encodeToString(
        Secrets.make("not-a-key-body").repeat(20).getBytes(StandardCharsets.US_ASCII));
    Secrets.registerAll(garbage.lines().filter(line -> line.length() >= 16).toList());
    String refreshToken = Secrets.make("google-refresh-token");
    String clientSecret = Secrets.make("google-client-secret");
    return List.of(
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", null),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", TestKeys.pem(GoogleFixtures.KEYS)),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", good),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/service-account.json"),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", System.getProperty("java.io.tmpdir")),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", file("not-json",
            "password=" + Secrets.make("file-content-secret") + "\n")),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", file("authorized-user", json(Map.of(
            "type", "authorized_user", "client_id", "764086051850-6qr4p6gpi6hn.apps."
                + "googleusercontent.com", "client_secret", clientSecret,
            "refresh_token", refreshToken)))),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", file("garbage-key",
            replacePrivateKey(good, "-----BEGIN PRIVATE KEY-----\n" + garbage
                + "\n-----END PRIVATE KEY-----\n"))),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", file("half-a-key",
            replacePrivateKey(good, TestKeys.pem(GoogleFixtures.KEYS).substring(0,
                TestKeys.pem(GoogleFixtures.KEYS).length() / 2)))),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", file("plain-http-token-uri",
            GoogleFixtures.keyFileText("http://oauth2.googleapis.com/token"))),
        new BadSetting("GOOGLE_APPLICATION_CREDENTIALS", file("token-uri-password",
            GoogleFixtures.keyFileText("https://svc:" + Secrets.make("google-token-uri-password")
                + "@oauth2.googleapis.com/token"))),
        new BadSetting("GOOGLE_DELEGATED_SUBJECT", "admin"),
        new BadSetting("GOOGLE_DIRECTORY_URL", "http://admin.googleapis.com"),
        new BadSetting("GOOGLE_DIRECTORY_URL", "https://admin:"
            + Secrets.make("google-url-password") + "@admin.googleapis.com"),
        new BadSetting("GOOGLE_DIRECTORY_URL", "https://admin.googleapis.com?x=1"),
        new BadSetting("GOOGLE_PROFILE_URL", "https://intranet.example.com/{nope}"),
        new BadSetting("USER_RESOLVER_HTTP_MAX_RESPONSE_BYTES", "lots"));
  }

  /** The key file's text with another {@code private_key} value. */
  private static String replacePrivateKey(String keyFile, String pem) {
    Map<String, Object> json = new LinkedHashMap<>();
    try {
      JSON.readTree(keyFile).properties().forEach(field -> json.put(field.getKey(),
          field.getValue().asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.put("private_key", pem);
    return json(json);
  }

  /** A readable file of this text, removed when the JVM exits. */
  private static String file(String name, String text) {
    try {
      Path file = Files.createTempFile(name, ".json");
      Files.writeString(file, text);
      file.toFile().deleteOnExit();
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stubs {@code users.get} of the id; but no request reaches {@code users.get} with a dot
   * segment ({@code .} or {@code ..}) as its {@code userKey}: Google, as every server and proxy
   * following RFC 3986, removes dot segments before routing ({@code users/..} is the API's root),
   * and {@code %2E} is the same as {@code .}. The fake's 404 answers those.
   */
  @Override
  public void userExists(String id, String firstName, String lastName) {
    if (isDotSegment(id)) {
      return;
    }
    server().stubFor(authenticated(get(urlPathEqualTo(USERS + "/" + Percent.encode(id))))
        .withQueryParam("viewType", equalTo("admin_view")).atPriority(5)
        .willReturn(okJson(foundAnswer(id, firstName, lastName))));
  }

  /** Not a dot segment: see {@link #userExists}. */
  @Override
  public boolean canBeAskedFor(String id) {
    return !isDotSegment(id);
  }

  private static boolean isDotSegment(String id) {
    return id.equals(".") || id.equals("..");
  }

  /** A {@code User} resource whose primary email is the id: the answer to {@code users.get}. */
  @Override
  public String foundAnswer(String id, String firstName, String lastName) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("kind", "admin#directory#user");
    user.put("id", String.format("1038475629%011d", id.hashCode() & 0xffffffffL));
    user.put("etag", "\"nMZ5v8sRlpcXlN1kOHk7m3QWtxs/" + Integer.toHexString(id.hashCode())
        + "\"");
    user.put("primaryEmail", id);
    user.put("name", Map.of("givenName", firstName, "familyName", lastName,
        "fullName", firstName + " " + lastName));
    user.put("isAdmin", false);
    user.put("suspended", false);
    user.put("archived", false);
    user.put("emails", List.of(Map.of("address", id, "primary", true)));
    user.put("organizations", List.of(Map.of("title", "Engineer", "primary", true,
        "customType", "", "department", "Data Platform", "description", "Full-time")));
    user.put("customerId", "C03az79cb");
    user.put("orgUnitPath", "/");
    return json(user);
  }

  @Override
  public MappingBuilder lookups() {
    return get(urlPathMatching(USERS + "/.*"));
  }

  @Override
  public Optional<MappingBuilder> tokenRequests() {
    return Optional.of(post(urlPathEqualTo(GoogleFixtures.TOKEN_PATH)));
  }

  /** None: the Directory API's and the token endpoint's URLs are fixed, nothing is discovered. */
  @Override
  public Optional<MappingBuilder> discovery() {
    return Optional.empty();
  }

  /** The ids Google was asked for: the {@code userKey} path segment of {@code users.get}. */
  @Override
  public List<SentId> idsSent() {
    List<SentId> ids = new ArrayList<>();
    for (LoggedRequest request : journal()) {
      String path = Percent.rawPath(request.getUrl());
      if (path.startsWith(USERS + "/")) {
        String raw = path.substring(USERS.length() + 1);
        ids.add(new SentId(raw, Percent.decode(raw)));
      }
    }
    return ids;
  }

  /** The signed assertions of the current journal, and their signatures. */
  @Override
  public void registerSecretsSeen() {
    if (!server().isRunning()) {
      return;
    }
    for (String assertion : google.assertions()) {
      if (assertion.length() >= 8) {
        Secrets.register(assertion);
        Secrets.register(assertion.substring(assertion.lastIndexOf('.') + 1));
      }
    }
  }

  @Override
  public void close() {
    super.close();
    for (Path file : new Path[] {keyFile, wrongKeyFile, dir}) {
      try {
        if (file != null) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        // a temporary file left behind
      }
    }
  }

  private MappingBuilder authenticated(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo("Bearer " + accessToken));
  }
}
