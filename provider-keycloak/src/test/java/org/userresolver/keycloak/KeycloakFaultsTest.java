package org.userresolver.keycloak;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.testkit.TestLog;

/**
 * Faults a real Keycloak cannot be made to produce on demand: 503, 429 with
 * {@code Retry-After}, a slow answer, a failing token endpoint, nothing listening. Everything
 * else is tested against the real server ({@code *IT}).
 */
final class KeycloakFaultsTest {
  private static final String REALM_PATH = "/realms/acme";
  private static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";
  private static final String USERS_PATH = "/admin/realms/acme/users";

  @RegisterExtension
  static WireMockExtension keycloak = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @BeforeEach
  void serveDiscoveryAndTokens() {
    keycloak.stubFor(get(REALM_PATH + "/.well-known/openid-configuration")
        .willReturn(okJson(KeycloakFixtures.discovery(keycloak.baseUrl() + REALM_PATH))));
    keycloak.stubFor(post(TOKEN_PATH).willReturn(okJson(KeycloakFixtures.token())));
  }

  private Map<String, String> settings(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("FLASK_OIDC_CONFIG_URL", keycloak.baseUrl() + REALM_PATH
        + "/.well-known/openid-configuration");
    settings.put("FLASK_OIDC_CLIENT_ID", KeycloakFixtures.CLIENT_ID);
    settings.put("FLASK_OIDC_CLIENT_SECRET", KeycloakFixtures.CLIENT_SECRET);
    settings.putAll(extra);
    return settings;
  }

  private UserResolver provider(Map<String, String> extra) {
    return new KeycloakUserResolverFactory().create(Settings.of(settings(extra)));
  }

  private ResolutionException failure(Map<String, String> extra) {
    try (UserResolver resolver = provider(extra)) {
      return assertThrows(ResolutionException.class, () -> resolver.resolve("ada@example.com"));
    }
  }

  private static MappingBuilder byEmail() {
    return get(urlPathEqualTo(USERS_PATH)).withQueryParam("email", equalTo("ada@example.com"))
        .withQueryParam("exact", equalTo("true"));
  }

  private static ResponseDefinitionBuilder unavailable() {
    return aResponse().withStatus(503).withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>503 Service Unavailable</h1></body></html>");
  }

  @Test
  void resolve_isTransient_whenKeycloakAnswers503() {
    keycloak.stubFor(byEmail().willReturn(unavailable()));

    ResolutionException e = failure(Map.of());

    assertTrue(e.isTransient());
    assertEquals("GET " + keycloak.baseUrl() + USERS_PATH + " answered HTTP 503", e.getMessage());
  }

