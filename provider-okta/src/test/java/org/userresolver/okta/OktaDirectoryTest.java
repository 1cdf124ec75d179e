package org.userresolver.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.userresolver.okta.OktaFixtures.API_TOKEN;
import static org.userresolver.okta.OktaFixtures.MANAGER_ID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.SyncReport;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserDirectory.Page;
import org.userresolver.UserDirectory.Request;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.UserSync;
import org.userresolver.testkit.MutableClock;

/** The Okta listing against WireMock: pages by Link header, the expressions, rate limits. */
final class OktaDirectoryTest {
  private static final String FIRST = "/api/v1/users?limit=200";
  private static final String SECOND = "/api/v1/users?after=00u2&limit=200";
  private static final String THIRD = "/api/v1/users?after=00u4&limit=200";

  @RegisterExtension
  static WireMockExtension okta = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private String base;

  @BeforeEach
  void stubThreePages() {
    base = okta.baseUrl();
    okta.stubFor(get(urlEqualTo(FIRST)).willReturn(page(next(SECOND),
        OktaFixtures.ada(base),
        OktaFixtures.user(base, "00u2", "ACTIVE", "grace@example.com", "grace@example.com",
            "Grace", "Hopper", ""))));
    okta.stubFor(get(urlEqualTo(SECOND)).willReturn(page(next(THIRD),
        OktaFixtures.babbage(base),
        OktaFixtures.user(base, "00u4", "ACTIVE", "svc-build", "", "Build", "Robot", ""))));
    okta.stubFor(get(urlEqualTo(THIRD)).willReturn(page(List.of(),
        OktaFixtures.user(base, "00u5", "SUSPENDED", "Alan@Example.com", "Alan@Example.com",
            "Alan", "Turing", ""))));
    okta.stubFor(get(urlEqualTo("/api/v1/users/" + MANAGER_ID))
        .willReturn(okJson(OktaFixtures.babbage(base))));
    okta.stubFor(get(urlEqualTo("/api/v1/users/ada%40example.com"))
        .willReturn(okJson(OktaFixtures.ada(base))));
  }

  private UserResolver create(Map<String, String> extra) {
    return create(extra, java.time.Clock.systemUTC());
  }

  private UserResolver create(Map<String, String> extra, java.time.Clock clock) {
    Map<String, String> settings = new HashMap<>();
    settings.put("OKTA_ORG_URL", okta.baseUrl());
    settings.put("OKTA_API_TOKEN", API_TOKEN);
    settings.put("OKTA_OTHER_KEYS", "costCenter");
    settings.putAll(extra);
    return new OktaUserResolverFactory().create(Settings.of(settings), clock);
  }

  private static List<String> next(String path) {
    return List.of("<" + okta.baseUrl() + path + ">; rel=\"next\"");
  }

  private static ResponseDefinitionBuilder page(List<String> next, String... users) {
    List<String> links = new ArrayList<>(List.of("<" + okta.baseUrl() + FIRST
        + ">; rel=\"self\""));
    links.addAll(next);
    return okJson("[" + String.join(",", users) + "]")
        .withHeader("Link", links.toArray(String[]::new));
  }

  private static List<Page> listAll(UserDirectory directory, Request request) {
    List<Page> pages = new ArrayList<>();
    String cursor = null;
    do {
      Page page = directory.page(request, cursor);
      pages.add(page);
      cursor = page.next().orElse(null);
    } while (cursor != null);
    return pages;
  }

