package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * Bad setting values at the settings entry point ({@link UserResolvers#fromSettings}): the
 * chain's own, and each provider's and store's ({@link ProviderFixture#badSettings()},
 * {@link StoreFixture#badSettings()}). Each is an {@link IllegalArgumentException} naming the
 * setting, and neither its message, its causes, nor the settings' {@code toString()} shows a
 * secret.
 */
final class BadSettingsIT {
  private static final List<ProviderFixture> PROVIDERS = Fixtures.providers();
  private static final List<StoreFixture> STORES = Fixtures.stores();

  @BeforeAll
  static void start() {
    PROVIDERS.forEach(ProviderFixture::start);
    STORES.forEach(StoreFixture::start);
  }

  @AfterAll
  static void stop() {
    PROVIDERS.forEach(ProviderFixture::close);
    STORES.forEach(StoreFixture::close);
  }

  static List<BadSetting> chainSettings() {
    return List.of(
        new BadSetting("USER_RESOLVER_TIMEOUT", "-PT1S"),
        new BadSetting("USER_RESOLVER_TIMEOUT", "PT0S"),
        new BadSetting("USER_RESOLVER_TIMEOUT", "five seconds"),
        new BadSetting("USER_RESOLVER_TIMEOUT", "P".repeat(10_240)),
        new BadSetting("USER_RESOLVER_TIMEOUT", "PT\u00001S"),
        new BadSetting("USER_RESOLVER_TIMEOUT", "%s%n%s"),
        new BadSetting("USER_RESOLVER_CACHE_MAX_SIZE", "-1"),
        new BadSetting("USER_RESOLVER_CACHE_MAX_SIZE", "ten"),
        new BadSetting("USER_RESOLVER_CACHE_MAX_SIZE", "99999999999999999999999"),
        new BadSetting("USER_RESOLVER_CACHE_TTL", "PT-1H"),
        new BadSetting("USER_RESOLVER_FALLBACK_TTL", "0"),
        new BadSetting("USER_RESOLVER_RETRY_MAX_ATTEMPTS", "0"),
        new BadSetting("USER_RESOLVER_RETRY_MAX_ATTEMPTS", "3.5"),
        new BadSetting("USER_RESOLVER_RETRY_BACKOFF", "soon"),
        new BadSetting("USER_RESOLVER_ID_CASE", "upper"),
        new BadSetting("USER_RESOLVER_PROVIDER", "nonexistent"),
        new BadSetting("USER_RESOLVER_PROVIDER", "../../okta"),
        new BadSetting("USER_RESOLVER_PROVIDER", "ok\u0000ta"),
        new BadSetting("USER_RESOLVER_STORE", "mysql"),
        new BadSetting("USER_RESOLVER_STORE", "${jndi:ldap://127.0.0.1/a}"));
  }

  static Stream<Arguments> cases() {
    ProviderFixture first = PROVIDERS.get(0);
    StoreFixture memory = STORES.get(0);
    return Stream.of(
        chainSettings().stream().map(bad -> Arguments.of(first, memory, bad)),
        PROVIDERS.stream().flatMap(provider -> provider.badSettings().stream()
            .map(bad -> Arguments.of(provider, memory, bad))),
        STORES.stream().flatMap(store -> store.badSettings().stream()
            .map(bad -> Arguments.of(first, store, bad))))
        .flatMap(cases -> cases);
  }

  @ParameterizedTest(name = "{0}, {1}: {2}")
  @MethodSource("cases")
  void badSetting_isAnIllegalArgument_namingTheSetting_neverASecret(ProviderFixture provider,
      StoreFixture store, BadSetting bad) {
    Map<String, String> settings = new HashMap<>(provider.settings());
    settings.putAll(store.settings());
    if (bad.value() == null) {
      settings.remove(bad.name());
    } else {
      settings.put(bad.name(), bad.value());
    }

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try (UserResolver resolver = UserResolvers.fromSettings(settings)) {
        resolver.resolve("ada@example.com");
      }
    });

    assertTrue(e.getMessage().contains(bad.name()), "names " + bad.name() + ": "
        + e.getMessage());
    Secrets.assertAbsent("the exception", Secrets.printed(e));
    try {
      Secrets.assertAbsent("the settings' toString()", Settings.of(settings).toString());
    } catch (IllegalArgumentException chainSettings) {
      Secrets.assertAbsent("the settings' exception", Secrets.printed(chainSettings));
    }
  }

  @Test
  void nullSettings_areAClearIllegalArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserResolvers.fromSettings(null));
    assertEquals("settings must not be null", e.getMessage());
  }
}
