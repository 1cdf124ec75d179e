package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * The password never shows: not in messages, {@code toString()}, check output, or the debug
 * log of everything the store and the HTTP layer did.
 */
final class AtlasSecretsTest {
  private static final String WRONG = "wr0ng-Atl@s-pw";

  private final AtlasStub atlas = AtlasStub.start();

  @AfterEach
  void stop() {
    atlas.close();
  }

  private static List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    for (String password : List.of(AtlasStub.PASSWORD, WRONG)) {
      secrets.add(password);
      secrets.add(Base64.getEncoder().encodeToString(
          (AtlasStub.USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return secrets;
  }

  private static void assertNoSecret(String text) {
    for (String secret : secrets()) {
      assertFalse(text.contains(secret), () -> "a secret shows in: " + text);
    }
  }

  @Test
  void thePassword_neverShows_inMessagesToStringChecksOrTheDebugLog() {
    List<String> shown = new ArrayList<>();
    Map<String, String> wrong = new HashMap<>(atlas.settings());
    wrong.put("ATLAS_PASSWORD", WRONG);
    wrong.put("USER_RESOLVER_STORE", "atlas");
    wrong.put("USER_RESOLVER_RETRY_BACKOFF", "PT0.01S");
    AtlasUserStore good = atlas.store(Map.of("ATLAS_CREATE_TYPES", "true"));
    AtlasUserStore bad = atlas.store(Map.of("ATLAS_PASSWORD", WRONG));

    good.createOrUpdate(User.minimal("a@x.com"));
    good.createOrUpdateAll(List.of(User.minimal("b@x.com")));
    good.findAll(List.of("a@x.com", "b@x.com"));
    good.userIds(true);
    for (Runnable failing : List.<Runnable>of(
        () -> bad.find("a@x.com"),
        () -> bad.findAll(List.of("a@x.com")),
        () -> bad.createOrUpdate(User.minimal("a@x.com")),
        () -> bad.createOrUpdateAll(List.of(User.minimal("a@x.com"))),
        () -> bad.userIds(false))) {
      try {
        failing.run();
      } catch (RuntimeException e) {
        shown.add(e.getMessage());
      }
    }
    try (UserResolver chain = UserResolvers.builder().settings(Settings.of(wrong))
        .provider(id -> User.builder().userId(id).email(id).firstName("A").build())
        .meterRegistry(new SimpleMeterRegistry())
        .listener(resolution -> shown.add(resolution.detail()))
        .build()) {
      shown.add(chain.resolve("c@x.com").toString());
      chain.checks().stream().map(Check::run).forEach(result -> shown.add(result.detail()));
    }
    bad.checks().stream().map(Check::run).forEach(result -> shown.add(result.detail()));
    shown.add(good.toString());
    shown.add(good.config().toString());
    shown.add(Settings.of(wrong).toString());

    assertTrue(shown.size() >= 16, shown::toString);
    assertEquals(5 + 1 + 2 + 2, shown.stream().filter(text -> text.contains("rejected the "
        + "credentials of user 'admin'")).count(), shown::toString);
    shown.forEach(AtlasSecretsTest::assertNoSecret);
    String log = TestLog.text();
    assertTrue(log.contains("DEBUG org.userresolver.http.HttpJsonClient - POST " + atlas.url()),
        "the debug log holds the requests");
    assertNoSecret(log);
  }

  @Test
  void badSettings_neverQuoteThePassword() {
    Map<String, String> values = new HashMap<>(atlas.settings());
    values.put("ATLAS_USERNAME", "ad:min");
    values.put("ATLAS_URL", "ftp://atlas");

    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> new AtlasUserStoreFactory().create(Settings.of(values)));

    assertTrue(e.getMessage().startsWith("Invalid Atlas settings:"), e.getMessage());
    assertNoSecret(e.getMessage());
  }
}
