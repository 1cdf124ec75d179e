package org.userresolver.google;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.google.GoogleFixtures.CLIENT_EMAIL;
import static org.userresolver.google.GoogleFixtures.CLIENT_ID;
import static org.userresolver.google.GoogleFixtures.KEY_ID;
import static org.userresolver.google.GoogleFixtures.SUBJECT;
import static org.userresolver.google.GoogleFixtures.TOKEN_PATH;
import static org.userresolver.google.GoogleFixtures.USERS;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Check;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.testkit.MutableClock;

/** What {@code user-resolver check} runs for Google: the key file, a token, one lookup. */
final class GoogleChecksTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final String SCOPE =
      "https://www.googleapis.com/auth/admin.directory.user.readonly";

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(NOW);

  private List<Check.Result> run(GoogleServer server) {
    Path keyFile = GoogleFixtures.keyFile(dir, google.baseUrl());
    try (UserResolver resolver = new GoogleUserResolverFactory().create(Settings.of(
        server.settings(keyFile)), clock)) {
      return resolver.checks().stream().map(Check::run).toList();
    }
  }

  private String keyFileLine() {
    return "service account " + CLIENT_EMAIL + ", key id " + KEY_ID + " from "
        + dir.resolve("service-account.json") + ", client id " + CLIENT_ID + ", token URI "
        + google.baseUrl() + TOKEN_PATH;
  }

  @Test
  void checks_readTheKeyFile_getAToken_andLookUpTheDelegatedSubject() {
    GoogleServer server = new GoogleServer(google, clock, SUBJECT)
        .serveTokens(GoogleFixtures.TOKEN).serveUser("grace%40example.com", GoogleFixtures.grace());

    List<Check.Result> results = run(server);

    assertEquals(List.of(
        new Check.Result("google key file", true, keyFileLine()),
        new Check.Result("google token", true, "access token for service account "
            + CLIENT_EMAIL + " acting as " + SUBJECT + " from " + google.baseUrl() + TOKEN_PATH
            + " for " + SCOPE + ", valid until " + NOW.plusSeconds(3599)),
        new Check.Result("google lookup", true, "user record of grace@example.com readable "
            + "(grace@example.com, Grace Hopper)")), results);
  }

  @Test
  void checks_listOneUserOfMyCustomer_withoutASubject() {
    GoogleServer server = new GoogleServer(google, clock, null).serveTokens(GoogleFixtures.TOKEN);
    google.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("customer", equalTo("my_customer"))
        .withQueryParam("maxResults", equalTo("1"))
        .withQueryParam("viewType", equalTo("admin_view"))
        .willReturn(okJson(GoogleFixtures.page("Q2hhcmxlcw==", GoogleFixtures.ada()))));

    List<Check.Result> results = run(server);

    assertEquals(new Check.Result("google token", true, "access token for service account "
        + CLIENT_EMAIL + " from " + google.baseUrl() + TOKEN_PATH + " for " + SCOPE
        + ", valid until " + NOW.plusSeconds(3599)), results.get(1));
    assertEquals(new Check.Result("google lookup", true, "users of customer my_customer "
        + "readable: 1 returned for maxResults=1"), results.get(2));
  }

  @Test
  void checks_fail_whenGoogleDoesNotKnowTheSubject() {
    GoogleServer server = new GoogleServer(google, clock, SUBJECT)
        .serveTokens(GoogleFixtures.TOKEN).unknownUsers();

    List<Check.Result> results = run(server);

    assertEquals(new Check.Result("google lookup", false, "Google Workspace (" + google.baseUrl()
        + ") does not know GOOGLE_DELEGATED_SUBJECT grace@example.com; set it to an "
        + "administrator's primary email"), results.get(2));
    assertTrue(results.get(0).ok() && results.get(1).ok(), results.toString());
  }

  @Test
  void checks_fail_atTheToken_andTheLookup_whenGoogleRefusesTheAssertion() {
    GoogleServer server = new GoogleServer(google, clock, SUBJECT);
    google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(GoogleServer.tokenError(401,
        "unauthorized_client", "Client is unauthorized to retrieve access tokens using this "
            + "method, or client not authorized for any of the scopes requested.")));

    List<Check.Result> results = run(server);

    assertTrue(results.get(0).ok(), results.get(0).detail());
    assertFalse(results.get(1).ok());
    assertTrue(results.get(1).detail().startsWith("Google refused an access token to service "
        + "account " + CLIENT_EMAIL + " acting as " + SUBJECT + ": token request failed"),
        results.get(1).detail());
    assertFalse(results.get(2).ok());
    google.verify(0, getRequestedFor(urlPathEqualTo(USERS + "/grace%40example.com")));
  }

  @Test
  void checks_fail_atTheKeyFile_whenItWasRemovedSinceStart() throws Exception {
    GoogleServer server = new GoogleServer(google, clock, SUBJECT)
        .serveTokens(GoogleFixtures.TOKEN).serveUser("grace%40example.com", GoogleFixtures.grace());
    Path keyFile = GoogleFixtures.keyFile(dir, google.baseUrl());
    try (UserResolver resolver = new GoogleUserResolverFactory().create(Settings.of(
        server.settings(keyFile)), clock)) {
      Files.delete(keyFile);

      Check.Result result = resolver.checks().get(0).run();

      assertEquals(new Check.Result("google key file", false, keyFile + " is not a readable "
          + "file"), result);
    }
  }
}
