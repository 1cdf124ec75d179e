package org.userresolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.spi.UserResolverFactory;

final class UserResolversTest {

  @TempDir
  Path dir;

  private Path usersFile() throws IOException {
    Path file = dir.resolve("users.json");
    Files.writeString(file, "[{\"email\": \"ada@example.com\", \"first_name\": \"Ada\","
        + " \"last_name\": \"Lovelace\"}]");
    return file;
  }

  @Test
  void fromSettings_buildsTheChain_fromInstalledPlugins() throws IOException {
    List<Resolution> answers = new ArrayList<>();
    try (UserResolver resolver = UserResolvers.builder()
        .settings(Settings.of(Map.of("USER_RESOLVER_PROVIDER", "file",
            "USER_RESOLVER_FILE", usersFile().toString())))
        .meterRegistry(new SimpleMeterRegistry())
        .listener(answers::add)
        .build()) {

      assertEquals("Ada Lovelace", resolver.resolve("Ada@Example.com").displayName());
      assertEquals(User.minimal("bob@example.com"), resolver.resolve("bob@example.com"));
      assertEquals(Resolution.Source.PROVIDER, answers.get(0).source());
      assertEquals("created in store memory", answers.get(0).detail());
      assertEquals(Resolution.Source.FALLBACK, answers.get(1).source());
      assertEquals("ResolutionChain[provider=file, store=memory]", resolver.toString());
    }
  }

  @Test
  void fromSettings_withStoreNone_usesNoStore() throws IOException {
    try (UserResolver resolver = UserResolvers.fromSettings(Map.of("USER_RESOLVER_PROVIDER", "file",
        "USER_RESOLVER_FILE", usersFile().toString(), "USER_RESOLVER_STORE", "none"))) {

      assertEquals("ResolutionChain[provider=file, store=none]", resolver.toString());
      assertEquals("ada@example.com", resolver.resolve("ada@example.com").email());
    }
  }