  @Test
  void directory_followsTheNextLinks_andMapsEachUserAsALookupDoes() {
    try (UserResolver resolver = create(Map.of())) {
      List<Page> pages = listAll(resolver.directory().orElseThrow(), Request.all());

      assertEquals(3, pages.size());
      User listedAda = pages.get(0).users().get(0);
      assertEquals(resolver.resolve("ada@example.com"), listedAda);
      assertEquals("charles@example.com", listedAda.managerEmail());
      assertEquals(Map.of("costCenter", "R&D"), listedAda.otherKeyValues());
      assertEquals(List.of("grace@example.com", "charles@example.com", "Alan@Example.com"),
          pages.stream().flatMap(p -> p.users().stream()).skip(1).map(User::userId).toList());
      assertFalse(pages.get(2).users().get(0).isActive(), "SUSPENDED is inactive");
      assertEquals(List.of(new UserDirectory.Skipped("svc-build", "Okta user 00u4 has no email")),
          pages.get(1).skipped());
    }
    okta.verify(1, getRequestedFor(urlEqualTo(SECOND))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
            "SSWS " + API_TOKEN)));
  }

  @Test
  void sync_waitsOutA429InTheMiddle_asksThatPageAgain_andFinishes() {
    long reset = Instant.now().getEpochSecond() + 1;
    okta.stubFor(get(urlEqualTo(SECOND)).inScenario("rate limit")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset")
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withHeader("X-Rate-Limit-Limit", "600")
            .withHeader("X-Rate-Limit-Remaining", "0")
            .withHeader("X-Rate-Limit-Reset", Long.toString(reset))
            .withBody(OktaFixtures.error("E0000047", "API call exceeded rate limit due to too "
                + "many requests."))));
    okta.stubFor(get(urlEqualTo(SECOND)).inScenario("rate limit").whenScenarioStateIs("reset")
        .willReturn(page(next(THIRD), OktaFixtures.babbage(base),
            OktaFixtures.user(base, "00u4", "ACTIVE", "svc-build", "", "Build", "Robot", ""))));
    List<String> waits = new CopyOnWriteArrayList<>();
    MapStore store = new MapStore();

    SyncReport report;
    try (UserResolver resolver = create(Map.of())) {
      report = UserSync.builder().provider(resolver).store(store)
          .listener(new UserSync.Listener() {
            @Override
            public void onWait(Duration wait, String reason) {
              waits.add(reason);
            }
          }).build().run();
    }

    assertTrue(report.stopReason().isEmpty(), report.summary());
    assertEquals(5, report.listed());
    assertEquals(4, report.created());
    assertEquals(1, report.skipped());
    assertTrue(report.succeeded(), report.summary());
    assertFalse(waits.isEmpty());
    assertTrue(waits.get(0).contains("HTTP 429"), waits.toString());
    okta.verify(2, getRequestedFor(urlEqualTo(SECOND)));
    assertFalse(store.find("alan@example.com").orElseThrow().isActive());
    assertEquals("charles@example.com",
        store.find("ada@example.com").orElseThrow().managerEmail());
  }

  @Test
  void usedUpRateLimit_holdsTheNextPage_untilTheReset_withoutSendingIt() {
    // Okta's clock is the test's: the limit resets only when a wait has moved it past the reset
    MutableClock clock = new MutableClock(Instant.now());
    long reset = clock.instant().getEpochSecond() + 1;
    okta.stubFor(get(urlEqualTo(FIRST)).willReturn(page(next(SECOND), OktaFixtures.ada(base))
        .withHeader("X-Rate-Limit-Limit", "600")
        .withHeader("X-Rate-Limit-Remaining", "0")
        .withHeader("X-Rate-Limit-Reset", Long.toString(reset))));
    List<String> waits = new CopyOnWriteArrayList<>();

    SyncReport report;
    try (UserResolver resolver = create(Map.of(), clock)) {
      report = UserSync.builder().provider(resolver).store(new MapStore())
          .listener(new UserSync.Listener() {
            @Override
            public void onWait(Duration wait, String reason) {
              waits.add(reason);
              clock.advance(Duration.ofSeconds(2));
            }
          }).build().run();
    }

    assertTrue(report.succeeded(), report.summary());
    assertEquals(1, waits.size(), waits.toString());
    assertTrue(waits.get(0).contains("Okta rate limit for GET /api/v1/users is used up"),
        waits.toString());
    okta.verify(1, getRequestedFor(urlEqualTo(SECOND)));
  }

  @Test
  void expressions_andTheUpdateTime_areSentAsOktaReadsThem() {
    okta.stubFor(get(urlPathEqualTo("/api/v1/users")).atPriority(1)
        .willReturn(okJson("[]")));
    Instant since = Instant.parse("2026-01-01T00:00:00Z");

    try (UserResolver plain = create(Map.of());
        UserResolver searching = create(Map.of("OKTA_SYNC_SEARCH",
            "profile.department eq \"Engineering\""));
        UserResolver filtering = create(Map.of("OKTA_SYNC_FILTER", "status eq \"ACTIVE\""))) {
      plain.directory().orElseThrow().page(Request.updatedSince(since), null);
      searching.directory().orElseThrow().page(Request.updatedSince(since), null);
      filtering.directory().orElseThrow().page(Request.all(), null);
      assertTrue(plain.directory().orElseThrow().supportsUpdatedSince());
    }

    okta.verify(getRequestedFor(urlEqualTo("/api/v1/users?limit=200&search=lastUpdated%20gt%20"
        + "%222026-01-01T00%3A00%3A00.000Z%22")));
    okta.verify(getRequestedFor(urlEqualTo("/api/v1/users?limit=200&search=%28profile."
        + "department%20eq%20%22Engineering%22%29%20and%20lastUpdated%20gt%20%222026-01-01T00"
        + "%3A00%3A00.000Z%22")));
    okta.verify(getRequestedFor(urlEqualTo("/api/v1/users?limit=200&filter=status%20eq%20"
        + "%22ACTIVE%22")));
  }

  @Test
  void nextLinkOffTheOrg_isNotFollowed_andStopsTheSync() {
    okta.stubFor(get(urlEqualTo(FIRST)).willReturn(okJson("[" + OktaFixtures.ada(base) + "]")
        .withHeader("Link", "<https://attacker.example.com/api/v1/users?after=1>; rel=\"next\"")));

    try (UserResolver resolver = create(Map.of())) {
      ResolutionException e = assertThrows(ResolutionException.class,
          () -> resolver.directory().orElseThrow().page(Request.all(), null));
      SyncReport report = UserSync.builder().provider(resolver).store(new MapStore())
          .build().run();

      assertFalse(e.isTransient());
      assertTrue(e.getMessage().startsWith("Okta's next-page link points to "
          + "https://attacker.example.com/api/v1/users, not to the user list of the org"),
          e.getMessage());
      assertTrue(report.stopReason().orElseThrow().contains("attacker.example.com"));
    }
  }

  @Test
  void filterAndSearch_together_areRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create(Map.of("OKTA_SYNC_FILTER", "status eq \"ACTIVE\"",
            "OKTA_SYNC_SEARCH", "profile.title eq \"CEO\"")));

    assertTrue(e.getMessage().contains("set OKTA_SYNC_FILTER or OKTA_SYNC_SEARCH, not both"),
        e.getMessage());
  }

  @Test
  void unchangedSecondSync_writesNothing() {
    MapStore store = new MapStore();
    try (UserResolver resolver = create(Map.of())) {
      UserSync sync = UserSync.builder().provider(resolver).store(store).build();
      sync.run();
      int writes = store.writes;
      SyncReport second = sync.run();

      assertEquals(4, second.unchanged());
      assertEquals(writes, store.writes);
    }
  }

  /** A store in a map that counts batch writes. */
  private static final class MapStore implements UserStore {
    private final Map<String, User> users = new java.util.concurrent.ConcurrentHashMap<>();
    volatile int writes;

    @Override
    public java.util.Optional<User> find(String userId) {
      return java.util.Optional.ofNullable(users.get(userId));
    }

    @Override
    public WriteOutcome createOrUpdate(User user) {
      return users.put(user.userId(), user) == null ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
    }

    @Override
    public Map<String, WriteOutcome> createOrUpdateAll(java.util.Collection<User> batch) {
      writes++;
      return UserStore.super.createOrUpdateAll(batch);
    }
  }
}
