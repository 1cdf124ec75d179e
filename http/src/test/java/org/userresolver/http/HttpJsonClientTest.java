package org.userresolver.http;

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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.Resolution;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

final class HttpJsonClientTest {
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  private static final String SECRET_HEADER = "SSWS 00s3cr3t-api-token";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private final HttpJsonClient http =
      HttpJsonClient.create(HttpClientConfig.ofDefaults(), Clock.fixed(NOW, ZoneOffset.UTC));

  private URI url(String path) {
    return URI.create(server.baseUrl() + path);
  }

  @Test
  void send_returnsParsedJson_andSendsUserAgentAcceptAndHeaders() {
    server.stubFor(get("/api/v1/users/ada").willReturn(okJson("{\"id\": \"00u1\"}")));

    Optional<JsonResponse> response = http.send(JsonRequest.get(url("/api/v1/users/ada"))
        .withHeader("Authorization", SECRET_HEADER));

    assertEquals("00u1", response.orElseThrow().json().path("id").asText());
    assertEquals(200, response.get().status());
    server.verify(getRequestedFor(urlPathEqualTo("/api/v1/users/ada"))
        .withHeader("User-Agent", equalTo(UserAgent.DEFAULT))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("Authorization", equalTo(SECRET_HEADER)));
    assertTrue(UserAgent.DEFAULT.startsWith("userresolver/"), UserAgent.DEFAULT);
  }

