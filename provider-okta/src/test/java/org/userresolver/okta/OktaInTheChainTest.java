package org.userresolver.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.testkit.MutableClock;

/** The Okta provider under the real resolution chain: retries, rate limits and the deadline. */
final class OktaInTheChainTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final String ADA_PATH = "/api/v1/users/ada%40example.com";

  @RegisterExtension
  static WireMockExtension okta = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private final MutableClock clock = new MutableClock(NOW);

  @BeforeEach
  void serveDiscovery() {
    okta.stubFor(get("/.well-known/openid-configuration")
        .willReturn(okJson(OktaFixtures.discovery(okta.baseUrl()))));
  }

  private Map<String, String> settings(String timeout) {
    Map<String, String> settings = new HashMap<>();
    settings.put("USER_RESOLVER_PROVIDER", "okta");
    settings.put("USER_RESOLVER_STORE", "none");
    settings.put("USER_RESOLVER_TIMEOUT", timeout);
    settings.put("USER_RESOLVER_RETRY_BACKOFF", "PT0.05S");
    settings.put("FLASK_OIDC_CONFIG_URL", okta.baseUrl() + "/.well-known/openid-configuration");
    settings.put("OKTA_API_TOKEN", OktaFixtures.API_TOKEN);
    settings.put("OKTA_RESOLVE_MANAGER", "false");
    return settings;
  }

  private UserResolver chain(String timeout) {
    return chain(timeout, clock);
  }

  private UserResolver chain(String timeout, Clock providerClock) {
    Settings settings = Settings.of(settings(timeout));
    return UserResolvers.builder()
        .settings(settings)
        .provider(new OktaUserResolverFactory().create(settings, providerClock))
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  private static ResponseDefinitionBuilder rateLimited(long resetEpochSecond) {
    return aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Rate-Limit-Limit", "600")
        .withHeader("X-Rate-Limit-Remaining", "0")
        .withHeader("X-Rate-Limit-Reset", String.valueOf(resetEpochSecond))
        .withBody(OktaFixtures.error("E0000047",
            "API call exceeded rate limit due to too many requests."));
  }

  private void failFirstWith(ResponseDefinitionBuilder failure) {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).inScenario("once")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(failure).willSetStateTo("ok"));
    okta.stubFor(get(urlEqualTo(ADA_PATH)).inScenario("once")
        .whenScenarioStateIs("ok").willReturn(okJson(OktaFixtures.ada(okta.baseUrl()))));
  }

  @Test
  void chain_retriesA429_atTheRateLimitReset_withinTheDeadline() {
    // the chain waits in real time, so the provider reads the real clock here
    Clock realTime = Clock.systemUTC();
    failFirstWith(rateLimited(realTime.instant().getEpochSecond() + 2));

    try (UserResolver resolver = chain("PT5S", realTime)) {
      User ada = resolver.resolve("ada@example.com");

      assertEquals("Countess Lovelace", ada.displayName());
    }
    okta.verify(2, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void chain_givesUpAtItsDeadline_whenTheResetIsLater() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(rateLimited(NOW.getEpochSecond() + 60)));

    try (UserResolver resolver = chain("PT0.5S")) {
      User fallback = resolver.resolve("ada@example.com");

      assertEquals(User.minimal("ada@example.com"), fallback);
    }
    okta.verify(1, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void chain_retriesA500_andReturnsTheUser() {
    failFirstWith(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
        .withBody(OktaFixtures.error("E0000009", "Internal Server Error")));

    try (UserResolver resolver = chain("PT5S")) {
      assertEquals("Countess Lovelace", resolver.resolve("ada@example.com").displayName());
    }
    okta.verify(2, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void chain_neverRetriesARejectedToken() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody(OktaFixtures.error("E0000011", "Invalid token provided"))));

    try (UserResolver resolver = chain("PT5S")) {
      assertEquals(User.minimal("ada@example.com"), resolver.resolve("ada@example.com"));
    }
    okta.verify(1, getRequestedFor(urlEqualTo(ADA_PATH)));
  }

  @Test
  void fromSettings_findsTheOktaProvider_byName() {
    okta.stubFor(get(urlEqualTo(ADA_PATH)).willReturn(okJson(OktaFixtures.ada(okta.baseUrl()))));

    try (UserResolver resolver = UserResolvers.fromSettings(settings("PT5S"))) {
      assertEquals("Countess Lovelace", resolver.resolve("ADA@example.com").displayName());
    }
  }
}
