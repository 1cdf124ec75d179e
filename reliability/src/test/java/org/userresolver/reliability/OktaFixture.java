package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Okta's Users API (WireMock), authenticated with an API token ({@code SSWS}) or as an OAuth
 * service app ({@code private_key_jwt} at the org authorization server; the private key given
 * as PEM text or as the path of a PEM file). Payloads as Okta's API reference shows them.
 */
final class OktaFixture extends WireMockProvider {
  /** How the provider authenticates. */
  enum Auth {
    API_TOKEN("API token"),
    KEY_TEXT("service app, key as PEM text"),
    KEY_FILE("service app, key file");

    private final String description;

    Auth(String description) {
      this.description = description;
    }
  }

  private static final String USERS = "/api/v1/users";
  private static final String TOKEN_PATH = "/oauth2/v1/token";
  private static final String CLIENT_ID = "0oa1userresolver";

  private final Auth auth;
  private final String apiToken = Secrets.make("okta-api-token");
  private final String accessToken = Secrets.make("okta-access-token");
  private Path keyFile;
  private Path wrongKeyFile;

  OktaFixture(Auth auth) {
    super("okta (" + auth.description + ")");
    this.auth = auth;
    if (auth != Auth.API_TOKEN) {
      Secrets.registerAll(TestKeys.secretParts(TestKeys.RSA));
      Secrets.registerAll(TestKeys.secretParts(TestKeys.WRONG));
    }
  }

  @Override
  public void start() {
    if (auth == Auth.KEY_FILE) {
      keyFile = keyFile(TestKeys.RSA);
      wrongKeyFile = keyFile(TestKeys.WRONG);
    }
    super.start();
  }

  private static Path keyFile(java.security.KeyPair pair) {
    try {
      Path file = Files.createTempFile("okta-service-app", ".pem");
      Files.writeString(file, TestKeys.pem(pair));
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void reset() {
    harvestAssertions();
    server().resetAll();
    server().stubFor(discoveryRequest().willReturn(okJson(json(Map.of(
        "issuer", baseUrl(),
        "authorization_endpoint", baseUrl() + "/oauth2/v1/authorize",
        "token_endpoint", baseUrl() + TOKEN_PATH,
        "jwks_uri", baseUrl() + "/oauth2/v1/keys",
        "response_types_supported", List.of("code", "token"),
        "token_endpoint_auth_methods_supported", List.of("client_secret_basic",
            "private_key_jwt"))))));
    server().stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(5)
        .andMatching(request -> MatchResult.of(validAssertion(request.getBodyAsString())))
        .willReturn(okJson(json(Map.of("token_type", "Bearer", "expires_in", 3600,
            "access_token", accessToken, "scope", "okta.users.read")))));
    server().stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(9).willReturn(
        aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody(json(Map.of("error", "invalid_client",
                "error_description", "The client_assertion signature is invalid.")))));
    server().stubFor(authenticated(get(urlPathEqualTo(USERS + "/me"))).atPriority(5)
        .willReturn(okJson(foundAnswer("admin@example.com", "Read-only", "Admin"))));
    server().stubFor(authenticated(get(urlPathMatching(USERS + "/.*"))).atPriority(8)
        .willReturn(error(404, "E0000007", "Not found: Resource not found: (User)")));
    server().stubFor(authenticated(get(urlPathEqualTo(USERS))).atPriority(8)
        .willReturn(okJson("[]")));
    server().stubFor(get(urlPathMatching(USERS + ".*")).atPriority(9)
        .willReturn(error(401, "E0000011", "Invalid token provided")));
  }

  @Override
  public Map<String, String> settings() {
    return settings(apiToken, false);
  }

  @Override
  public Map<String, String> settingsWithWrongSecrets() {
    return settings(Secrets.make("okta-wrong-token"), true);
  }

