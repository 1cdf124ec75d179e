package org.userresolver.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.okta.OktaFixtures.ADA_ID;
import static org.userresolver.okta.OktaFixtures.API_TOKEN;
import static org.userresolver.okta.OktaFixtures.MANAGER_ID;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.testkit.UserResolverContract;
import org.userresolver.testkit.MutableClock;

final class OktaUserResolverTest extends UserResolverContract {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final String WELL_KNOWN = "/.well-known/openid-configuration";
  private static final String ADA_PATH = "/api/v1/users/ada%40example.com";

  @RegisterExtension
  static WireMockExtension okta = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private final MutableClock clock = new MutableClock(NOW);

  @Override
  protected UserResolver createResolver() {
    String base = okta.baseUrl();
    okta.stubFor(get(WELL_KNOWN).willReturn(okJson(OktaFixtures.discovery(base))));
    okta.stubFor(get(urlPathMatching("/api/v1/users/[^/]+")).atPriority(10)
        .willReturn(oktaError(404, "E0000007", "Not found: Resource not found: x (User)")));
    okta.stubFor(get(urlPathEqualTo("/api/v1/users")).atPriority(10)
        .withQueryParam("search", matching(".*")).willReturn(okJson("[]")));
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(okJson(OktaFixtures.ada(base))));
    okta.stubFor(get(urlEqualTo("/api/v1/users/" + MANAGER_ID))
        .willReturn(okJson(OktaFixtures.babbage(base))));
    okta.stubFor(get(urlEqualTo("/api/v1/users/me")).willReturn(okJson(OktaFixtures.babbage(
        base))));
    okta.stubFor(get(urlEqualTo("/api/v1/users?limit=1"))
        .willReturn(okJson("[" + OktaFixtures.ada(base) + "]")));
    return create(Map.of());
  }

  @Override
  protected User knownUser() {
    return User.builder().email("ada@example.com").firstName("Ada").lastName("Lovelace")
        .displayName("Countess Lovelace").build();
  }

  private UserResolver create(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("FLASK_OIDC_CONFIG_URL", okta.baseUrl() + WELL_KNOWN);
    settings.put("OKTA_API_TOKEN", API_TOKEN);
    settings.putAll(extra);
    settings.values().removeIf(String::isEmpty);
    return new OktaUserResolverFactory().create(Settings.of(settings), clock);
  }

  private static ResponseDefinitionBuilder oktaError(int status, String code, String summary) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(OktaFixtures.error(code, summary));
  }

  private static MappingBuilder search(String email) {
    return get(urlPathEqualTo("/api/v1/users"))
        .withQueryParam("search", equalTo("profile.email eq \"" + email + "\""));
  }

  @Test
  void resolve_findsTheUserByLogin_andMapsEveryField() {
    try (UserResolver custom = create(Map.of("OKTA_OTHER_KEYS", "costCenter, languages,"
        + " nickName"))) {
      User ada = custom.resolve("ada@example.com");

      assertEquals("ada@example.com", ada.userId());
      assertEquals("ada@example.com", ada.email());
      assertEquals("Ada", ada.firstName());
      assertEquals("Lovelace", ada.lastName());
      assertEquals("Ada Lovelace", ada.fullName());
      assertEquals("Countess Lovelace", ada.displayName());
      assertTrue(ada.isActive());
      assertEquals("Mathematician", ada.roleName());
      assertEquals("Analytical Engines", ada.teamName());
      assertEquals("Charles Babbage", ada.managerFullname());
      assertEquals(MANAGER_ID, ada.managerId());
      assertEquals("charles@example.com", ada.managerEmail());
      assertEquals("Full-Time", ada.employeeType());
      assertEquals(okta.baseUrl() + "/api/v1/users/" + ADA_ID, ada.profileUrl());
      assertEquals(Map.of("costCenter", "R&D", "languages", "en, fr"), ada.otherKeyValues());
    }
    okta.verify(1, getRequestedFor(urlEqualTo(ADA_PATH))
        .withHeader("Authorization", equalTo("SSWS " + API_TOKEN)));
    okta.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/users")));
  }

  @Test
  void resolve_usesTheReferenceNames_andProfileUrl_whenPresent() {
    okta.stubFor(get(urlEqualTo("/api/v1/users/alan%40example.com")).willReturn(okJson(
        OktaFixtures.user(okta.baseUrl(), "00u2", "ACTIVE", "alan@example.com",
            "alan@example.com", "Alan", "Turing",
            ",\n \"profileUrl\": \"https://intranet.example.com/alan\""))));

    User alan = resolver.resolve("alan@example.com");

    assertEquals("Alan Turing", alan.fullName());
    assertEquals("Alan Turing", alan.displayName());
    assertEquals("https://intranet.example.com/alan", alan.profileUrl());
    assertEquals(Map.of(), alan.otherKeyValues());
  }

  @Test
  void resolve_copiesEveryUnmappedAttribute_withAStar() {
    try (UserResolver all = create(Map.of("OKTA_OTHER_KEYS", "*"))) {
      User ada = all.resolve("ada@example.com");

      assertEquals(Map.of("costCenter", "R&D", "languages", "en, fr", "mobilePhone",
          "555-415-1337"), ada.otherKeyValues());
    }
  }

  @Test
  void resolve_findsTheUserOnlyBySearch_whenTheLoginDiffers() {
    String base = okta.baseUrl();
    okta.stubFor(search("grace@example.com").willReturn(okJson("[" + OktaFixtures.user(base,
        "00u3", "ACTIVE", "ghopper", "grace@example.com", "Grace", "Hopper", "") + "]")));

    User grace = resolver.resolve("grace@example.com");

    assertEquals("Grace Hopper", grace.displayName());
    assertEquals("grace@example.com", grace.email());
    okta.verify(1, getRequestedFor(urlEqualTo("/api/v1/users/grace%40example.com")));
    okta.verify(1, getRequestedFor(urlEqualTo("/api/v1/users?search=profile.email%20eq%20%22"
        + "grace%40example.com%22")));
  }

  @Test
  void resolve_ignoresSearchResults_whoseEmailIsNotExactlyTheId() {
    okta.stubFor(search("ada@example.co").willReturn(okJson("[" + OktaFixtures.ada(
        okta.baseUrl()) + "]")));

    UserNotFoundException e = assertThrows(UserNotFoundException.class,
        () -> resolver.resolve("ada@example.co"));

    assertEquals("user ada@example.co not found in Okta " + okta.baseUrl(), e.getMessage());
  }

  @Test
  void resolve_neverTakesSomeoneElse_whomOktaFoundForTheEmailByPath() {
    String base = okta.baseUrl();
    okta.stubFor(get(urlEqualTo("/api/v1/users/eve%40example.com")).willReturn(okJson(
        OktaFixtures.user(base, "00uE", "ACTIVE", "mallory@example.com", "mallory@example.com",
            "Mallory", "Other", ""))));

    UserNotFoundException e = assertThrows(UserNotFoundException.class,
        () -> resolver.resolve("eve@example.com"));

    assertEquals("user eve@example.com not found in Okta " + base, e.getMessage());
    okta.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/users"))
        .withQueryParam("search", equalTo("profile.email eq \"eve@example.com\"")));
  }

  @Test
  void resolve_takesTheSearchResult_whenThePathFoundSomeoneElse_andAcceptsAnyLoginForAnOktaId() {
    String base = okta.baseUrl();
    okta.stubFor(get(urlEqualTo("/api/v1/users/eve%40example.com")).willReturn(okJson(
        OktaFixtures.user(base, "00uE", "ACTIVE", "mallory@example.com", "mallory@example.com",
            "Mallory", "Other", ""))));
    okta.stubFor(search("eve@example.com").willReturn(okJson("[" + OktaFixtures.user(base,
        "00uF", "ACTIVE", "eve.l", "Eve@Example.com", "Eve", "Lynn", "") + "]")));
    okta.stubFor(get(urlEqualTo("/api/v1/users/00uF")).willReturn(okJson(OktaFixtures.user(
        base, "00uF", "ACTIVE", "eve.l", "Eve@Example.com", "Eve", "Lynn", ""))));

    assertEquals("Eve Lynn", resolver.resolve("eve@example.com").displayName());
    assertEquals("Eve Lynn", resolver.resolve("00uF").displayName());
  }

  @Test
  void resolve_prefersTheActiveUser_whenSeveralShareAnEmail() {
    String base = okta.baseUrl();
    okta.stubFor(search("shared@example.com").willReturn(okJson("["
        + OktaFixtures.user(base, "00u4", "DEPROVISIONED", "old", "shared@example.com", "Old",
            "Account", "") + ","
        + OktaFixtures.user(base, "00u5", "ACTIVE", "new", "shared@example.com", "New",
            "Account", "") + "]")));

    assertEquals("New Account", resolver.resolve("shared@example.com").displayName());
  }

  @Test
  void resolve_throwsNotFound_whenOktaAnswersE0000007_andTheSearchIsEmpty() {
    UserNotFoundException e = assertThrows(UserNotFoundException.class,
        () -> resolver.resolve("nobody@example.com"));

    assertEquals("nobody@example.com", e.userId());
    assertEquals("user nobody@example.com not found in Okta " + okta.baseUrl(), e.getMessage());
    okta.verify(1, getRequestedFor(urlEqualTo("/api/v1/users/nobody%40example.com")));
    okta.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/users")));
  }

  @Test
  void resolve_marksDeprovisionedAndSuspendedUsersInactive() {
    String base = okta.baseUrl();
    okta.stubFor(get(urlEqualTo("/api/v1/users/gone%40example.com")).willReturn(okJson(
        OktaFixtures.user(base, "00u6", "DEPROVISIONED", "gone@example.com", "gone@example.com",
            "Gone", "Away", ""))));
    okta.stubFor(get(urlEqualTo("/api/v1/users/paused%40example.com")).willReturn(okJson(
        OktaFixtures.user(base, "00u7", "SUSPENDED", "paused@example.com",
            "paused@example.com", "Paused", "User", ""))));
    okta.stubFor(get(urlEqualTo("/api/v1/users/locked%40example.com")).willReturn(okJson(
        OktaFixtures.user(base, "00u8", "LOCKED_OUT", "locked@example.com",
            "locked@example.com", "Locked", "Out", ""))));

    assertFalse(resolver.resolve("gone@example.com").isActive());
    assertFalse(resolver.resolve("paused@example.com").isActive());
    assertTrue(resolver.resolve("locked@example.com").isActive());
  }

  @Test
  void resolve_failsPermanently_onE0000011_withAClearMessage_andNoRetry() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(oktaError(401, "E0000011",
        "Invalid token provided")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> resolver.resolve("ada@example.com"));

    assertFalse(e.isTransient());
    assertEquals("Okta rejected the API token while looking up ada@example.com (HTTP 401 "
        + "E0000011: Invalid token provided): check OKTA_API_TOKEN: the token may be mistyped, "
        + "revoked, or expired (Okta expires API tokens unused for 30 days)", e.getMessage());
    okta.verify(1, getRequestedFor(urlEqualTo(ADA_PATH)));
    assertFalse(e.getMessage().contains(API_TOKEN));
  }

  @Test
  void resolve_failsPermanently_onE0000006_namingWhatToGrant() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(oktaError(403, "E0000006",
        "You do not have permission to perform the requested action")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> resolver.resolve("ada@example.com"));

    assertFalse(e.isTransient());
    assertEquals("Okta refused looking up ada@example.com (HTTP 403 E0000006: You do not have "
        + "permission to perform the requested action): the admin who created the API token "
        + "needs a role that can read users", e.getMessage());
  }

  @Test
  void resolve_failsTransiently_untilTheReset_onE0000047() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(oktaError(429, "E0000047",
        "API call exceeded rate limit due to too many requests.")
        .withHeader("X-Rate-Limit-Limit", "600")
        .withHeader("X-Rate-Limit-Remaining", "0")
        .withHeader("X-Rate-Limit-Reset", String.valueOf(NOW.getEpochSecond() + 30))));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> resolver.resolve("ada@example.com"));

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
    assertEquals("GET " + okta.baseUrl() + ADA_PATH + " answered HTTP 429 (E0000047: API call "
        + "exceeded rate limit due to too many requests.); retry after PT30S", e.getMessage());
  }

  @Test
  void resolve_waitsForTheReset_insteadOfSendingARequestThatWouldFail() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(okJson(OktaFixtures.ada(okta.baseUrl()))
        .withHeader("X-Rate-Limit-Limit", "600")
        .withHeader("X-Rate-Limit-Remaining", "0")
        .withHeader("X-Rate-Limit-Reset", String.valueOf(NOW.getEpochSecond() + 20))));
    try (UserResolver noManager = create(Map.of("OKTA_RESOLVE_MANAGER", "false"))) {
      assertEquals("Countess Lovelace", noManager.resolve("ada@example.com").displayName());

      clock.advance(Duration.ofSeconds(5));
      ResolutionException e = assertThrows(ResolutionException.class,
          () -> noManager.resolve("ada@example.com"));

      assertTrue(e.isTransient());
      assertEquals(Optional.of(Duration.ofSeconds(15)), e.retryAfter());
      assertEquals("Okta rate limit for GET /api/v1/users/{id} is used up until "
          + NOW.plusSeconds(20) + "; not sending a request that would fail (retry after PT15S)",
          e.getMessage());
      okta.verify(1, getRequestedFor(urlEqualTo(ADA_PATH)));

      clock.advance(Duration.ofSeconds(15));
      noManager.resolve("ada@example.com");
      okta.verify(2, getRequestedFor(urlEqualTo(ADA_PATH)));
    }
  }

  @Test
  void resolve_failsTransiently_on500_andSucceedsOnTheNextTry() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).inScenario("flaky")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(oktaError(500, "E0000009", "Internal Server Error"))
        .willSetStateTo("recovered"));
    okta.stubFor(get(urlEqualTo(ADA_PATH)).inScenario("flaky")
        .whenScenarioStateIs("recovered")
        .willReturn(okJson(OktaFixtures.ada(okta.baseUrl()))));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> resolver.resolve("ada@example.com"));
    assertTrue(e.isTransient());
    assertEquals("GET " + okta.baseUrl() + ADA_PATH + " answered HTTP 500 (E0000009: Internal "
        + "Server Error)", e.getMessage());

    assertEquals("Countess Lovelace", resolver.resolve("ada@example.com").displayName());
  }

  @Test
  void resolve_failsPermanently_onMalformedJson() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"00u1\", ")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> resolver.resolve("ada@example.com"));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().startsWith("malformed JSON in the HTTP 200 answer to GET "
        + okta.baseUrl() + ADA_PATH), e.getMessage());
  }

  @Test
  void resolve_searchesOnly_forIdsWithSlashesOrQuestionMarks_quotingTheFilter() {
    String id = "o'brien\"/../?q=*&x=%20\u00e9@example.com";
    okta.stubFor(search("o'brien\\\"/../?q=*&x=%20\u00e9@example.com").atPriority(1)
        .willReturn(okJson("[" + OktaFixtures.user(okta.baseUrl(), "00u9", "ACTIVE",
            "obrien", id, "Miles", "O'Brien", "") + "]")));

    User obrien = resolver.resolve(id);

    assertEquals("Miles O'Brien", obrien.displayName());
    assertEquals(id, obrien.email());
    okta.verify(0, getRequestedFor(urlPathMatching("/api/v1/users/.+")));
    okta.verify(1, getRequestedFor(urlEqualTo("/api/v1/users?search=profile.email%20eq%20%22o"
        + "%27brien%5C%22%2F..%2F%3Fq%3D%2A%26x%3D%2520%C3%A9%40example.com%22")));
  }

  @Test
  void resolve_percentEncodesQuotesAndUnicode_inTheUserPath() {
    String id = "zo\u00eb\"q@example.com";
    okta.stubFor(get(urlEqualTo("/api/v1/users/zo%C3%AB%22q%40example.com")).willReturn(okJson(
        OktaFixtures.user(okta.baseUrl(), "00uA", "ACTIVE", id, id, "Zo\u00eb", "Q", ""))));

    assertEquals("Zo\u00eb Q", resolver.resolve(id).displayName());
  }

  @Test
  void resolve_neverFetchesMe_whichNamesTheCaller() {
    assertThrows(UserNotFoundException.class, () -> resolver.resolve("me"));

    okta.verify(0, getRequestedFor(urlEqualTo("/api/v1/users/me")));
    okta.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/users")));
  }

  @Test
  void resolve_takesAnEmailManagerId_asIs_orSkipsTheManagerLookup() {
    okta.stubFor(get(urlEqualTo("/api/v1/users/kim%40example.com")).willReturn(okJson(
        OktaFixtures.user(okta.baseUrl(), "00uB", "ACTIVE", "kim@example.com",
            "kim@example.com", "Kim", "Lee", ",\n \"managerId\": \"boss@example.com\""))));

    assertEquals("boss@example.com", resolver.resolve("kim@example.com").managerEmail());
    try (UserResolver noManager = create(Map.of("OKTA_RESOLVE_MANAGER", "false"))) {
      User ada = noManager.resolve("ada@example.com");
      assertEquals("", ada.managerEmail());
      assertEquals(MANAGER_ID, ada.managerId());
    }
    okta.verify(0, getRequestedFor(urlEqualTo("/api/v1/users/" + MANAGER_ID)));
    okta.verify(0, getRequestedFor(urlEqualTo("/api/v1/users/boss%40example.com")));
  }

  @Test
  void resolve_leavesManagerEmailEmpty_whenTheManagerCannotBeFound() {
    okta.stubFor(get(urlEqualTo("/api/v1/users/" + MANAGER_ID)).willReturn(oktaError(404,
        "E0000007", "Not found: Resource not found: " + MANAGER_ID + " (User)")));

    User ada = resolver.resolve("ada@example.com");

    assertEquals("", ada.managerEmail());
    assertEquals("Charles Babbage", ada.managerFullname());
  }

  @Test
  void resolve_mapsACustomAuthorizationServer_backToTheOrg() {
    String issuer = okta.baseUrl() + "/oauth2/default";
    okta.stubFor(get("/oauth2/default" + WELL_KNOWN).willReturn(okJson("{\"issuer\": \""
        + issuer + "\", \"token_endpoint\": \"" + issuer + "/v1/token\"}")));

    try (UserResolver custom = create(Map.of("FLASK_OIDC_CONFIG_URL", issuer + WELL_KNOWN))) {
      assertEquals("Countess Lovelace", custom.resolve("ada@example.com").displayName());
    }
    okta.verify(1, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void resolve_usesOktaOrgUrl_withoutTheDiscoveryDocument() {
    try (UserResolver direct = create(Map.of("FLASK_OIDC_CONFIG_URL", "",
        "OKTA_ORG_URL", okta.baseUrl()))) {
      assertEquals("Countess Lovelace", direct.resolve("ada@example.com").displayName());
    }
    okta.verify(0, getRequestedFor(urlEqualTo(WELL_KNOWN)));
  }

  @Test
  void resolve_failsPermanently_whenTheDiscoveryIssuerDoesNotMatch() {
    okta.stubFor(get(WELL_KNOWN).willReturn(okJson(OktaFixtures.discovery(
        "https://other.okta.com"))));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> resolver.resolve("ada@example.com"));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("its issuer \"https://other.okta.com\" does not match"),
        e.getMessage());
    okta.verify(0, getRequestedFor(urlPathMatching("/api/v1/.*")));
  }

  @Test
  void checks_reportTheDiscoveryDocument_theApiToken_andOneLookup() {
    List<Check.Result> results = resolver.checks().stream().map(Check::run).toList();

    assertEquals(List.of(
        new Check.Result("okta discovery document", true, "issuer " + okta.baseUrl()
            + ", org URL " + okta.baseUrl()),
        new Check.Result("okta API token", true, "API token accepted"),
        new Check.Result("okta lookup", true, "users readable: 1 returned for limit=1")),
        results);
  }

  @Test
  void checks_fail_withTheReason_whenTheTokenIsRejected() {
    okta.stubFor(get(urlEqualTo("/api/v1/users/me")).willReturn(oktaError(401, "E0000011",
        "Invalid token provided")));

    Check.Result token = resolver.checks().get(1).run();

    assertFalse(token.ok());
    assertTrue(token.detail().startsWith("Okta rejected the API token while checking the API "
        + "token (HTTP 401 E0000011: Invalid token provided)"), token.detail());
  }

  @Test
  void toString_namesTheOrgAndAuth_neverTheToken() {
    assertEquals("OktaUserResolver[org=discovered from " + okta.baseUrl() + WELL_KNOWN
        + ", auth=the API token]", resolver.toString());
  }
}
