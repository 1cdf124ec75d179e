package org.userresolver.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.ResolutionException;
import org.userresolver.testkit.MutableClock;

final class OAuthTokenClientTest {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final String TOKEN_ANSWER = "{\"token_type\": \"Bearer\", \"expires_in\": 3600,"
      + " \"access_token\": \"eyJ.access.token\", \"scope\": \"okta.users.read\"}";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private final MutableClock clock = new MutableClock(START);
  private final HttpJsonClient http = HttpJsonClient.create(HttpClientConfig.ofDefaults(), clock);

  private URI tokenEndpoint() {
    return URI.create(server.baseUrl() + "/oauth2/v1/token");
  }

  private void answer(String json) {
    server.stubFor(post("/oauth2/v1/token").willReturn(okJson(json)));
  }

  private List<Map<String, String>> forms() {
    List<Map<String, String>> forms = new ArrayList<>();
    for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo(
        "/oauth2/v1/token")))) {
      Map<String, String> form = new LinkedHashMap<>();
      for (String pair : request.getBodyAsString().split("&")) {
        String[] nameValue = pair.split("=", 2);
        form.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
            URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
      }
      forms.add(form);
    }
    return forms;
  }

  @Test
  void clientSecretBasic_sendsABasicHeader_andReturnsTheToken() {
    answer(TOKEN_ANSWER);
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretBasic("client:1", "s3cr3t"))
        .scopes(List.of("okta.users.read")).build();

    AccessToken token = tokens.token();

    assertEquals("eyJ.access.token", token.value());
    assertEquals("Bearer eyJ.access.token", token.authorizationHeader());
    assertEquals(START.plusSeconds(3600), token.expiresAt());
    assertEquals(Set.of("okta.users.read"), token.scopes());
    String basic = Base64.getEncoder().encodeToString("client%3A1:s3cr3t".getBytes());
    server.verify(postRequestedFor(urlPathEqualTo("/oauth2/v1/token"))
        .withHeader("Authorization", equalTo("Basic " + basic)));
    assertEquals(Map.of("grant_type", "client_credentials", "scope", "okta.users.read"),
        forms().get(0));
  }

  @Test
  void clientSecretPost_sendsIdAndSecretInTheForm() {
    answer(TOKEN_ANSWER);
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretPost("client-1", "s3cr3t")).build();

    tokens.token();

    assertEquals(Map.of("grant_type", "client_credentials", "client_id", "client-1",
        "client_secret", "s3cr3t"), forms().get(0));
    server.verify(postRequestedFor(urlPathEqualTo("/oauth2/v1/token"))
        .withoutHeader("Authorization"));
  }

  @Test
  void privateKeyJwt_sendsASignedAssertion_withTheRequiredClaims() throws Exception {
    answer(TOKEN_ANSWER);
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.privateKeyJwt("0oa-service", SigningKey.of(
            TestKeys.RSA.getPrivate(), "kid-7")))
        .scopes(List.of("okta.users.read")).build();

    tokens.token();
    tokens.invalidate(tokens.token());
    tokens.token();

    List<Map<String, String>> forms = forms();
    assertEquals(2, forms.size());
    Map<String, String> form = forms.get(0);
    assertEquals("client_credentials", form.get("grant_type"));
    assertEquals("okta.users.read", form.get("scope"));
    assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        form.get("client_assertion_type"));
    String[] jwt = form.get("client_assertion").split("\\.");
    JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertEquals("RS256", header.path("alg").asText());
    assertEquals("kid-7", header.path("kid").asText());
    assertEquals("0oa-service", claims.path("iss").asText());
    assertEquals("0oa-service", claims.path("sub").asText());
    assertEquals(tokenEndpoint().toString(), claims.path("aud").asText());
    assertEquals(START.getEpochSecond(), claims.path("iat").asLong());
    assertEquals(START.getEpochSecond() + 300, claims.path("exp").asLong());
    assertFalse(claims.path("jti").asText().isEmpty());
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(TestKeys.RSA.getPublic());
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])));
    JsonNode second = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(
        forms.get(1).get("client_assertion").split("\\.")[1]));
    assertNotEquals(claims.path("jti").asText(), second.path("jti").asText());
  }

  @Test
  void privateKeyJwt_signsWithEs256_forEcKeys() throws Exception {
    answer(TOKEN_ANSWER);
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.privateKeyJwt("0oa-service", SigningKey.of(
            TestKeys.EC.getPrivate(), null))).build();

    tokens.token();

    String[] jwt = forms().get(0).get("client_assertion").split("\\.");
    assertEquals("ES256", Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[0]))
        .path("alg").asText());
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(TestKeys.EC.getPublic());
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])));
  }

  @Test
  void jwtBearer_sendsTheRfc7523Grant_withScopeAndSubjectClaims() throws Exception {
    answer("{\"access_token\": \"ya29.token\", \"expires_in\": 3599, \"token_type\": "
        + "\"Bearer\"}");
    OAuthTokenClient tokens = OAuthTokenClient.jwtBearer(http, tokenEndpoint(),
        SigningKey.of(TestKeys.RSA.getPrivate(), "private-key-id"), "sa@project.iam.example")
        .subject("admin@acme.com")
        .scopes(List.of("scope.a", "scope.b"))
        .assertionLifetime(Duration.ofHours(1))
        .build();

    AccessToken token = tokens.token();

    assertEquals(Set.of("scope.a", "scope.b"), token.scopes());
    Map<String, String> form = forms().get(0);
    assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
    String[] jwt = form.get("assertion").split("\\.");
    JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertEquals("sa@project.iam.example", claims.path("iss").asText());
    assertEquals("admin@acme.com", claims.path("sub").asText());
    assertEquals("scope.a scope.b", claims.path("scope").asText());
    assertEquals(tokenEndpoint().toString(), claims.path("aud").asText());
    assertEquals(3600, claims.path("exp").asLong() - claims.path("iat").asLong());
    assertEquals("private-key-id", Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[0]))
        .path("kid").asText());
  }

  @Test
  void token_isReused_untilTheRefreshMarginBeforeExpiry() {
    answer(TOKEN_ANSWER);
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretPost("c", "s")).build();

    AccessToken first = tokens.token();
    clock.advance(Duration.ofSeconds(3539));
    assertSame(first, tokens.token());
    server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/v1/token")));

    clock.advance(Duration.ofSeconds(2));
    AccessToken second = tokens.token();

    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth2/v1/token")));
    assertEquals(START.plusSeconds(3541 + 3600), second.expiresAt());
  }

  @Test
  void token_refreshesAtHalfItsLifetime_whenItIsShorterThanTwiceTheMargin() {
    answer("{\"access_token\": \"short\", \"expires_in\": 60}");
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretPost("c", "s")).build();

    tokens.token();
    clock.advance(Duration.ofSeconds(29));
    tokens.token();
    server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/v1/token")));
    clock.advance(Duration.ofSeconds(1));
    tokens.token();

    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth2/v1/token")));
  }

  @Test
  void token_comesFromASuppliedEndpoint_andIsReplaced_whenTheEndpointChanges() {
    answer(TOKEN_ANSWER);
    server.stubFor(post("/realms/other/token").willReturn(okJson(TOKEN_ANSWER.replace(
        "eyJ.access.token", "eyJ.other.token"))));
    AtomicReference<URI> endpoint = new AtomicReference<>(tokenEndpoint());
    AtomicInteger asked = new AtomicInteger();
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, () -> {
      asked.incrementAndGet();
      return endpoint.get();
    }, ClientAuthentication.clientSecretPost("c", "s")).build();

    assertEquals("eyJ.access.token", tokens.token().value());
    assertEquals("eyJ.access.token", tokens.token().value());
    endpoint.set(URI.create(server.baseUrl() + "/realms/other/token"));
    AccessToken other = tokens.token();

    assertEquals("eyJ.other.token", other.value());
    assertEquals(3, asked.get());
    server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/v1/token")));
    server.verify(1, postRequestedFor(urlPathEqualTo("/realms/other/token")));
    assertEquals("OAuthTokenClient[token endpoint found at use (client_credentials, "
        + "client_secret_post, client c)]", tokens.toString());
  }

  @Test
  void token_failsPermanently_whenASuppliedEndpointIsNotHttps_sendingNothing() {
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http,
        () -> URI.create("http://sso.example.com/token"),
        ClientAuthentication.clientSecretPost("c", "s")).build();

    ResolutionException e = assertThrows(ResolutionException.class, tokens::token);

    assertFalse(e.isTransient());
    assertEquals("the token endpoint \"http://sso.example.com/token\" is not an https URL "
        + "(plain http only for loopback hosts)", e.getMessage());
  }

  @Test
  void token_keepsTheCurrentToken_whenARefreshFailsBeforeItExpires() {
    answer(TOKEN_ANSWER);
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretPost("c", "s")).build();
    AccessToken first = tokens.token();
    server.stubFor(post("/oauth2/v1/token").willReturn(aResponse().withStatus(503)));
    clock.advance(Duration.ofSeconds(3570));

    assertSame(first, tokens.token());

    clock.advance(Duration.ofSeconds(30));
    ResolutionException e = assertThrows(ResolutionException.class, tokens::token);
    assertTrue(e.isTransient());
  }

  @Test
  void token_failsPermanently_whenTheClientIsRejected_withoutShowingTheSecret() {
    server.stubFor(post("/oauth2/v1/token").willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid_client\", \"error_description\": \"The client secret "
            + "supplied for a confidential client is invalid.\"}")));
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretBasic("c", "very-s3cr3t")).build();

    ResolutionException e = assertThrows(ResolutionException.class, tokens::token);

    assertFalse(e.isTransient());
    assertEquals("token request failed: POST " + tokenEndpoint() + " answered HTTP 401 "
        + "(invalid_client: The client secret supplied for a confidential client is invalid.)",
        e.getMessage());
    assertFalse(tokens.toString().contains("very-s3cr3t"), tokens.toString());
  }

  @Test
  void token_failsTransiently_withRetryAfter_whenRateLimited() {
    server.stubFor(post("/oauth2/v1/token").willReturn(aResponse().withStatus(429)
        .withHeader("X-Rate-Limit-Reset", String.valueOf(START.getEpochSecond() + 12))));
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretPost("c", "s")).build();

    ResolutionException e = assertThrows(ResolutionException.class, tokens::token);

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(12)), e.retryAfter());
    assertTrue(e.getMessage().startsWith("token request failed: POST "), e.getMessage());
  }

  @Test
  void token_rejectsAnswersWithoutAccessToken_orWithDpopTokens() {
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
        ClientAuthentication.clientSecretPost("c", "s")).build();

    answer("{\"token_type\": \"Bearer\"}");
    ResolutionException missing = assertThrows(ResolutionException.class, tokens::token);
    answer("{\"token_type\": \"DPoP\", \"access_token\": \"dpop-bound\"}");
    ResolutionException dpop = assertThrows(ResolutionException.class, tokens::token);

    assertEquals("the answer to POST " + tokenEndpoint() + " has no access_token",
        missing.getMessage());
    assertEquals("the answer to POST " + tokenEndpoint() + " is a DPoP token; only Bearer tokens "
        + "are supported (turn off proof of possession, DPoP, for this client)",
        dpop.getMessage());
    assertFalse(dpop.getMessage().contains("dpop-bound"));
  }

  @Test
  void concurrentCallers_shareOneTokenRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger requests = new AtomicInteger();
    AccessToken issued = new AccessToken("shared", "Bearer", START.plusSeconds(3600), Set.of());
    OAuthTokenClient tokens = blockingClient(() -> {
      requests.incrementAndGet();
      await(release);
      return issued;
    });

    List<AccessToken> results = callConcurrently(tokens, 8, release);

    assertEquals(1, requests.get());
    results.forEach(token -> assertSame(issued, token));
  }

  @Test
  void concurrentCallers_shareOneFailure() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger requests = new AtomicInteger();
    OAuthTokenClient tokens = blockingClient(() -> {
      requests.incrementAndGet();
      await(release);
      throw ResolutionException.transientFailure("token endpoint down", (Throwable) null);
    });

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AccessToken>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(tokens::token));
      }
      awaitWaiters(tokens, 7);
      release.countDown();
      for (Future<AccessToken> future : futures) {
        Exception e = assertThrows(Exception.class, future::get);
        assertEquals("token endpoint down", e.getCause().getMessage());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, requests.get());
  }

  @Test
  void build_rejectsInsecureEndpoints_andLongAssertions() {
    IllegalArgumentException insecure = assertThrows(IllegalArgumentException.class,
        () -> OAuthTokenClient.clientCredentials(http,
            URI.create("http://acme.okta.com/oauth2/v1/token"),
            ClientAuthentication.clientSecretPost("c", "s")).build());
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> OAuthTokenClient.clientCredentials(http, tokenEndpoint(),
            ClientAuthentication.clientSecretPost("c", "s"))
            .assertionLifetime(Duration.ofMinutes(61)).build());

    assertEquals("tokenEndpoint must be an https URL (plain http only for loopback hosts), found "
        + "\"http://acme.okta.com/oauth2/v1/token\"", insecure.getMessage());
    assertEquals("assertionLifetime must be positive and at most PT1H, found PT1H1M",
        tooLong.getMessage());
  }

  @Test
  void toStrings_neverShowSecretsKeysOrTokens() {
    AccessToken token = new AccessToken("eyJ.secret", "Bearer", START, Set.of("a"));
    ClientAuthentication secret = ClientAuthentication.clientSecretBasic("c", "hush-hush");
    ClientAuthentication key = ClientAuthentication.privateKeyJwt("c",
        SigningKey.of(TestKeys.RSA.getPrivate(), "k"));

    assertEquals("AccessToken[type=Bearer, expiresAt=2025-01-01T00:00:00Z, scopes=[a], "
        + "value=****]", token.toString());
    assertEquals("ClientAuthentication[client_secret_basic, clientId=c, secret=****]",
        secret.toString());
    assertEquals("ClientAuthentication[private_key_jwt, clientId=c, key=SigningKey[RS256, "
        + "kid=k]]", key.toString());
  }

  private OAuthTokenClient blockingClient(Supplier<AccessToken> fetcher) {
    URI endpoint = URI.create("https://idp.example.com/token");
    return new OAuthTokenClient(at -> fetcher.get(), () -> endpoint, endpoint.toString(), clock,
        OAuthTokenClient.DEFAULT_REFRESH_MARGIN, "test");
  }

  private static List<AccessToken> callConcurrently(OAuthTokenClient tokens, int callers,
      CountDownLatch release) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<AccessToken>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(pool.submit(tokens::token));
      }
      awaitWaiters(tokens, callers - 1);
      release.countDown();
      List<AccessToken> results = new ArrayList<>();
      for (Future<AccessToken> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Spins until the other callers wait on the request in flight; no sleeping. */
  private static void awaitWaiters(OAuthTokenClient tokens, int count) {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      while (tokens.waiters() < count) {
        Thread.onSpinWait();
      }
    });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
