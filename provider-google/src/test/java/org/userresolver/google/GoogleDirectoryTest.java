package org.userresolver.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.google.GoogleFixtures.SUBJECT;
import static org.userresolver.google.GoogleFixtures.USERS;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserDirectory.Page;
import org.userresolver.UserDirectory.Request;
import org.userresolver.UserDirectory.Skipped;
import org.userresolver.UserResolver;
import org.userresolver.testkit.MutableClock;

/** users.list for a bulk sync: pages, rate limits, users that are no profile. */
final class GoogleDirectoryTest {

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private UserResolver resolver;
  private UserDirectory directory;

  @BeforeEach
  void serveGoogle() {
    GoogleServer server = new GoogleServer(google, clock, SUBJECT)
        .serveTokens(GoogleFixtures.TOKEN);
    resolver = new GoogleUserResolverFactory().create(Settings.of(server.settings(
        GoogleFixtures.keyFile(dir, google.baseUrl()))), clock);
    directory = resolver.directory().orElseThrow();
  }

  @AfterEach
  void closeResolver() {
    resolver.close();
  }

  /** The page request the provider must send: every parameter users.list needs. */
  private static MappingBuilder page(String pageToken) {
    return get(urlPathEqualTo(USERS))
        .withQueryParam("customer", equalTo("my_customer"))
        .withQueryParam("maxResults", equalTo("500"))
        .withQueryParam("viewType", equalTo("admin_view"))
        .withQueryParam("pageToken", pageToken == null ? absent() : equalTo(pageToken))
        .withHeader("Authorization", equalTo("Bearer " + GoogleFixtures.TOKEN));
  }

  private static List<String> emails(Page page) {
    return page.users().stream().map(User::email).toList();
  }

  @Test
  void page_followsNextPageToken_andMapsEachUserAsALookupDoes_userIdThePrimaryEmail() {
    google.stubFor(page(null).willReturn(okJson(GoogleFixtures.page("Q2hhcmxlcw==",
        GoogleFixtures.ada(), GoogleFixtures.grace()))));
    google.stubFor(page("Q2hhcmxlcw==").willReturn(okJson(GoogleFixtures.page("S2F0aGVyaW5l",
        GoogleFixtures.user("1003", "charles@example.com", "Charles", "Babbage")))));
    google.stubFor(page("S2F0aGVyaW5l").willReturn(okJson(GoogleFixtures.page(null,
        GoogleFixtures.user("1004", "katherine@example.com", "Katherine", "Johnson")))));

    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page page = directory.page(Request.all(), cursor);
      listed.addAll(emails(page));
      assertEquals(List.of(), page.skipped());
      cursor = page.next().orElse(null);
      pages++;
    } while (cursor != null);

    assertEquals(3, pages);
    assertEquals(List.of("ada@example.com", "grace@example.com", "charles@example.com",
        "katherine@example.com"), listed);
    Page first = directory.page(Request.all(), null);
    try (UserResolver lookup = resolverFor("ada%40example.com")) {
      assertEquals(lookup.resolve("ada@example.com"), first.users().get(0));
    }
    assertEquals("grace@example.com", first.users().get(1).userId());
  }

  private UserResolver resolverFor(String encodedKey) {
    GoogleServer server = new GoogleServer(google, clock, SUBJECT)
        .serveUser(encodedKey, GoogleFixtures.ada());
    return new GoogleUserResolverFactory().create(Settings.of(server.settings(
        dir.resolve("service-account.json"))), clock);
  }

  @Test
  void page_isTransient_withGooglesDelay_whenRateLimited_andTheSamePageCanBeAskedAgain() {
    google.stubFor(page("UGFnZTI=").inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(GoogleServer.googleError(403, GoogleFixtures.error(403, "PERMISSION_DENIED",
            "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))
            .withHeader("Retry-After", "2"))
        .willSetStateTo("recovered"));
    google.stubFor(page("UGFnZTI=").inScenario("quota").whenScenarioStateIs("recovered")
        .willReturn(okJson(GoogleFixtures.page(null, GoogleFixtures.grace()))));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> directory.page(Request.all(), "UGFnZTI="));
    Page again = directory.page(Request.all(), "UGFnZTI=");

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(2)), e.retryAfter());
    assertEquals(List.of("grace@example.com"), emails(again));
    assertFalse(again.next().isPresent());
  }

  @Test
  void page_skipsUsersThatAreNoProfile_byIdWithTheReason() {
    google.stubFor(page(null).willReturn(okJson(GoogleFixtures.page(null,
        GoogleFixtures.user("1003", "charles@example.com", "Charles", "Babbage"),
        "{\"kind\": \"admin#directory#user\", \"id\": \"1005\", \"primaryEmail\": "
            + "\"printer@example.com\", \"name\": {}, \"suspended\": false}",
        "{\"kind\": \"admin#directory#user\", \"id\": \"1006\", \"name\": {\"fullName\": "
            + "\"Nobody\"}}"))));

    Page page = directory.page(Request.all(), null);

    assertEquals(List.of("charles@example.com", "printer@example.com"), emails(page));
    assertEquals(List.of(new Skipped("1006", "no primaryEmail")), page.skipped());
  }

  @Test
  void page_sendsThePageTokenPercentEncoded() {
    google.stubFor(page("Q2hh+cmxl/cw==").willReturn(okJson(GoogleFixtures.page(null,
        GoogleFixtures.grace()))));

    Page page = directory.page(Request.all(), "Q2hh+cmxl/cw==");

    assertEquals(List.of("grace@example.com"), emails(page));
    google.verify(1, getRequestedFor(urlEqualTo(USERS + "?customer=my_customer&maxResults=500"
        + "&viewType=admin_view&pageToken=Q2hh%2Bcmxl%2Fcw%3D%3D")));
  }

  @Test
  void page_isEmpty_whenGoogleListsNoUsers() {
    google.stubFor(page(null).willReturn(okJson("{\"kind\": \"admin#directory#users\", "
        + "\"etag\": \"\\\"e\\\"\"}")));

    Page page = directory.page(Request.all(), null);

    assertEquals(List.of(), page.users());
    assertFalse(page.next().isPresent());
  }

  @Test
  void page_refusesUpdatedSince_whichUsersListCannotFilterBy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> directory.page(Request.updatedSince(Instant.EPOCH), null));

    assertFalse(directory.supportsUpdatedSince());
    assertEquals("Google's users.list cannot list users by update time; ask for all users",
        e.getMessage());
    google.verify(0, getRequestedFor(urlPathEqualTo(USERS)));
  }
}