  @Test
  void resolve_isTransient_andKeepsTheDelay_whenKeycloakAnswers429WithRetryAfter() {
    keycloak.stubFor(byEmail().willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"too_many_requests\"}")));

    ResolutionException e = failure(Map.of());

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertEquals("GET " + keycloak.baseUrl() + USERS_PATH + " answered HTTP 429 "
        + "(too_many_requests); retry after PT7S", e.getMessage());
  }

  @Test
  void resolve_isTransient_whenKeycloakAnswersTooSlowly() {
    keycloak.stubFor(byEmail().willReturn(okJson(KeycloakFixtures.adaList())
        .withFixedDelay(8_000)));

    ResolutionException e = failure(Map.of("USER_RESOLVER_HTTP_REQUEST_TIMEOUT", "PT3S"));

    assertTrue(e.isTransient());
    assertEquals("no answer to GET " + keycloak.baseUrl() + USERS_PATH + " within PT3S",
        e.getMessage());
  }

  @Test
  void resolve_isTransient_whenTheTokenEndpointAnswers503() {
    keycloak.stubFor(post(TOKEN_PATH).willReturn(unavailable()));

    ResolutionException e = failure(Map.of());

    assertTrue(e.isTransient());
    assertEquals("token request failed: POST " + keycloak.baseUrl() + TOKEN_PATH
        + " answered HTTP 503", e.getMessage());
  }

  @Test
  void resolve_isTransient_whenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    ResolutionException e = failure(Map.of("KEYCLOAK_URL", "http://127.0.0.1:" + port,
        "KEYCLOAK_REALM", "acme"));

    assertTrue(e.isTransient());
    assertTrue(e.getMessage().startsWith("token request failed: POST http://127.0.0.1:" + port
        + TOKEN_PATH + " failed: ConnectException"), e.getMessage());
  }

  @Test
  void resolve_asksForANewTokenOnce_thenFails_whenKeycloakKeepsRejectingIt() {
    keycloak.stubFor(byEmail().willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"HTTP 401 Unauthorized\"}")));

    ResolutionException e = failure(Map.of());

    assertFalse(e.isTransient());
    assertEquals("Keycloak rejected a new access token of client user-resolver while looking "
        + "up ada@example.com by email in realm acme at " + keycloak.baseUrl() + " (HTTP 401 "
        + "to GET " + keycloak.baseUrl() + USERS_PATH + "): the token must come from realm acme "
        + "at " + keycloak.baseUrl() + ", under the host name Keycloak issues tokens for",
        e.getMessage());
    keycloak.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    keycloak.verify(2, getRequestedFor(urlPathEqualTo(USERS_PATH)));
  }

  @Test
  void resolve_takesNoUserWhoseEmailOrUsernameIsNotTheId_whateverKeycloakMatched() {
    keycloak.stubFor(byEmail().willReturn(okJson("[{\"id\": \"u-1\", \"username\": "
        + "\"mallory\", \"email\": \"mallory@example.com\", \"firstName\": \"Mallory\"}]")));
    keycloak.stubFor(get(urlPathEqualTo(USERS_PATH))
        .withQueryParam("username", equalTo("ada@example.com"))
        .willReturn(okJson("[{\"id\": \"u-2\", \"username\": \"ada.lovelace\", \"email\": "
            + "\"ada@other.example.com\", \"firstName\": \"Ada\"}]")));

    try (UserResolver resolver = provider(Map.of())) {
      UserNotFoundException e = assertThrows(UserNotFoundException.class,
          () -> resolver.resolve("ada@example.com"));

      assertEquals("ada@example.com", e.userId());
    }
    keycloak.verify(1, getRequestedFor(urlPathEqualTo(USERS_PATH))
        .withQueryParam("username", equalTo("ada@example.com")));
  }

  @Test
  void chain_retriesA503_andReturnsTheUser() {
    keycloak.stubFor(byEmail().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(unavailable()).willSetStateTo("recovered"));
    keycloak.stubFor(byEmail().inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(okJson(KeycloakFixtures.adaList())));
    Map<String, String> settings = settings(Map.of("USER_RESOLVER_RETRY_BACKOFF", "PT0.05S"));
    settings.put("USER_RESOLVER_PROVIDER", "keycloak");
    settings.put("USER_RESOLVER_STORE", "none");

    try (UserResolver chain = UserResolvers.builder().settings(Settings.of(settings))
        .meterRegistry(new SimpleMeterRegistry()).build()) {
      assertEquals("Ada Lovelace", chain.resolve("ada@example.com").displayName());
    }
    keycloak.verify(2, getRequestedFor(urlPathEqualTo(USERS_PATH))
        .withQueryParam("email", equalTo("ada@example.com")));
  }

  @Test
  void logs_neverHoldTheSecretOrTheToken_onSuccessOrRefusal() {
    keycloak.stubFor(byEmail().willReturn(okJson(KeycloakFixtures.adaList())));
    Map<String, String> settings = settings(Map.of());
    settings.put("USER_RESOLVER_PROVIDER", "keycloak");
    settings.put("USER_RESOLVER_STORE", "none");
    try (UserResolver chain = UserResolvers.builder().settings(Settings.of(settings))
        .meterRegistry(new SimpleMeterRegistry()).build()) {
      assertEquals("Ada Lovelace", chain.resolve("ada@example.com").displayName());
    }
    keycloak.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":"
            + "\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client "
            + "credentials\"}")));
    try (UserResolver chain = UserResolvers.builder().settings(Settings.of(settings))
        .meterRegistry(new SimpleMeterRegistry()).build()) {
      assertEquals(User.minimal("grace@example.com"), chain.resolve("grace@example.com"));
    }

    String log = TestLog.text();
    String basic = Base64.getEncoder().encodeToString((KeycloakFixtures.CLIENT_ID + ":"
        + KeycloakFixtures.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    assertTrue(log.contains("Keycloak refused an access token to client user-resolver"),
        "the refusal is logged");
    assertTrue(log.contains("GET " + keycloak.baseUrl() + USERS_PATH + " answered HTTP 200"),
        "the successful lookup is logged");
    assertFalse(log.contains(KeycloakFixtures.CLIENT_SECRET), "the secret is logged");
    assertFalse(log.contains(basic), "the Basic credentials are logged");
    assertFalse(log.contains(KeycloakFixtures.TOKEN), "the access token is logged");
  }
}