  /**
   * Whether a token request authenticates the service app: {@code private_key_jwt} with an
   * assertion signed by its key, issued by and for its client id.
   */
  private static boolean validAssertion(String form) {
    for (String field : form.split("&")) {
      if (field.startsWith("client_assertion=")) {
        String jwt = field.substring("client_assertion=".length());
        String[] parts = jwt.split("\\.");
        if (parts.length != 3 || !TestKeys.signedBy(TestKeys.RSA, jwt)) {
          return false;
        }
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]),
            StandardCharsets.UTF_8);
        return claims.contains("\"iss\":\"" + CLIENT_ID + "\"")
            && claims.contains("\"sub\":\"" + CLIENT_ID + "\"");
      }
    }
    return false;
  }

  private Map<String, String> settings(String token, boolean wrong) {
    Map<String, String> settings = new HashMap<>();
    settings.put("USER_RESOLVER_PROVIDER", "okta");
    settings.put("FLASK_OIDC_CONFIG_URL", baseUrl() + "/.well-known/openid-configuration");
    settings.put("OKTA_RESOLVE_MANAGER", "false");
    switch (auth) {
      case API_TOKEN -> settings.put("OKTA_API_TOKEN", token);
      case KEY_TEXT, KEY_FILE -> {
        settings.put("OKTA_CLIENT_ID", CLIENT_ID);
        settings.put("OKTA_KEY_ID", "kid-userresolver");
        java.security.KeyPair pair = wrong ? TestKeys.WRONG : TestKeys.RSA;
        settings.put("OKTA_PRIVATE_KEY", auth == Auth.KEY_TEXT ? TestKeys.pem(pair)
            : (wrong ? wrongKeyFile : keyFile).toString());
      }
      default -> throw new IllegalStateException();
    }
    return settings;
  }

  @Override
  public List<BadSetting> badSettings() {
    List<BadSetting> bad = new ArrayList<>(List.of(
        new BadSetting("FLASK_OIDC_CONFIG_URL",
            "http://acme.okta.com/.well-known/openid-configuration"),
        new BadSetting("FLASK_OIDC_CONFIG_URL",
            "ftp://acme.okta.com/.well-known/openid-configuration"),
        new BadSetting("FLASK_OIDC_CONFIG_URL", "https://admin:"
            + Secrets.make("okta-url-password") + "@acme.okta.com/.well-known/openid-configuration"),
        new BadSetting("FLASK_OIDC_CONFIG_URL", "%zz"),
        new BadSetting("OKTA_ORG_URL", "https://acme.okta.com/api/v1?x=1"),
        new BadSetting("OKTA_ORG_URL", "javascript:alert(1)"),
        new BadSetting("OKTA_RESOLVE_MANAGER", "yes")));
    if (auth == Auth.API_TOKEN) {
      bad.add(new BadSetting("OKTA_API_TOKEN", Secrets.make("okta-token-newline") + "\n"
          + Secrets.make("okta-token-second-line")));
      bad.add(new BadSetting("OKTA_API_TOKEN", "\u201C" + Secrets.make("okta-token-quoted")
          + "\u201D"));
      bad.add(new BadSetting("OKTA_API_TOKEN", Secrets.make("okta-token-header")
          + "\r\nX-Injected: 1"));
      bad.add(new BadSetting("OKTA_API_TOKEN", Secrets.make("okta-token") + " "
          + Secrets.make("okta-token")));
    } else {
      String garbage = Base64.getMimeEncoder().encodeToString(
          Secrets.make("not-a-key-body").repeat(20).getBytes(StandardCharsets.US_ASCII));
      Secrets.registerAll(garbage.lines().filter(line -> line.length() >= 16).toList());
      String pem = TestKeys.pem(TestKeys.RSA);
      bad.add(new BadSetting("OKTA_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\n" + garbage
          + "\n-----END PRIVATE KEY-----\n"));
      bad.add(new BadSetting("OKTA_PRIVATE_KEY", pem.substring(0, pem.length() / 2)));
      bad.add(new BadSetting("OKTA_PRIVATE_KEY", Base64.getEncoder().encodeToString(
          TestKeys.RSA.getPrivate().getEncoded())));
      bad.add(new BadSetting("OKTA_PRIVATE_KEY", "/nonexistent/okta-service-app.pem"));
      bad.add(new BadSetting("OKTA_PRIVATE_KEY", System.getProperty("java.io.tmpdir")));
      bad.add(new BadSetting("OKTA_PRIVATE_KEY", notAKeyFile().toString()));
      bad.add(new BadSetting("OKTA_CLIENT_ID", null));
    }
    return bad;
  }

  /** A readable file whose content is a secret but not a key. */
  private static Path notAKeyFile() {
    try {
      Path file = Files.createTempFile("not-a-key", ".pem");
      Files.writeString(file, "password=" + Secrets.make("file-content-secret") + "\n");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void userExists(String id, String firstName, String lastName) {
    String user = foundAnswer(id, firstName, lastName);
    if (byPath(id)) {
      server().stubFor(authenticated(get(urlPathEqualTo(USERS + "/" + Percent.encode(id))))
          .atPriority(5).willReturn(okJson(user)));
    }
    server().stubFor(authenticated(get(urlPathEqualTo(USERS)))
        .withQueryParam("search", equalTo(filter(id))).atPriority(5)
        .willReturn(okJson("[" + user + "]")));
  }

  /** Okta's user object: the answer to {@code GET /api/v1/users/{id}}. */
  @Override
  public String foundAnswer(String id, String firstName, String lastName) {
    return json(Map.of(
        "id", "00u" + Integer.toHexString(id.hashCode()),
        "status", "ACTIVE",
        "profile", Map.of("login", id, "email", id, "firstName", firstName,
            "lastName", lastName, "title", "Engineer", "department", "Data Platform"),
        "_links", Map.of("self", Map.of("href", baseUrl() + USERS + "/00u"
            + Integer.toHexString(id.hashCode())))));
  }

  @Override
  public MappingBuilder lookups() {
    return get(urlPathMatching(USERS + "(/.*)?"));
  }

  @Override
  public Optional<MappingBuilder> tokenRequests() {
    return auth == Auth.API_TOKEN ? Optional.empty()
        : Optional.of(post(urlPathEqualTo(TOKEN_PATH)));
  }

  @Override
  public Optional<MappingBuilder> discovery() {
    return Optional.of(discoveryRequest());
  }

  private static MappingBuilder discoveryRequest() {
    return get(urlPathEqualTo("/.well-known/openid-configuration"));
  }

  /**
   * The ids Okta was asked for: {@code GET /api/v1/users/{id}} (the path segment) and
   * {@code GET /api/v1/users?search=profile.email eq "<id>"} (the filter, quotes and
   * backslashes escaped).
   */
  @Override
  public List<SentId> idsSent() {
    List<SentId> ids = new ArrayList<>();
    for (LoggedRequest request : journal()) {
      String path = Percent.rawPath(request.getUrl());
      if (path.startsWith(USERS + "/")) {
        String raw = path.substring(USERS.length() + 1);
        ids.add(new SentId(raw, Percent.decode(raw)));
      } else if (path.equals(USERS) && Percent.rawQueryValue(request.getUrl(), "search") != null) {
        String raw = Percent.rawQueryValue(request.getUrl(), "search");
        String filter = Percent.decode(raw);
        String prefix = "profile.email eq \"";
        if (!filter.startsWith(prefix) || !filter.endsWith("\"")) {
          throw new AssertionError("not an exact email search: " + filter);
        }
        ids.add(new SentId(raw, filter.substring(prefix.length(), filter.length() - 1)
            .replace("\\\"", "\"").replace("\\\\", "\\")));
      }
    }
    return ids;
  }

  /** Okta's rule: ids Okta cannot fetch by path go to the search alone. */
  private static boolean byPath(String id) {
    return id.indexOf('/') < 0 && id.indexOf('?') < 0 && !id.equalsIgnoreCase("me")
        && !id.equals(".") && !id.equals("..");
  }

  private static String filter(String id) {
    return "profile.email eq \"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private MappingBuilder authenticated(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo(auth == Auth.API_TOKEN
        ? "SSWS " + apiToken : "Bearer " + accessToken));
  }

  private static ResponseDefinitionBuilder error(int status, String code, String summary) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(json(Map.of("errorCode", code, "errorSummary", summary, "errorLink", code,
            "errorId", "oae" + code.toLowerCase(Locale.ROOT), "errorCauses", List.of())));
  }

  /** Registers the signed client assertions sent so far: credentials too. */
  private void harvestAssertions() {
    if (auth == Auth.API_TOKEN || !server().isRunning()) {
      return;
    }
    for (LoggedRequest request : journal()) {
      if (request.getUrl().startsWith(TOKEN_PATH)) {
        for (String field : request.getBodyAsString().split("&")) {
          if (field.startsWith("client_assertion=")) {
            String jwt = field.substring("client_assertion=".length());
            Secrets.register(jwt);
            Secrets.register(jwt.substring(jwt.lastIndexOf('.') + 1));
          }
        }
      }
    }
  }

  /** The signed client assertions of the current journal. */
  @Override
  public void registerSecretsSeen() {
    harvestAssertions();
  }
}
