package org.userresolver.google;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.testkit.MutableClock;
import org.userresolver.testkit.UserResolverContract;

/** The provider contract, against Google as WireMock plays it. */
final class GoogleUserResolverTest extends UserResolverContract {

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

  @Override
  protected UserResolver createResolver() {
    GoogleServer server = new GoogleServer(google, clock, GoogleFixtures.SUBJECT)
        .serveTokens(GoogleFixtures.TOKEN)
        .unknownUsers()
        .serveUser("ada%40example.com", GoogleFixtures.ada())
        .serveUser("grace%40example.com", GoogleFixtures.grace());
    return new GoogleUserResolverFactory().create(Settings.of(server.settings(
        GoogleFixtures.keyFile(dir, google.baseUrl()))), clock);
  }

  @Override
  protected User knownUser() {
    return User.builder().email("ada@example.com").firstName("Ada").lastName("Lovelace")
        .displayName("Ada Lovelace").build();
  }
}
