package org.userresolver.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.ResolutionException;
import org.userresolver.testkit.MutableClock;

final class ApiClientTest {
  private static final String SECRET = "00s3cr3t-api-token";
  private static final String TOKEN_PATH = "/oauth2/v1/token";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private final HttpJsonClient http = HttpJsonClient.create(HttpClientConfig.ofDefaults(),
      new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));

  private URI url(String path) {
    return URI.create(server.baseUrl() + path);
  }

  private static ResponseDefinitionBuilder error(int status, String code, String summary) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\": \"" + code + "\", \"errorSummary\": \"" + summary + "\"}");
  }

  private static String token(String value) {
    return "{\"token_type\": \"Bearer\", \"expires_in\": 3600, \"access_token\": \"" + value
        + "\"}";
  }

  private OAuthTokenClient tokens() {
    return OAuthTokenClient.clientCredentials(http, url(TOKEN_PATH),
        ClientAuthentication.clientSecretPost("c", "client-s3cr3t")).build();
  }

  @Test
  void get_sendsTheSchemeCredential_andMapsTheAnswer() {
    server.stubFor(get("/users/ada").willReturn(okJson("{\"id\": \"00u1\"}")));
    server.stubFor(get("/users/nobody").willReturn(error(404, "E0000007", "Not found")));
    ApiClient api = ApiClient.builder("Acme", http, ApiCredentials.scheme("SSWS", SECRET))
        .build();

    assertEquals("00u1", api.get(url("/users/ada"), "looking up ada").orElseThrow().json()
        .path("id").asText());
    assertTrue(api.get(url("/users/nobody"), "looking up nobody").isEmpty());
    server.verify(getRequestedFor(urlPathEqualTo("/users/ada"))
        .withHeader("Authorization", equalTo("SSWS " + SECRET)));
  }

  @Test
  void get_explainsA401_atOnce_whenTheCredentialCannotBeReplaced() {
    server.stubFor(get("/users/ada").willReturn(error(401, "E0000011", "Invalid token provided")));
    ApiClient api = ApiClient.builder("Acme", http, ApiCredentials.scheme("SSWS", SECRET))
        .explain(401, (what, response) -> "Acme rejected the API token while " + what + " ("
            + response.describeStatus() + "): check ACME_TOKEN")
        .build();

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/ada"), "looking up ada"));

    assertFalse(e.isTransient());
    assertEquals("Acme rejected the API token while looking up ada (HTTP 401 E0000011: Invalid "
        + "token provided): check ACME_TOKEN", e.getMessage());
    server.verify(1, getRequestedFor(urlPathEqualTo("/users/ada")));
  }

  @Test
  void get_sendsOnceMoreWithANewToken_afterA401_thenExplains() {
    server.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(token("eyJ.revoked"))).willSetStateTo("second"));
    server.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(okJson(token("eyJ.fresh"))));
    server.stubFor(get("/users/ada").withHeader("Authorization", equalTo("Bearer eyJ.revoked"))
        .willReturn(aResponse().withStatus(401)));
    server.stubFor(get("/users/ada").withHeader("Authorization", equalTo("Bearer eyJ.fresh"))
        .willReturn(okJson("{\"id\": \"00u1\"}")));
    server.stubFor(get("/users/bob").willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"HTTP 401 Unauthorized\"}")));
    ApiClient api = ApiClient.builder("Acme", http, ApiCredentials.oauth(tokens())).build();

    assertEquals("00u1", api.get(url("/users/ada"), "looking up ada").orElseThrow().json()
        .path("id").asText());
    ResolutionException e = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/bob"), "looking up bob"));

    assertEquals("Acme rejected the credentials while looking up bob (HTTP 401 to GET "
        + server.baseUrl() + "/users/bob)", e.getMessage());
    assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
    server.verify(2, getRequestedFor(urlPathEqualTo("/users/ada")));
    server.verify(2, getRequestedFor(urlPathEqualTo("/users/bob")));
    server.verify(3, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void get_explainsA403_andLeavesOtherStatusesToTheSharedMapping() {
    server.stubFor(get("/users/ada").willReturn(error(403, "E0000006", "You do not have "
        + "permission")));
    server.stubFor(get("/users/bob").willReturn(error(400, "E0000001", "Bad request")));
    server.stubFor(get("/users/eve").willReturn(error(503, "E0000009", "Down")));
    ApiClient api = ApiClient.builder("Acme", http, ApiCredentials.scheme("SSWS", SECRET))
        .explain(403, (what, response) -> "Acme refused " + what + " ("
            + response.describeStatus() + "): grant users:read")
        .build();

    ResolutionException forbidden = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/ada"), "looking up ada"));
    ResolutionException bad = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/bob"), "looking up bob"));
    ResolutionException down = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/eve"), "looking up eve"));

    assertEquals("Acme refused looking up ada (HTTP 403 E0000006: You do not have permission): "
        + "grant users:read", forbidden.getMessage());
    assertEquals("GET " + server.baseUrl() + "/users/bob answered HTTP 400 (E0000001: Bad "
        + "request)", bad.getMessage());
    assertFalse(bad.isTransient());
    assertTrue(down.isTransient());
  }

  @Test
  void get_leavesARateLimitedA403Transient_evenWhen403IsExplained() {
    server.stubFor(get("/users/ada").willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json").withHeader("Retry-After", "2")
        .withBody("{\"error\": {\"code\": 403, \"message\": \"Rate Limit Exceeded\", "
            + "\"errors\": [{\"domain\": \"usageLimits\", \"reason\": "
            + "\"userRateLimitExceeded\", \"message\": \"Rate Limit Exceeded\"}]}}")));
    HttpJsonClient limited = HttpJsonClient.create(HttpClientConfig.custom()
        .rateLimitErrorCodes(java.util.Set.of("userRateLimitExceeded")).build());
    ApiClient api = ApiClient.builder("Acme", limited, ApiCredentials.scheme("SSWS", SECRET))
        .explain(403, (what, response) -> "Acme refused " + what)
        .build();

    ResolutionException limit = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/ada"), "looking up ada"));

    assertTrue(limit.isTransient(), limit.getMessage());
    assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(2)), limit.retryAfter());
  }

  @Test
  void send_postsJson_withBasicCredentialsUpFront_andExchangeLeavesA409ToTheCaller() {
    server.stubFor(post("/api/atlas/v2/entity").willReturn(okJson("{\"guidAssignments\": {}}")));
    server.stubFor(post("/api/atlas/v2/types/typedefs").willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\": \"ATLAS-409-00-001\", \"errorMessage\": \"exists\"}")));
    ApiClient atlas = ApiClient.builder("Atlas", http, ApiCredentials.basic("admin", "pa:ss"))
        .build();

    atlas.send(JsonRequest.postJson(url("/api/atlas/v2/entity"), "{\"entity\": {}}"),
        "creating a user");
    JsonResponse conflict = atlas.exchange(JsonRequest.postJson(
        url("/api/atlas/v2/types/typedefs"), "{}"), "creating the User type");

    assertEquals(409, conflict.status());
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        "admin:pa:ss".getBytes(StandardCharsets.UTF_8));
    server.verify(1, postRequestedFor(urlPathEqualTo("/api/atlas/v2/entity"))
        .withHeader("Authorization", equalTo(basic))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"entity\": {}}")));
  }

  @Test
  void explainCredentialFailure_rewordsAPermanentTokenFailure_andLeavesTransientOnesAlone() {
    server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid_client\"}")));
    ApiClient api = ApiClient.builder("Acme", http, ApiCredentials.oauth(tokens()))
        .explainCredentialFailure(e -> "Acme refused a token: " + e.getMessage()
            + "; check ACME_CLIENT_SECRET")
        .build();

    ResolutionException refused = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/ada"), "looking up ada"));
    server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(503)));
    ResolutionException down = assertThrows(ResolutionException.class,
        () -> api.get(url("/users/ada"), "looking up ada"));

    assertEquals("Acme refused a token: token request failed: POST " + server.baseUrl()
        + TOKEN_PATH + " answered HTTP 401 (invalid_client); check ACME_CLIENT_SECRET",
        refused.getMessage());
    assertFalse(refused.isTransient());
    assertTrue(down.isTransient());
    assertFalse(down.getMessage().startsWith("Acme refused"), down.getMessage());
    server.verify(0, getRequestedFor(urlPathEqualTo("/users/ada")));
  }

  @Test
  void onResponse_seesEveryResponse_theRejectedOneToo() {
    server.stubFor(post(TOKEN_PATH).willReturn(okJson(token("eyJ.one"))));
    server.stubFor(get("/users/ada").willReturn(aResponse().withStatus(401)));
    List<Integer> seen = new ArrayList<>();
    ApiClient api = ApiClient.builder("Acme", http, ApiCredentials.oauth(tokens()))
        .onResponse(response -> seen.add(response.status()))
        .build();

    assertThrows(ResolutionException.class, () -> api.get(url("/users/ada"), "looking up ada"));

    assertEquals(List.of(401, 401), seen);
  }

  @Test
  void explain_acceptsOnlyPermanentClientErrors() {
    ApiClient.Builder builder = ApiClient.builder("Acme", http,
        ApiCredentials.scheme("SSWS", SECRET));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.explain(429, (what, response) -> "x"));

    assertEquals("only client errors other than 408 and 429 can be explained as permanent "
        + "failures, found 429", e.getMessage());
  }

  @Test
  void credentials_refuseBadValues_andNeverShowSecrets() {
    IllegalArgumentException pasted = assertThrows(IllegalArgumentException.class,
        () -> ApiCredentials.scheme("SSWS", "\u201c" + SECRET));
    IllegalArgumentException user = assertThrows(IllegalArgumentException.class,
        () -> ApiCredentials.basic("ad:min", "pw-s3cr3t"));

    assertEquals("the SSWS secret holds a character that cannot be sent in an HTTP header "
        + "(U+201C at character 1); enter it again as plain text", pasted.getMessage());
    assertEquals("the user name must be non-blank, without ':' or control characters",
        user.getMessage());
    assertEquals("ApiCredentials[SSWS ****]", ApiCredentials.scheme("SSWS", SECRET).toString());
    assertEquals("ApiCredentials[Basic admin:****]",
        ApiCredentials.basic("admin", "pw-s3cr3t").toString());
    assertEquals("ApiClient[Acme, ApiCredentials[Bearer token from OAuthTokenClient["
        + server.baseUrl() + TOKEN_PATH + " (client_credentials, client_secret_post, client c)]"
        + "]]", ApiClient.builder("Acme", http, ApiCredentials.oauth(tokens())).build()
        .toString());
  }
}