  @Test
  void missingProvider_isExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserResolvers.fromSettings(Map.of()));

    assertEquals("USER_RESOLVER_PROVIDER is not set: name the identity provider (okta, google, "
        + "keycloak or file), or set FLASK_OIDC_PROVIDER_NAME", e.getMessage());
  }

  @Test
  void unknownProvider_listsWhatIsInstalled() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserResolvers.fromSettings(Map.of("USER_RESOLVER_PROVIDER", "okte")));

    assertEquals("Unrecognized value for USER_RESOLVER_PROVIDER: \"okte\". Installed: file. "
        + "Known identity provider names: file, google, keycloak, okta; a third-party one must "
        + "list its org.userresolver.spi.UserResolverFactory in META-INF/services.",
        e.getMessage());
  }

  @Test
  void knownProviderWithoutItsJar_namesTheArtifactToAdd() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserResolvers.builder().settings(Settings.of(Map.of("USER_RESOLVER_PROVIDER",
            "keycloak"))).classLoader(loaderListing()).build());

    assertEquals("Unrecognized value for USER_RESOLVER_PROVIDER: \"keycloak\". Installed: file. "
        + "To use keycloak, add the artifact org.userresolver:user-resolver-provider-keycloak to "
        + "the class path.", e.getMessage());
  }

  @Test
  void unknownStore_namesTheArtifactToAdd() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserResolvers.fromSettings(Map.of("USER_RESOLVER_PROVIDER", "file",
            "USER_RESOLVER_FILE", usersFile().toString(), "USER_RESOLVER_STORE", "atlas")));

    assertTrue(e.getMessage().startsWith("Unrecognized value for USER_RESOLVER_STORE: \"atlas\". "
        + "Installed: memory"), e.getMessage());
    assertTrue(e.getMessage().endsWith("To use atlas, add the artifact "
        + "org.userresolver:user-resolver-store-atlas to the class path."), e.getMessage());
  }

  @Test
  void twoFactoriesWithOneName_areBothNamed() throws IOException {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> UserResolvers.builder()
            .settings(Settings.of(Map.of("USER_RESOLVER_PROVIDER", "file",
                "USER_RESOLVER_FILE", usersFile().toString())))
            .classLoader(loaderListing(SecondFileFactory.class.getName()))
            .build());

    assertEquals("Several identity provider factories are named \"file\": "
        + "org.userresolver.internal.FileUserResolverFactory and "
        + "org.userresolver.UserResolversTest$SecondFileFactory. Keep one of them on the class "
        + "path.", e.getMessage());
  }

  @Test
  void factoryThatFailsToLoad_isReportedWithItsCause() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserResolvers.builder()
            .settings(Settings.of(Map.of("USER_RESOLVER_PROVIDER", "okta")))
            .classLoader(loaderListing(BrokenFactory.class.getName()))
            .build());

    assertTrue(e.getMessage().contains("These identity provider factories failed to load: "
        + "org.userresolver.spi.UserResolverFactory: Provider "
        + "org.userresolver.UserResolversTest$BrokenFactory could not be instantiated (caused by "
        + "java.lang.IllegalStateException: the okta client library is missing)"),
        e.getMessage());
  }

  @Test
  void factoryThatFailsToLoad_doesNotStopAnotherFromBeingUsed() throws IOException {
    try (UserResolver resolver = UserResolvers.builder()
        .settings(Settings.of(Map.of("USER_RESOLVER_PROVIDER", "file",
            "USER_RESOLVER_FILE", usersFile().toString())))
        .classLoader(loaderListing(BrokenFactory.class.getName()))
        .meterRegistry(new SimpleMeterRegistry())
        .build()) {
      assertEquals("Ada Lovelace", resolver.resolve("ada@example.com").displayName());
    }
  }

  @Test
  void providerSettingsErrors_reachTheCaller() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserResolvers.fromSettings(Map.of("USER_RESOLVER_PROVIDER", "file")));

    assertTrue(e.getMessage().startsWith("Invalid settings for the file provider:\n"
        + "  - USER_RESOLVER_FILE is required"), e.getMessage());
  }

  @Test
  void explicitWiring_needsNoServiceLoader() {
    UserResolver provider = id -> User.builder().email(id).fullName("Explicit").build();
    try (UserResolver resolver = UserResolvers.builder()
        .settings(Settings.of(Map.of()))
        .provider(provider)
        .withoutStore()
        .meterRegistry(new SimpleMeterRegistry())
        .build()) {
      assertEquals("Explicit", resolver.resolve("x@example.com").displayName());
    }
  }

  @Test
  void typedConfiguration_winsOverTheSettings() {
    List<String> asked = new ArrayList<>();
    UserResolver provider = id -> {
      asked.add(id);
      return User.builder().email(id).fullName("Typed").build();
    };
    try (UserResolver resolver = UserResolvers.builder()
        .settings(Settings.of(Map.of("USER_RESOLVER_ID_CASE", "lower",
            "USER_RESOLVER_CACHE_MAX_SIZE", "0")))
        .provider(provider)
        .withoutStore()
        .idCase(Settings.IdCase.PRESERVE)
        .cacheMaxSize(100)
        .cacheTtl(Duration.ofMinutes(5))
        .cacheRefresh(Duration.ofMinutes(1))
        .fallbackTtl(Duration.ofSeconds(5))
        .retryMaxAttempts(2)
        .retryBackoff(Duration.ofMillis(10))
        .timeout(Duration.ofSeconds(2))
        .meterRegistry(new SimpleMeterRegistry())
        .build()) {
      resolver.resolve("Mixed@Example.com");
      resolver.resolve("Mixed@Example.com");
    }

    assertEquals(List.of("Mixed@Example.com"), asked, "kept its case, and was cached");
  }

  @Test
  void typedConfiguration_rejectsBadValues_namingTheField() {
    UserResolvers.Builder builder = UserResolvers.builder();

    assertEquals("cacheTtl must be positive, found PT0S", assertThrows(
        IllegalArgumentException.class, () -> builder.cacheTtl(Duration.ZERO)).getMessage());
    assertEquals("timeout must be positive, found PT-1S", assertThrows(
        IllegalArgumentException.class, () -> builder.timeout(Duration.ofSeconds(-1)))
        .getMessage());
    assertEquals("retryMaxAttempts must be at least 1, found 0", assertThrows(
        IllegalArgumentException.class, () -> builder.retryMaxAttempts(0)).getMessage());
    assertEquals("cacheMaxSize must not be negative, found -1", assertThrows(
        IllegalArgumentException.class, () -> builder.cacheMaxSize(-1)).getMessage());
    assertEquals("USER_RESOLVER_CACHE_REFRESH (PT2H) must be shorter than USER_RESOLVER_CACHE_TTL "
        + "(PT1H), or profiles expire before they are refreshed", assertThrows(
        IllegalStateException.class, () -> builder.settings(Settings.of(Map.of()))
            .provider(id -> User.minimal(id)).cacheRefresh(Duration.ofHours(2)).build())
        .getMessage());
  }

  @Test
  void givenExecutor_runsTheProviderCalls_andIsNotShutDown() throws Exception {
    java.util.concurrent.ExecutorService executor =
        java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "callers-own"));
    List<String> threads = new ArrayList<>();
    try {
      try (UserResolver resolver = UserResolvers.builder()
          .settings(Settings.of(Map.of()))
          .provider(id -> {
            threads.add(Thread.currentThread().getName());
            return User.minimal(id);
          })
          .withoutStore()
          .executor(executor)
          .meterRegistry(new SimpleMeterRegistry())
          .build()) {
        resolver.resolve("x@example.com");
      }

      assertEquals(List.of("callers-own"), threads);
      assertEquals("still running", executor.submit(() -> "still running").get());
    } finally {
      executor.shutdownNow();
    }
  }

  /** A class loader that sees the test class path plus a services file listing the given classes. */
  private URLClassLoader loaderListing(String... factories) {
    try {
      Path services = dir.resolve("extra/META-INF/services");
      Files.createDirectories(services);
      Files.writeString(services.resolve(UserResolverFactory.class.getName()),
          String.join("\n", factories) + "\n");
      return new URLClassLoader(new URL[] {dir.resolve("extra").toUri().toURL()},
          getClass().getClassLoader());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A second factory claiming the name {@code file}. */
  public static final class SecondFileFactory implements UserResolverFactory {
    @Override
    public String name() {
      return "file";
    }

    @Override
    public UserResolver create(Settings settings) {
      throw new AssertionError("never created");
    }
  }

  /** A factory that cannot be instantiated. */
  public static final class BrokenFactory implements UserResolverFactory {
    public BrokenFactory() {
      throw new IllegalStateException("the okta client library is missing");
    }

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public UserResolver create(Settings settings) {
      throw new AssertionError("never created");
    }
  }
}
