package org.userresolver.google;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.google.GoogleFixtures.CLIENT_EMAIL;
import static org.userresolver.google.GoogleFixtures.CLIENT_ID;
import static org.userresolver.google.GoogleFixtures.SUBJECT;
import static org.userresolver.google.GoogleFixtures.TOKEN_PATH;
import static org.userresolver.google.GoogleFixtures.USERS;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.testkit.MutableClock;

/** The JWT bearer grant: the assertion, token reuse, and the token endpoint's refusals. */
final class GoogleTokenTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final String ADA = "ada%40example.com";

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(NOW);
  private GoogleServer server;

  @BeforeEach
  void serveGoogle() {
    server = new GoogleServer(google, clock, SUBJECT).serveTokens(GoogleFixtures.TOKEN)
        .unknownUsers().serveUser(ADA, GoogleFixtures.ada());
  }

  private UserResolver create(GoogleServer on, Map<String, String> extra) {
    Map<String, String> settings = on.settings(GoogleFixtures.keyFile(dir, google.baseUrl()));
    settings.putAll(extra);
    return new GoogleUserResolverFactory().create(Settings.of(settings), clock);
  }

  private ResolutionException failure() {
    try (UserResolver resolver = create(server, Map.of())) {
      return assertThrows(ResolutionException.class, () -> resolver.resolve("ada@example.com"));
    }
  }

  @Test
  void resolve_postsAnAssertion_signedRs256WithTheKeyFilesKey_carryingEveryClaim() {
    try (UserResolver resolver = create(server, Map.of())) {
      resolver.resolve("ada@example.com");
    }

    List<String> assertions = server.assertions();
    assertEquals(1, assertions.size());
    String body = google.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).get(0)
        .getBodyAsString();
    assertEquals(List.of(), server.problems(body), "what Google would refuse");
    JsonNode header = GoogleServer.header(assertions.get(0));
    JsonNode claims = GoogleServer.claims(assertions.get(0));
    assertEquals("RS256", header.path("alg").asText());
    assertEquals(GoogleFixtures.KEY_ID, header.path("kid").asText());
    Set<String> names = new TreeSet<>();
    claims.fieldNames().forEachRemaining(names::add);
    assertEquals(new TreeSet<>(GoogleServer.CLAIMS), names);
    assertEquals(CLIENT_EMAIL, claims.path("iss").asText());
    assertEquals(SUBJECT, claims.path("sub").asText());
    assertEquals("https://www.googleapis.com/auth/admin.directory.user.readonly",
        claims.path("scope").asText());
    assertEquals(google.baseUrl() + TOKEN_PATH, claims.path("aud").asText());
    assertEquals(NOW.getEpochSecond(), claims.path("iat").asLong());
    assertTrue(claims.path("exp").asLong() > NOW.getEpochSecond());
    assertTrue(claims.path("exp").asLong() <= NOW.getEpochSecond() + 3600);
  }

  @Test
  void resolve_sendsNoSub_withoutADelegatedSubject() {
    GoogleServer itself = new GoogleServer(google, clock, null).serveTokens(GoogleFixtures.TOKEN);

    try (UserResolver resolver = create(itself, Map.of())) {
      assertEquals("Ada Lovelace", resolver.resolve("ada@example.com").displayName());
    }

    assertFalse(GoogleServer.claims(itself.assertions().get(0)).has("sub"));
  }

  @Test
  void resolve_reusesTheToken_acrossLookups_untilShortlyBeforeItExpires() {
    try (UserResolver resolver = create(server, Map.of())) {
      resolver.resolve("ada@example.com");
      resolver.resolve("ada@example.com");
      clock.advance(Duration.ofSeconds(3599 - 61));
      resolver.resolve("ada@example.com");
      google.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

      clock.advance(Duration.ofSeconds(2));
      resolver.resolve("ada@example.com");
    }

    google.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    google.verify(4, getRequestedFor(urlPathEqualTo(USERS + "/" + ADA)));
  }

  @Test
  void resolve_sharesOneTokenRequest_amongConcurrentLookups() throws Exception {
    google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1)
        .willReturn(okJson(GoogleFixtures.token(GoogleFixtures.TOKEN)).withFixedDelay(500)));
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try (UserResolver resolver = create(server, Map.of())) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<User>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return resolver.resolve("ada@example.com");
        }));
      }
      start.countDown();
      for (Future<User> answer : answers) {
        assertEquals("ada@example.com", answer.get().email());
      }
    } finally {
      pool.shutdownNow();
    }

    google.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    google.verify(callers, getRequestedFor(urlPathEqualTo(USERS + "/" + ADA)));
  }

  @Test
  void resolve_failsPermanently_withoutALookup_whenGoogleSaysInvalidGrant() {
    google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(
        GoogleServer.tokenError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived "
            + "token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in "
            + "the JWT claim.")));

    ResolutionException e = failure();

    assertFalse(e.isTransient());
    assertEquals("Google refused an access token to service account " + CLIENT_EMAIL
        + " acting as " + SUBJECT + ": token request failed: POST " + google.baseUrl()
        + TOKEN_PATH + " answered HTTP 400 (invalid_grant: Invalid JWT: Token must be a "
        + "short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp "
        + "values in the JWT claim.); the usual causes: this machine's clock is off by more than "
        + "a minute or two (the assertion's iat and exp), GOOGLE_DELEGATED_SUBJECT " + SUBJECT
        + " is not an active user of the Workspace account, or the key " + GoogleFixtures.KEY_ID
        + " was deleted or disabled (Cloud console > IAM & Admin > Service accounts > Keys)",
        e.getMessage());
    google.verify(0, getRequestedFor(urlPathMatching(USERS + ".*")));
  }

  @Test
  void resolve_failsPermanently_withoutALookup_whenDelegationIsNotGranted() {
    google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(
        GoogleServer.tokenError(401, "unauthorized_client", "Client is unauthorized to retrieve "
            + "access tokens using this method, or client not authorized for any of the scopes "
            + "requested.")));

    ResolutionException e = failure();

    assertFalse(e.isTransient());
    assertEquals("Google refused an access token to service account " + CLIENT_EMAIL
        + " acting as " + SUBJECT + ": token request failed: POST " + google.baseUrl()
        + TOKEN_PATH + " answered HTTP 401 (unauthorized_client: Client is unauthorized to "
        + "retrieve access tokens using this method, or client not authorized for any of the "
        + "scopes requested.); domain-wide delegation is not granted to client id " + CLIENT_ID
        + ", or not with the scope https://www.googleapis.com/auth/admin.directory.user.readonly"
        + " (Admin console > Security > Access and data control > API controls > Manage "
        + "domain-wide delegation)", e.getMessage());
    google.verify(0, getRequestedFor(urlPathMatching(USERS + ".*")));
  }

  @Test
  void resolve_isTransient_whenTheTokenEndpointAnswers503() {
    google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(
        GoogleServer.googleError(503, "{\"error\": \"temporarily_unavailable\"}")));

    ResolutionException e = failure();

    assertTrue(e.isTransient());
    assertEquals("token request failed: POST " + google.baseUrl() + TOKEN_PATH
        + " answered HTTP 503 (temporarily_unavailable)", e.getMessage());
    google.verify(0, getRequestedFor(urlPathMatching(USERS + ".*")));
  }

  @Test
  void resolve_asksForANewTokenOnce_thenFailsPermanently_whenGoogleKeepsAnswering401() {
    google.stubFor(GoogleServer.user(ADA).atPriority(1).willReturn(GoogleServer.googleError(401,
        GoogleFixtures.error(401, "UNAUTHENTICATED", "global", "authError",
            "Invalid Credentials"))));

    ResolutionException e = failure();

    assertFalse(e.isTransient());
    assertEquals("Google rejected a new access token of service account " + CLIENT_EMAIL
        + " acting as " + SUBJECT + " while looking up ada@example.com (HTTP 401 authError: "
        + "Invalid Credentials to GET " + google.baseUrl() + USERS + "/" + ADA + "): check the "
        + "domain-wide delegation to client id " + CLIENT_ID + " with the scope "
        + "https://www.googleapis.com/auth/admin.directory.user.readonly (Admin console > "
        + "Security > Access and data control > API controls > Manage domain-wide delegation), "
        + "and that " + SUBJECT + " (GOOGLE_DELEGATED_SUBJECT) is an administrator who can "
        + "read users", e.getMessage());
    google.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    google.verify(2, getRequestedFor(urlPathEqualTo(USERS + "/" + ADA)));
  }

  @Test
  void resolve_usesTheNewToken_whenGoogleRejectsTheOldOne() {
    google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).inScenario("tokens")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(GoogleFixtures.token("ya29.old")))
        .willSetStateTo("renewed"));
    google.stubFor(get(urlPathEqualTo(USERS + "/" + ADA)).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer ya29.old"))
        .willReturn(GoogleServer.googleError(401, GoogleFixtures.error(401, "UNAUTHENTICATED",
            "global", "authError", "Invalid Credentials"))));

    try (UserResolver resolver = create(server, Map.of())) {
      assertEquals("Ada Lovelace", resolver.resolve("ada@example.com").displayName());
    }

    google.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }
}
