package org.userresolver.google;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.google.GoogleFixtures.CLIENT_EMAIL;
import static org.userresolver.google.GoogleFixtures.CLIENT_ID;
import static org.userresolver.google.GoogleFixtures.SUBJECT;
import static org.userresolver.google.GoogleFixtures.USERS;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/** Google's error classes: unknown, transient (rate limits, 429, 5xx), permanent (403, 401). */
final class GoogleErrorsTest {
  private static final String ADA = "ada%40example.com";
  private static final String ADA_URL = USERS + "/" + ADA;
  private static final String SCOPE =
      "https://www.googleapis.com/auth/admin.directory.user.readonly";
  private static final String DELEGATION = "domain-wide delegation to client id " + CLIENT_ID
      + " with the scope " + SCOPE + " (Admin console > Security > Access and data control > "
      + "API controls > Manage domain-wide delegation)";

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private GoogleServer server;

  @BeforeEach
  void serveTokens() {
    server = new GoogleServer(google, Clock.systemUTC(), SUBJECT)
        .serveTokens(GoogleFixtures.TOKEN).unknownUsers();
  }

  private Map<String, String> settings(GoogleServer on) {
    return on.settings(GoogleFixtures.keyFile(dir, google.baseUrl()));
  }

  private ResolutionException failure(GoogleServer on, ResponseDefinitionBuilder answer) {
    google.stubFor(GoogleServer.user(ADA).willReturn(answer));
    try (UserResolver resolver = new GoogleUserResolverFactory().create(Settings.of(
        settings(on)))) {
      return assertThrows(ResolutionException.class, () -> resolver.resolve("ada@example.com"));
    }
  }

  private ResolutionException failure(ResponseDefinitionBuilder answer) {
    return failure(server, answer);
  }

  private static ResponseDefinitionBuilder error(int status, String statusName, String domain,
      String reason, String message) {
    return GoogleServer.googleError(status, GoogleFixtures.error(status, statusName, domain,
        reason, message));
  }

  private UserResolver chain(Map<String, String> extra) {
    Map<String, String> settings = settings(server);
    settings.put("USER_RESOLVER_PROVIDER", "google");
    settings.put("USER_RESOLVER_STORE", "none");
    settings.put("USER_RESOLVER_RETRY_BACKOFF", "PT0.05S");
    settings.putAll(extra);
    return UserResolvers.builder().settings(Settings.of(settings))
        .meterRegistry(new SimpleMeterRegistry()).build();
  }

  @Test
  void resolve_throwsUserNotFound_forGooglesNotFound() {
    try (UserResolver resolver = new GoogleUserResolverFactory().create(Settings.of(
        settings(server)))) {
      UserNotFoundException e = assertThrows(UserNotFoundException.class,
          () -> resolver.resolve("ada@example.com"));

      assertEquals("ada@example.com", e.userId());
    }
  }

  @Test
  void resolve_throwsUserNotFound_forGooglesBadRequest_toAKeyThatIsNoUser() {
    google.stubFor(GoogleServer.user("ada").willReturn(error(400, "INVALID_ARGUMENT", "global",
        "badRequest", "Bad Request")));
    try (UserResolver resolver = new GoogleUserResolverFactory().create(Settings.of(
        settings(server)))) {
      UserNotFoundException e = assertThrows(UserNotFoundException.class,
          () -> resolver.resolve("ada"));

      assertEquals("ada", e.userId());
    }
  }

  @Test
  void chain_answersTheFallback_forAnUnknownUser_withoutRetrying() {
    try (UserResolver chain = chain(Map.of())) {
      assertEquals(User.minimal("ada@example.com"), chain.resolve("ada@example.com"));
    }

    google.verify(1, getRequestedFor(urlPathEqualTo(ADA_URL)));
  }

  @Test
  void resolve_isTransient_forEachOfGooglesRateLimitReasons_with403() {
    for (String reason : GoogleDirectoryApi.RATE_LIMIT_REASONS) {
      String message = reason.equals("quotaExceeded") ? "Quota exceeded for quota metric "
          + "'Queries' and limit 'Queries per minute per user' of service "
          + "'admin.googleapis.com' for consumer 'project_number:123456789012'."
          : reason.equals("userRateLimitExceeded") ? "User Rate Limit Exceeded"
          : "Rate Limit Exceeded";

      ResolutionException e = failure(error(403, "PERMISSION_DENIED", "usageLimits", reason,
          message));

      assertTrue(e.isTransient(), reason);
      assertEquals("GET " + google.baseUrl() + ADA_URL + " answered HTTP 403 (" + reason + ": "
          + message + ")", e.getMessage());
    }
  }