  @Test
  void send_postsAnEncodedForm() {
    server.stubFor(post("/token").willReturn(okJson("{}")));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("scope", "a b&c");

    http.send(JsonRequest.postForm(url("/token"), form));

    server.verify(postRequestedFor(urlPathEqualTo("/token"))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("grant_type=client_credentials&scope=a+b%26c")));
  }

  @Test
  void send_returnsEmpty_for404() {
    server.stubFor(get("/missing").willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\": \"E0000007\", \"errorSummary\": \"Not found\"}")));

    assertEquals(Optional.empty(), http.send(JsonRequest.get(url("/missing"))));
  }

  @Test
  void send_throwsPermanent_withStatusCodeAndSummary_for401() {
    server.stubFor(get(urlPathEqualTo("/users")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\": \"E0000011\", \"errorSummary\": \"Invalid token provided\","
            + " \"errorLink\": \"E0000011\", \"errorId\": \"oaeX\", \"errorCauses\": []}")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/users?search=x")).withHeader("Authorization",
            SECRET_HEADER)));

    assertFalse(e.isTransient());
    assertEquals("GET " + server.baseUrl() + "/users answered HTTP 401 (E0000011: Invalid token "
        + "provided)", e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"));
  }

  @Test
  void send_readsOAuthErrorBodies() {
    server.stubFor(post("/token").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"invalid_client\", \"error_description\": \"bad assertion\"}")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.postForm(url("/token"), Map.of("client_secret", "hush"))));

    assertEquals("POST " + server.baseUrl() + "/token answered HTTP 400 (invalid_client: bad "
        + "assertion)", e.getMessage());
    assertFalse(e.isTransient());
  }

  @Test
  void send_throwsTransient_withRetryAfterSeconds_for429() {
    server.stubFor(get("/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After",
        "7")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x"))));

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertEquals("GET " + server.baseUrl() + "/x answered HTTP 429; retry after PT7S",
        e.getMessage());
  }

  @Test
  void send_readsOktaRateLimitReset_asRetryAfter() {
    server.stubFor(get("/x").willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Rate-Limit-Limit", "600")
        .withHeader("X-Rate-Limit-Remaining", "0")
        .withHeader("X-Rate-Limit-Reset", String.valueOf(NOW.getEpochSecond() + 42))
        .withBody("{\"errorCode\": \"E0000047\", \"errorSummary\": \"API call exceeded rate "
            + "limit due to too many requests.\"}")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x"))));

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(42)), e.retryAfter());
    assertTrue(e.getMessage().contains("HTTP 429 (E0000047: API call exceeded rate limit"),
        e.getMessage());
  }

  @Test
  void send_readsRetryAfterHttpDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(NOW.plusSeconds(90), ZoneOffset.UTC));
    server.stubFor(get("/x").willReturn(aResponse().withStatus(503)
        .withHeader("Retry-After", date)));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x"))));

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(90)), e.retryAfter());
  }

  @Test
  void send_throwsTransient_withoutDelay_for500() {
    server.stubFor(get("/x").willReturn(aResponse().withStatus(500)));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x"))));

    assertTrue(e.isTransient());
    assertEquals(Optional.empty(), e.retryAfter());
    assertEquals("GET " + server.baseUrl() + "/x answered HTTP 500", e.getMessage());
  }

  @Test
  void send_treatsConfiguredRateLimitCodes_asTransient_whateverTheStatus() {
    HttpJsonClient google = HttpJsonClient.create(HttpClientConfig.custom()
        .rateLimitErrorCodes(Set.of("rateLimitExceeded", "userRateLimitExceeded")).build());
    server.stubFor(get("/x").willReturn(googleRateLimit()));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> google.send(JsonRequest.get(url("/x"))));

    assertTrue(e.isTransient());
    assertTrue(e.getMessage().endsWith("HTTP 403 (userRateLimitExceeded: Rate Limit Exceeded)"),
        e.getMessage());
  }

  @Test
  void send_knowsNoProvidersRateLimitCodes_byDefault() {
    server.stubFor(get("/x").willReturn(googleRateLimit()));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x"))));

    assertFalse(e.isTransient());
    assertEquals(Set.of(), HttpClientConfig.ofDefaults().rateLimitErrorCodes());
  }

  private static ResponseDefinitionBuilder googleRateLimit() {
    return aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": {\"code\": 403, \"message\": \"Rate Limit Exceeded\","
            + " \"errors\": [{\"reason\": \"userRateLimitExceeded\"}]}}");
  }

  @Test
  void send_sendsOneRequest_whenTheServerResetsTheConnectionBeforeAnswering() {
    server.stubFor(get("/reset").willReturn(aResponse().withFault(
        Fault.CONNECTION_RESET_BY_PEER)));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/reset"))));

    server.verify(1, getRequestedFor(urlPathEqualTo("/reset")));
    assertTrue(e.isTransient());
    assertEquals("GET " + server.baseUrl() + "/reset failed: the connection was closed or reset "
        + "before any answer came back", e.getMessage());
  }

  @Test
  void send_sendsOneRequest_whenTheServerClosesAKeptAliveConnectionWithoutAnswering() {
    server.stubFor(get("/ok").willReturn(okJson("{}")));
    server.stubFor(get("/empty").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    http.send(JsonRequest.get(url("/ok")));
    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/empty"))));
    http.send(JsonRequest.get(url("/ok")));

    server.verify(1, getRequestedFor(urlPathEqualTo("/empty")));
    server.verify(2, getRequestedFor(urlPathEqualTo("/ok")));
    assertTrue(e.isTransient());
  }

  @Test
  void send_failsPermanently_namingTheHeaderButNotItsValue_whenTheJdkWouldRefuseIt() {
    String pasted = "SSWS 00s3cr3t\u201ctoken";
    server.stubFor(get("/x").willReturn(okJson("{}")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x")).withHeader("Authorization", pasted)));

    assertFalse(e.isTransient());
    assertEquals("cannot send GET " + server.baseUrl() + "/x: its Authorization header holds a "
        + "character that cannot be sent in an HTTP header (U+201C at character 14); enter it "
        + "again as plain text", e.getMessage());
    assertEquals(null, e.getCause());
    server.verify(0, getRequestedFor(urlPathEqualTo("/x")));
  }

  @Test
  void chain_fallsBack_asAProviderError_notAnInvalidProfile_whenAHeaderValueIsRefused() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<Resolution> resolutions = new ArrayList<>();
    UserResolver provider = id -> {
      http.send(JsonRequest.get(url("/users/" + id))
          .withHeader("Authorization", "SSWS 00s3cr3t\u201ctoken"));
      throw new IllegalStateException("unreachable");
    };
    try (UserResolver chain = UserResolvers.builder()
        .settings(Settings.of(Map.of("USER_RESOLVER_STORE", "none")))
        .provider(provider).withoutStore().meterRegistry(meters).listener(resolutions::add)
        .build()) {
      assertEquals(User.minimal("ada@example.com"), chain.resolve("ada@example.com"));
    }

    assertEquals(1.0, meters.get("userresolver.fallback").tag("reason", "provider_error")
        .counter().count());
    String detail = resolutions.get(0).detail();
    assertTrue(detail.contains("its Authorization header holds a character"), detail);
    assertFalse(detail.contains("s3cr3t"), detail);
  }

  @Test
  void send_throwsPermanent_forMalformedJson_withoutQuotingTheBody() {
    server.stubFor(get("/x").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\": \"leaked-token\", oops")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x"))));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().startsWith("malformed JSON in the HTTP 200 answer to GET "
        + server.baseUrl() + "/x at line 1, column "), e.getMessage());
    assertFalse(e.getMessage().contains("leaked-token"), e.getMessage());
    assertEquals(null, e.getCause());
  }

  @Test
  void send_throwsPermanent_whenTheBodyIsLargerThanTheCap() {
    HttpJsonClient small = HttpJsonClient.create(HttpClientConfig.custom()
        .maxResponseBytes(1024).build());
    server.stubFor(get("/big").willReturn(okJson("[\"" + "x".repeat(2000) + "\"]")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> small.send(JsonRequest.get(url("/big"))));

    assertFalse(e.isTransient());
    assertEquals("the answer to GET " + server.baseUrl() + "/big is larger than 1024 bytes "
        + "(USER_RESOLVER_HTTP_MAX_RESPONSE_BYTES)", e.getMessage());
  }

  @Test
  void cappedBodySubscriber_stopsReading_whenChunksPassTheCap() {
    CappedBodySubscriber subscriber = new CappedBodySubscriber(10, -1);
    boolean[] cancelled = {false};
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {
        cancelled[0] = true;
      }
    });

    subscriber.onNext(List.of(ByteBuffer.wrap("123456".getBytes(StandardCharsets.US_ASCII))));
    subscriber.onNext(List.of(ByteBuffer.wrap("789012".getBytes(StandardCharsets.US_ASCII))));

    assertTrue(cancelled[0]);
    Exception e = assertThrows(Exception.class,
        () -> subscriber.getBody().toCompletableFuture().join());
    assertEquals("response body larger than 10 bytes", e.getCause().getMessage());
  }

  @Test
  void send_throwsTransient_whenTheServerIsTooSlow() {
    HttpJsonClient impatient = HttpJsonClient.create(HttpClientConfig.custom()
        .requestTimeout(Duration.ofMillis(200)).build());
    server.stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(3000)));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> impatient.send(JsonRequest.get(url("/slow"))));

    assertTrue(e.isTransient());
    assertEquals("no answer to GET " + server.baseUrl() + "/slow within PT0.2S", e.getMessage());
  }

  @Test
  void send_throwsTransient_whenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/x");

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(closed)));

    assertTrue(e.isTransient());
    assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:" + port + "/x failed: "),
        e.getMessage());
  }

  @Test
  void send_refusesPlainHttp_toHostsOtherThanLoopback() {
    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(URI.create("http://okta.example.com/api/v1/users"))));

    assertFalse(e.isTransient());
    assertEquals("refusing to send GET http://okta.example.com/api/v1/users over plain HTTP: use "
        + "https (plain http is allowed to loopback hosts only)", e.getMessage());
  }

  @Test
  void isSecureOrLoopback_allowsHttpsAndLoopbackOnly() {
    assertTrue(HttpJsonClient.isSecureOrLoopback(URI.create("https://acme.okta.com/x")));
    assertTrue(HttpJsonClient.isSecureOrLoopback(URI.create("http://127.0.0.1:8080/x")));
    assertTrue(HttpJsonClient.isSecureOrLoopback(URI.create("http://127.1.2.3/x")));
    assertTrue(HttpJsonClient.isSecureOrLoopback(URI.create("http://localhost:1/x")));
    assertTrue(HttpJsonClient.isSecureOrLoopback(URI.create("http://[::1]:1/x")));
    assertFalse(HttpJsonClient.isSecureOrLoopback(URI.create("http://acme.okta.com/x")));
    assertFalse(HttpJsonClient.isSecureOrLoopback(URI.create("http://127.0.0.1.evil.com/x")));
    assertFalse(HttpJsonClient.isSecureOrLoopback(URI.create("http://10.0.0.1/x")));
    assertFalse(HttpJsonClient.isSecureOrLoopback(URI.create("ftp://localhost/x")));
  }

  @Test
  void errorSummary_isCleanedAndShortened() {
    server.stubFor(get("/x").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\": \"E0000001\", \"errorSummary\": \"line1\\nline2 "
            + "y".repeat(300) + "\"}")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> http.send(JsonRequest.get(url("/x"))));

    assertTrue(e.getMessage().contains("(E0000001: line1 line2 yyy"), e.getMessage());
    assertTrue(e.getMessage().endsWith("...)"), e.getMessage());
    assertTrue(e.getMessage().length() < 320, e.getMessage());
  }

  @Test
  void toStrings_neverShowHeaderValuesOrBodies() {
    server.stubFor(get(urlPathEqualTo("/x")).willReturn(okJson("{\"access_token\": \"t\"}")));
    JsonRequest request = JsonRequest.get(url("/x?secret=q"))
        .withHeader("Authorization", SECRET_HEADER);

    JsonResponse response = http.send(request).orElseThrow();

    assertEquals("JsonRequest[GET " + server.baseUrl() + "/x, headers=[Authorization]]",
        request.toString());
    assertEquals("JsonResponse[HTTP 200 from GET " + server.baseUrl() + "/x]",
        response.toString());
    String postForm = JsonRequest.postForm(url("/t"), Map.of("client_secret", "hush")).toString();
    assertFalse(postForm.contains("hush"), postForm);
  }

  @Test
  void config_readsSettings_andReportsBadValues() {
    Settings settings = Settings.of(Map.of(
        HttpClientConfig.CONNECT_TIMEOUT, "PT1S",
        HttpClientConfig.REQUEST_TIMEOUT, "soon",
        HttpClientConfig.MAX_RESPONSE_BYTES, "0"));
    Settings.Parser parser = settings.parser();

    HttpClientConfig config = HttpClientConfig.read(parser);

    assertEquals(Duration.ofSeconds(1), config.connectTimeout());
    assertEquals(HttpClientConfig.DEFAULT_REQUEST_TIMEOUT, config.requestTimeout());
    assertEquals(List.of(
        "USER_RESOLVER_HTTP_REQUEST_TIMEOUT must be an ISO-8601 duration such as PT30S or PT1H, "
            + "found \"soon\"",
        "USER_RESOLVER_HTTP_MAX_RESPONSE_BYTES must be at least 1, found \"0\""),
        parser.problems());
  }

  @Test
  void config_defaults() {
    HttpClientConfig config = HttpClientConfig.ofDefaults();

    assertEquals(Duration.ofSeconds(2), config.connectTimeout());
    assertEquals(Duration.ofSeconds(5), config.requestTimeout());
    assertEquals(1024 * 1024, config.maxResponseBytes());
    assertFalse(config.allowPlainHttp());
    assertEquals(Set.of(), config.rateLimitErrorCodes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HttpClientConfig.custom().requestTimeout(Duration.ZERO).build());
    assertEquals("requestTimeout must be positive, found PT0S", e.getMessage());
  }
}
