package org.userresolver.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.testkit.MutableClock;

final class OktaServiceAppTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final String WELL_KNOWN = "/.well-known/openid-configuration";
  private static final String ADA_PATH = "/api/v1/users/ada%40example.com";
  private static final String TOKEN_PATH = "/oauth2/v1/token";
  private static final String CLIENT_ID = "0oa-service-app";
  private static final KeyPair KEYS = rsaKeys();
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static WireMockExtension okta = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(NOW);
  private Path keyFile;

  @BeforeEach
  void serveOkta() throws IOException {
    keyFile = dir.resolve("okta-service-app.pem");
    Files.writeString(keyFile, pem());
    String base = okta.baseUrl();
    okta.stubFor(get(WELL_KNOWN).willReturn(okJson(OktaFixtures.discovery(base))));
    okta.stubFor(post(TOKEN_PATH).willReturn(okJson(token("eyJ.token-one"))));
    okta.stubFor(get(urlEqualTo(ADA_PATH))
        .withHeader("Authorization", equalTo("Bearer eyJ.token-one"))
        .willReturn(okJson(OktaFixtures.ada(base))));
    okta.stubFor(get(urlEqualTo("/api/v1/users?limit=1"))
        .willReturn(okJson("[" + OktaFixtures.ada(base) + "]")));
  }

  private UserResolver create(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("FLASK_OIDC_CONFIG_URL", okta.baseUrl() + WELL_KNOWN);
    settings.put("OKTA_CLIENT_ID", CLIENT_ID);
    settings.put("OKTA_PRIVATE_KEY", keyFile.toString());
    settings.put("OKTA_KEY_ID", "kid-2025");
    settings.put("OKTA_RESOLVE_MANAGER", "false");
    settings.putAll(extra);
    return new OktaUserResolverFactory().create(Settings.of(settings), clock);
  }

  @Test
  void resolve_getsOneAccessToken_withPrivateKeyJwt_fromTheOrgTokenEndpoint() throws Exception {
    try (UserResolver resolver = create(Map.of())) {
      assertEquals("Countess Lovelace", resolver.resolve("ada@example.com").displayName());
      assertEquals("Countess Lovelace", resolver.resolve("ada@example.com").displayName());
    }

    okta.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    okta.verify(2, getRequestedFor(urlEqualTo(ADA_PATH)));
    Map<String, String> form = form(okta.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))
        .get(0).getBodyAsString());
    assertEquals("client_credentials", form.get("grant_type"));
    assertEquals("okta.users.read", form.get("scope"));
    assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        form.get("client_assertion_type"));
    String[] jwt = form.get("client_assertion").split("\\.");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertEquals("RS256", header.path("alg").asText());
    assertEquals("kid-2025", header.path("kid").asText());
    assertEquals(CLIENT_ID, claims.path("iss").asText());
    assertEquals(CLIENT_ID, claims.path("sub").asText());
    assertEquals(okta.baseUrl() + TOKEN_PATH, claims.path("aud").asText());
    assertTrue(claims.path("exp").asLong() - claims.path("iat").asLong() <= 3600);
    assertFalse(claims.path("jti").asText().isEmpty());
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(KEYS.getPublic());
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])));
  }

  @Test
  void resolve_asksTheOrgServer_notACustomAuthorizationServer_forOktaScopes() {
    String issuer = okta.baseUrl() + "/oauth2/aus1default";
    okta.stubFor(get("/oauth2/aus1default" + WELL_KNOWN).willReturn(okJson("{\"issuer\": \""
        + issuer + "\", \"token_endpoint\": \"" + issuer + "/v1/token\"}")));

    try (UserResolver resolver = create(Map.of("FLASK_OIDC_CONFIG_URL", issuer + WELL_KNOWN))) {
      resolver.resolve("ada@example.com");
    }

    okta.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    okta.verify(0, postRequestedFor(urlPathEqualTo("/oauth2/aus1default/v1/token")));
  }

  @Test
  void resolve_retriesOnce_withANewToken_afterA401() {
    okta.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(token("eyJ.revoked"))).willSetStateTo("second"));
    okta.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(okJson(token("eyJ.token-one"))));
    okta.stubFor(get(urlEqualTo(ADA_PATH))
        .withHeader("Authorization", equalTo("Bearer eyJ.revoked"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody(OktaFixtures.error("E0000011", "Invalid token provided"))));

    try (UserResolver resolver = create(Map.of())) {
      assertEquals("Countess Lovelace", resolver.resolve("ada@example.com").displayName());
    }

    okta.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    okta.verify(2, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void resolve_failsPermanently_whenANewTokenIsRejectedToo() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).atPriority(1)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody(OktaFixtures.error("E0000011", "Invalid token provided"))));

    try (UserResolver resolver = create(Map.of())) {
      ResolutionException e = assertThrows(ResolutionException.class,
          () -> resolver.resolve("ada@example.com"));

      assertFalse(e.isTransient());
      assertEquals("Okta rejected the access token of service app " + CLIENT_ID + " while "
          + "looking up ada@example.com (HTTP 401 E0000011: Invalid token provided): check that "
          + "service app " + CLIENT_ID + " is active and its public key matches "
          + "OKTA_PRIVATE_KEY", e.getMessage());
      assertFalse(e.getMessage().contains("eyJ.token-one"));
    }
    okta.verify(2, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void resolve_failsPermanently_whenTheTokenEndpointRejectsTheAssertion() {
    okta.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid_client\", \"error_description\": \"The client_assertion"
            + " signature is invalid.\"}")));

    try (UserResolver resolver = create(Map.of())) {
      ResolutionException e = assertThrows(ResolutionException.class,
          () -> resolver.resolve("ada@example.com"));

      assertFalse(e.isTransient());
      assertEquals("token request failed: POST " + okta.baseUrl() + TOKEN_PATH + " answered "
          + "HTTP 401 (invalid_client: The client_assertion signature is invalid.)",
          e.getMessage());
    }
    okta.verify(0, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void checks_reportDiscovery_theAccessToken_andOneLookup() {
    try (UserResolver resolver = create(Map.of("OKTA_PRIVATE_KEY", pem()))) {
      List<Check.Result> results = resolver.checks().stream().map(Check::run).toList();

      assertEquals(List.of(
          new Check.Result("okta discovery document", true, "issuer " + okta.baseUrl()
              + ", org URL " + okta.baseUrl()),
          new Check.Result("okta token", true, "access token from " + okta.baseUrl()
              + TOKEN_PATH + " for okta.users.read, valid until " + NOW.plusSeconds(3600)),
          new Check.Result("okta lookup", true, "users readable: 1 returned for limit=1")),
          results);
      assertEquals("OktaUserResolver[org=discovered from " + okta.baseUrl() + WELL_KNOWN
          + ", auth=the access token of service app " + CLIENT_ID + "]", resolver.toString());
    }
  }

  private static String token(String value) {
    return "{\"token_type\": \"Bearer\", \"expires_in\": 3600, \"access_token\": \"" + value
        + "\", \"scope\": \"okta.users.read\"}";
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] nameValue = pair.split("=", 2);
      form.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  private static String pem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(KEYS.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
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