  @Test
  void resolve_isTransient_andKeepsTheDelay_for429() {
    ResolutionException e = failure(error(429, "RESOURCE_EXHAUSTED", "usageLimits",
        "rateLimitExceeded", "Rate Limit Exceeded").withHeader("Retry-After", "3"));

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
  }

  @Test
  void resolve_isTransient_for5xx() {
    ResolutionException backend = failure(error(500, "INTERNAL", "global", "backendError",
        "Backend Error"));
    ResolutionException unavailable = failure(error(503, "UNAVAILABLE", "global",
        "backendError", "The service is currently unavailable."));

    assertTrue(backend.isTransient());
    assertTrue(unavailable.isTransient());
    assertEquals("GET " + google.baseUrl() + ADA_URL + " answered HTTP 503 (backendError: The "
        + "service is currently unavailable.)", unavailable.getMessage());
  }

  @Test
  void resolve_failsPermanently_for403Forbidden_namingDelegationTheScopeAndTheAdmin() {
    ResolutionException e = failure(GoogleServer.googleError(403, GoogleFixtures.forbidden()));

    assertFalse(e.isTransient());
    assertEquals("Google refused looking up ada@example.com (HTTP 403 forbidden: Not "
        + "Authorized to access this resource/api to GET " + google.baseUrl() + ADA_URL
        + "): check the " + DELEGATION + ", and that " + SUBJECT + " (GOOGLE_DELEGATED_SUBJECT) "
        + "is an administrator who can read users", e.getMessage());
  }

  @Test
  void resolve_failsPermanently_for403Forbidden_withoutASubject_namingTheAdminRole() {
    GoogleServer itself = new GoogleServer(google, Clock.systemUTC(), null)
        .serveTokens(GoogleFixtures.TOKEN);

    ResolutionException e = failure(itself, GoogleServer.googleError(403,
        GoogleFixtures.forbidden()));

    assertFalse(e.isTransient());
    assertEquals("Google refused looking up ada@example.com (HTTP 403 forbidden: Not "
        + "Authorized to access this resource/api to GET " + google.baseUrl() + ADA_URL
        + "): service account " + CLIENT_EMAIL + " acts as itself (GOOGLE_DELEGATED_SUBJECT is "
        + "unset): assign it an admin role that can read users (Admin console > Account > Admin "
        + "roles > Assign service accounts), or set GOOGLE_DELEGATED_SUBJECT to an "
        + "administrator and grant " + DELEGATION, e.getMessage());
  }

  @Test
  void resolve_failsPermanently_whenTheAdminSdkApiIsNotEnabled() {
    ResolutionException e = failure(error(403, "PERMISSION_DENIED", "usageLimits",
        "accessNotConfigured", "Admin SDK API has not been used in project 123456789012 before "
            + "or it is disabled."));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().endsWith("): enable the Admin SDK API in the Google Cloud project "
        + "of service account " + CLIENT_EMAIL + " (APIs & Services > Library > Admin SDK API)"),
        e.getMessage());
  }

  @Test
  void chain_retriesARateLimitedLookup_andReturnsTheUser() {
    google.stubFor(GoogleServer.user(ADA).inScenario("quota")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(error(403, "PERMISSION_DENIED", "usageLimits", "userRateLimitExceeded",
            "User Rate Limit Exceeded"))
        .willSetStateTo("recovered"));
    google.stubFor(GoogleServer.user(ADA).inScenario("quota").whenScenarioStateIs("recovered")
        .willReturn(okJson(GoogleFixtures.ada())));

    try (UserResolver chain = chain(Map.of())) {
      assertEquals("Ada Lovelace", chain.resolve("ada@example.com").displayName());
    }

    google.verify(2, getRequestedFor(urlPathEqualTo(ADA_URL)));
  }

  @Test
  void chain_doesNotRetryA403Forbidden_andAnswersTheFallback() {
    google.stubFor(GoogleServer.user(ADA).willReturn(GoogleServer.googleError(403,
        GoogleFixtures.forbidden())));

    try (UserResolver chain = chain(Map.of())) {
      assertEquals(User.minimal("ada@example.com"), chain.resolve("ada@example.com"));
    }

    google.verify(1, getRequestedFor(urlPathEqualTo(ADA_URL)));
  }
}
