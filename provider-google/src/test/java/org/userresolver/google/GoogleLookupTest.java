package org.userresolver.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.userresolver.google.GoogleFixtures.SUBJECT;
import static org.userresolver.google.GoogleFixtures.USERS;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.testkit.MutableClock;

/** users.get as the provider sends it, and which answers it takes for the id. */
final class GoogleLookupTest {

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private GoogleServer server;

  @BeforeEach
  void serveGoogle() {
    server = new GoogleServer(google, clock, SUBJECT).serveTokens(GoogleFixtures.TOKEN)
        .unknownUsers();
  }

  private UserResolver create(Map<String, String> extra) {
    Map<String, String> settings = server.settings(GoogleFixtures.keyFile(dir, google.baseUrl()));
    settings.putAll(extra);
    return new GoogleUserResolverFactory().create(Settings.of(settings), clock);
  }

  private User resolve(String id) {
    try (UserResolver resolver = create(Map.of())) {
      return resolver.resolve(id);
    }
  }

  @Test
  void resolve_sendsTheIdAsOnePathSegment_everyReservedCharacterEncoded_plusAsPercent2B() {
    String ada = GoogleFixtures.ada().replace("\"ada.lovelace@example.com\"\n  ]",
        "\"ada.lovelace@example.com\", \"ada+engines@example.com\"\n  ]");
    google.stubFor(GoogleServer.user("ada%2Bengines%40example.com").willReturn(okJson(ada)));

    User user = resolve("ada+engines@example.com");

    assertEquals("ada+engines@example.com", user.userId());
    assertEquals("ada@example.com", user.email());
    google.verify(1, getRequestedFor(urlEqualTo(USERS
        + "/ada%2Bengines%40example.com?viewType=admin_view"))
        .withHeader("Authorization", equalTo("Bearer " + GoogleFixtures.TOKEN)));
  }

  @Test
  void resolve_sendsNothing_forADotSegment_whichNoUserKeyIs() {
    for (String id : List.of(".", "..")) {
      assertThrows(UserNotFoundException.class, () -> resolve(id), id);
    }

    google.verify(0, getRequestedFor(urlPathMatching(USERS + ".*")));
    google.verify(0, postRequestedFor(urlPathEqualTo(GoogleFixtures.TOKEN_PATH)));
  }

  @Test
  void resolve_takesAnAliasLookup_answeredWithThePrimaryAddress_forTheSamePerson() {
    server.serveUser("ada.lovelace%40example.com", GoogleFixtures.ada())
        .serveUser("ada%40example.com.test-google-a.com", GoogleFixtures.ada())
        .serveUser("countess%40analytical.example.org", GoogleFixtures.ada());

    for (String id : List.of("ada.lovelace@example.com", "ada@example.com.test-google-a.com",
        "countess@analytical.example.org")) {
      User user = resolve(id);

      assertEquals(id, user.userId());
      assertEquals("ada@example.com", user.email());
      assertEquals("Ada Lovelace", user.fullName());
    }
  }

  @Test
  void resolve_takesNoUserWhoseAddressesAreNotTheId_whateverGoogleMatched() {
    server.serveUser("ada.byron%40example.com", GoogleFixtures.ada());

    UserNotFoundException e = assertThrows(UserNotFoundException.class,
        () -> resolve("ada.byron@example.com"));

    assertEquals("user ada.byron@example.com not found in Google Workspace ("
        + google.baseUrl() + ")", e.getMessage());
  }

  @Test
  void resolve_takesGooglesUserId_asGoogleMatchedIt() {
    server.serveUser("103847562910384756291", GoogleFixtures.ada());

    User user = resolve("103847562910384756291");

    assertEquals("103847562910384756291", user.userId());
    assertEquals("ada@example.com", user.email());
  }

  @Test
  void resolve_asksForTheFullProjection_onlyWhenCustomSchemasAreWanted() {
    server.serveUser("ada%40example.com", GoogleFixtures.ada());

    try (UserResolver resolver = create(Map.of("GOOGLE_OTHER_KEYS",
        "customSchemas.Employment.startDate"))) {
      assertEquals(Map.of("customSchemas.Employment.startDate", "2019-06-03",
              "thumbnailPhotoUrl", "https://lh3.google.com/ao/AP2z2aWHJm0E3v9Pz7qTQ0mYk0pD"),
          resolver.resolve("ada@example.com").otherKeyValues());
    }
    resolve("ada@example.com");

    google.verify(1, getRequestedFor(urlPathEqualTo(USERS + "/ada%40example.com"))
        .withQueryParam("projection", equalTo("full")));
    google.verify(1, getRequestedFor(urlPathEqualTo(USERS + "/ada%40example.com"))
        .withQueryParam("projection", absent()));
  }

  @Test
  void resolve_fillsTheProfileUrl_fromTheTemplate() {
    server.serveUser("ada%40example.com", GoogleFixtures.ada());

    try (UserResolver resolver = create(Map.of("GOOGLE_PROFILE_URL",
        "https://admin.google.com/ac/users/{id}"))) {
      assertEquals("https://admin.google.com/ac/users/103847562910384756291",
          resolver.resolve("ada@example.com").profileUrl());
    }
  }
}
