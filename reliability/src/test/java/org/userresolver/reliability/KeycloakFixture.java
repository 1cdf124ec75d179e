package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keycloak 26's Admin REST API (WireMock) for realm {@code acme}, read by a confidential
 * client's service account: discovery, {@code client_credentials} with
 * {@code client_secret_basic}, {@code GET /admin/realms/acme/users?email=...&exact=true}, then
 * {@code ?username=...}. Payloads as a Keycloak 26 server sends them. Faults only: the real
 * server's tests live in provider-keycloak.
 */
final class KeycloakFixture extends WireMockProvider {
  private static final String REALM = "/realms/acme";
  private static final String TOKEN_PATH = REALM + "/protocol/openid-connect/token";
  private static final String USERS = "/admin/realms/acme/users";
  private static final String CLIENT_ID = "user-resolver";

  private final String clientSecret = Secrets.make("keycloak-client-secret");
  private final String accessToken = Secrets.make("keycloak-access-token");

  KeycloakFixture() {
    super("keycloak");
    Secrets.register(Base64.getEncoder().encodeToString((CLIENT_ID + ":" + clientSecret)
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void reset() {
    server().resetAll();
    String issuer = baseUrl() + REALM;
    server().stubFor(discoveryRequest().willReturn(okJson(json(Map.of(
        "issuer", issuer,
        "authorization_endpoint", issuer + "/protocol/openid-connect/auth",
        "token_endpoint", issuer + "/protocol/openid-connect/token",
        "jwks_uri", issuer + "/protocol/openid-connect/certs",
        "grant_types_supported", List.of("authorization_code", "client_credentials"),
        "token_endpoint_auth_methods_supported", List.of("client_secret_basic",
            "client_secret_post", "private_key_jwt"))))));
    server().stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(5)
        .withBasicAuth(CLIENT_ID, clientSecret)
        .willReturn(okJson(json(Map.of("access_token", accessToken, "expires_in", 300,
            "refresh_expires_in", 0, "token_type", "Bearer", "not-before-policy", 0,
            "scope", "profile email")))));
    server().stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(9).willReturn(aResponse()
        .withStatus(401).withHeader("Content-Type", "application/json")
        .withBody(json(Map.of("error", "unauthorized_client",
            "error_description", "Invalid client or Invalid client credentials")))));
    server().stubFor(authenticated(lookups()).atPriority(8).willReturn(okJson("[]")));
    server().stubFor(lookups().atPriority(9).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"HTTP 401 Unauthorized\"}")));
  }

  @Override
  public Map<String, String> settings() {
    return settings(clientSecret);
  }

  @Override
  public Map<String, String> settingsWithWrongSecrets() {
    return settings(Secrets.make("keycloak-wrong-secret"));
  }

  private Map<String, String> settings(String secret) {
    Map<String, String> settings = new HashMap<>();
    settings.put("USER_RESOLVER_PROVIDER", "keycloak");
    settings.put("FLASK_OIDC_CONFIG_URL", baseUrl() + REALM + "/.well-known/openid-configuration");
    settings.put("FLASK_OIDC_CLIENT_ID", CLIENT_ID);
    settings.put("KEYCLOAK_CLIENT_SECRET", secret);
    return settings;
  }

  @Override
  public List<BadSetting> badSettings() {
    return List.of(
        new BadSetting("FLASK_OIDC_CONFIG_URL",
            "http://sso.example.com/realms/acme/.well-known/openid-configuration"),
        new BadSetting("FLASK_OIDC_CONFIG_URL", "https://admin:"
            + Secrets.make("keycloak-url-password")
            + "@sso.example.com/realms/acme/.well-known/openid-configuration"),
        new BadSetting("KEYCLOAK_URL", "https://sso.example.com?x=1"),
        new BadSetting("KEYCLOAK_PROFILE_URL", "https://intranet.example.com/{nope}"),
        new BadSetting("KEYCLOAK_ATTRIBUTE_MAP", "title=no_such_field"),
        new BadSetting("KEYCLOAK_ATTRIBUTE_MAP", "=="),
        new BadSetting("KEYCLOAK_CLIENT_SECRET", null),
        new BadSetting("FLASK_OIDC_CLIENT_ID", null),
        new BadSetting("USER_RESOLVER_HTTP_REQUEST_TIMEOUT", "never"),
        new BadSetting("USER_RESOLVER_HTTP_MAX_RESPONSE_BYTES", "-5"));
  }

  @Override
  public void userExists(String id, String firstName, String lastName) {
    server().stubFor(authenticated(lookups()).withQueryParam("email", equalTo(id))
        .atPriority(5).willReturn(okJson(foundAnswer(id, firstName, lastName))));
  }

  /** A list of one {@code UserRepresentation}: the answer to {@code users?email=<id>}. */
  @Override
  public String foundAnswer(String id, String firstName, String lastName) {
    return "[" + json(Map.of(
        "id", "5eb9b1c9-07bf-4f68-85fa-" + String.format("%012x", id.hashCode() & 0xffffffffL),
        "username", "u" + Integer.toHexString(id.hashCode()),
        "firstName", firstName,
        "lastName", lastName,
        "email", id,
        "emailVerified", true,
        "attributes", Map.of("title", List.of("Engineer")),
        "enabled", true,
        "createdTimestamp", 1795868796205L,
        "totp", false)) + "]";
  }

  @Override
  public MappingBuilder lookups() {
    return get(urlPathEqualTo(USERS));
  }

  @Override
  public Optional<MappingBuilder> tokenRequests() {
    return Optional.of(post(urlPathEqualTo(TOKEN_PATH)));
  }

  @Override
  public Optional<MappingBuilder> discovery() {
    return Optional.of(discoveryRequest());
  }

  private static MappingBuilder discoveryRequest() {
    return get(urlPathEqualTo(REALM + "/.well-known/openid-configuration"));
  }

  /** The ids Keycloak was asked for: the {@code email} or {@code username} query value. */
  @Override
  public List<SentId> idsSent() {
    List<SentId> ids = new ArrayList<>();
    for (LoggedRequest request : journal()) {
      if (Percent.rawPath(request.getUrl()).equals(USERS)) {
        String raw = Percent.rawQueryValue(request.getUrl(), "email");
        if (raw == null) {
          raw = Percent.rawQueryValue(request.getUrl(), "username");
        }
        if (raw != null) {
          ids.add(new SentId(raw, Percent.decode(raw)));
        }
      }
    }
    return ids;
  }

  private MappingBuilder authenticated(MappingBuilder request) {
    return request.withHeader("Authorization", equalTo("Bearer " + accessToken));
  }
}
