package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.UserStore;
import org.userresolver.testkit.TestLog;

/**
 * Secrets (client secrets, API tokens, private keys given as PEM text, as a file or inside a
 * service-account key file, passwords, access tokens and signed assertions) never appear in
 * what the library says: every log line at every level, exception messages and causes, the
 * {@code toString()} of the resolver, provider, store and settings, check results, answers'
 * details (what {@code --explain} prints), and the command's output, in process and through the
 * shaded jar (once per server store); when all goes well, and when it does not (wrong secrets,
 * token endpoint errors, a token HTTP cannot carry, faults, a wrong Neo4j or Atlas password).
 * A token error cannot happen to a provider that gets no tokens: that case is skipped, saying
 * why.
 */
final class SecretsIT {
  private static final List<ProviderFixture> PROVIDERS = new ArrayList<>(Fixtures.providers());
  private static final List<StoreFixture> STORES = Fixtures.stores();
  private static final String ADA = "ada@example.com";
  private static final String NOBODY = "nobody@example.com";

  static {
    PROVIDERS.add(new OktaFixture(OktaFixture.Auth.KEY_FILE));
  }

  @BeforeAll
  static void start() {
    assertTrue(TestLog.atTrace(), "the secrets tests need everything logged, down to trace");
    PROVIDERS.forEach(ProviderFixture::start);
    STORES.forEach(StoreFixture::start);
  }

  @AfterAll
  static void stop() {
    PROVIDERS.forEach(ProviderFixture::close);
    STORES.forEach(StoreFixture::close);
  }

  @BeforeEach
  void reset() {
    PROVIDERS.forEach(ProviderFixture::reset);
    STORES.forEach(StoreFixture::reset);
  }

  /** How a provider fails, for the secrets checks. */
  enum Failure {
    NONE(provider -> {}),
    WRONG_SECRETS(provider -> {}),
    TOKEN_400(provider -> token(provider, aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The assertion was "
            + "rejected.\"}"))),
    TOKEN_503(provider -> token(provider, aResponse().withStatus(503))),
    TOKEN_TRUNCATED(provider -> token(provider, okJson("{\"token_type\":\"Bearer\","
        + "\"access_token\":\"" + Secrets.make("truncated-access-token") + "\",\"expi"))),
    TOKEN_HTTP_CANNOT_CARRY(provider -> token(provider, okJson("{\"token_type\":\"Bearer\","
        + "\"expires_in\":300,\"access_token\":\"" + Secrets.make("token-with-a-line-break")
        + "\\r\\nX-Injected: " + Secrets.make("token-after-the-line-break") + "\"}"))),
    LOOKUP_401(provider -> lookups(provider, aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}"))),
    LOOKUP_403(provider -> lookups(provider, aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission "
            + "to perform the requested action\"}"))),
    BURST_503(provider -> ProviderFault.BURST_503.apply(provider, "", 1_000, null)),
    TRUNCATED_JSON(provider -> ProviderFault.TRUNCATED_JSON.apply(provider,
        provider.foundAnswer(ADA, "Ada", "Lovelace"), 1_000, null));

    private final Consumer<ProviderFixture> apply;

    Failure(Consumer<ProviderFixture> apply) {
      this.apply = apply;
    }

    /** Why the failure cannot happen to this provider, if it cannot (token errors). */
    Optional<String> notApplicableTo(ProviderFixture provider) {
      return name().startsWith("TOKEN_") ? ProviderFault.TOKEN_503.notApplicableTo(provider)
          : Optional.empty();
    }

    private static void token(ProviderFixture provider,
        com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
      provider.server().stubFor(provider.tokenRequests().orElseThrow()
          .atPriority(ProviderFixture.FAULT_PRIORITY).willReturn(answer));
    }

    private static void lookups(ProviderFixture provider,
        com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
      provider.server().stubFor(provider.lookups().atPriority(ProviderFixture.FAULT_PRIORITY)
          .willReturn(answer));
    }
  }

  static Stream<Arguments> providerCases() {
    return PROVIDERS.stream().flatMap(provider -> Stream.of(Failure.values())
        .map(failure -> Arguments.of(provider, failure)));
  }

  static Stream<Arguments> storeCases() {
    return STORES.stream().flatMap(store -> Stream.of(false, true)
        .map(wrong -> Arguments.of(store, wrong)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("providerCases")
  void providerSecrets_neverAppear_inAnythingTheLibrarySays(ProviderFixture provider,
      Failure failure) {
    Optional<String> notApplicable = failure.notApplicableTo(provider);
    assumeTrue(notApplicable.isEmpty(), notApplicable::orElseThrow);
    provider.userExists(ADA, "Ada", "Lovelace");
    failure.apply.accept(provider);
    Map<String, String> settings = new HashMap<>(failure == Failure.WRONG_SECRETS
        ? provider.settingsWithWrongSecrets() : provider.settings());
    settings.putAll(STORES.get(0).settings());
    settings.put("USER_RESOLVER_RETRY_BACKOFF", "PT0.01S");

    Session session = everythingSaid(settings);

    if (failure == Failure.NONE) {
      assertEquals("Ada", session.answer().firstName(), "the provider was used");
    } else {
      assertEquals(User.minimal(ADA), session.answer(), "the provider failed");
    }
    provider.registerSecretsSeen();
    session.captured().assertNoSecret();
  }

  @ParameterizedTest(name = "{0}, wrong secrets: {1}")
  @MethodSource("storeCases")
  void storeSecrets_neverAppear_inAnythingTheLibrarySays(StoreFixture store, boolean wrong) {
    ProviderFixture provider = PROVIDERS.get(0);
    provider.userExists(ADA, "Ada", "Lovelace");
    Map<String, String> settings = new HashMap<>(provider.settings());
    settings.putAll(wrong && !store.settingsWithWrongSecrets().isEmpty()
        ? store.settingsWithWrongSecrets() : store.settings());
    settings.put("USER_RESOLVER_RETRY_BACKOFF", "PT0.01S");

    Session session = everythingSaid(settings);

    assertEquals("Ada", session.answer().firstName(), "the provider answers, store or not");
    session.captured().call("the store's find", () -> {
      try (UserStore direct = Plugins.store(Settings.of(settings))) {
        return direct.find(ADA);
      }
    });
    session.captured().assertNoSecret();
  }

  /** What a session said, and its answer for Ada. */
  private record Session(Captured captured, User answer) {}

  /**
   * Builds the chain from the settings and makes it talk: a known and an unknown user, every
   * check, every {@code toString()}; then the provider and the store on their own, as the
   * chain's factories make them; then the command, in process, resolving with
   * {@code --explain} and checking.
   */
  private static Session everythingSaid(Map<String, String> settings) {
    Captured captured = new Captured();
    User[] answer = new User[1];
    captured.add("the settings' toString()", Settings.of(settings));
    captured.call("building the chain", () -> {
      try (UserResolver chain = UserResolvers.builder().settings(Settings.of(settings))
          .meterRegistry(new SimpleMeterRegistry()).listener(captured::told).build()) {
        answer[0] = chain.resolve(ADA);
        captured.add("an answer", answer[0]);
        captured.add("a fallback", chain.resolve(NOBODY));
        captured.add("the chain's toString()", chain);
        captured.checks(chain.checks());
        return chain.resolveAll(List.of(ADA, NOBODY, "grace@example.com"));
      }
    });
    captured.call("the provider's lookup", () -> {
      try (UserResolver provider = Plugins.provider(Settings.of(settings))) {
        captured.add("the provider's toString()", provider);
        return provider.resolve(ADA);
      }
    });
    captured.call("the store's checks", () -> {
      try (UserStore store = Plugins.store(Settings.of(settings))) {
        captured.add("the store's toString()", store);
        captured.checks(store.checks());
        return store.findAll(List.of(ADA, NOBODY));
      }
    });
    Cli.Result resolve = Cli.run(settings, "resolve", "--explain", ADA, NOBODY);
    captured.add("user-resolver resolve --explain (" + resolve.code() + ")", resolve.all());
    Cli.Result check = Cli.run(settings, "check");
    captured.add("user-resolver check (" + check.code() + ")", check.all());
    return new Session(captured, answer[0]);
  }

  static Stream<StoreFixture> serverStores() {
    return STORES.stream().filter(store -> !(store instanceof MemoryStoreFixture));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverStores")
  void theShadedCommand_printsNoSecret_resolvingAndChecking_atTraceLevel(StoreFixture store)
      throws Exception {
    ProviderFixture provider = PROVIDERS.get(0);
    provider.userExists(ADA, "Ada", "Lovelace");
    Map<String, String> env = new HashMap<>(provider.settings());
    env.putAll(store.settings());

    Cli.Result resolve = jar(env, "resolve", "--explain", ADA, NOBODY);
    Cli.Result check = jar(env, "check");

    assertEquals(0, resolve.code(), resolve.err());
    assertTrue(resolve.out().contains("\"first_name\":\"Ada\""), resolve.out());
    assertTrue(resolve.err().contains(ADA + ": from provider okta"), resolve.err());
    assertTrue(resolve.err().contains("DEBUG "), "logged at debug and trace: " + resolve.err());
    assertEquals(0, check.code(), check.all());
    assertTrue(check.out().contains("OK   " + store.name() + " authentication"), check.out());
    Secrets.assertAbsent("user-resolver.jar resolve --explain", resolve.all());
    Secrets.assertAbsent("user-resolver.jar check", check.all());
  }

  /** Runs the shaded jar in a JVM of its own, settings in its environment, logging at trace. */
  private static Cli.Result jar(Map<String, String> env, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("cli.jar"));
    assertTrue(Files.isRegularFile(jar), "build the command first: " + jar);
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> Stream.of("USER_RESOLVER_", "OKTA_",
        "KEYCLOAK_", "GOOGLE_", "NEO4J_", "ATLAS_", "FLASK_").anyMatch(name::startsWith));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String[] streams = new String[2];
    Thread err = new Thread(() -> streams[1] = read(process.getErrorStream()));
    err.start();
    streams[0] = read(process.getInputStream());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ended");
    err.join();
    return new Cli.Result(process.exitValue(), streams[0], streams[1]);
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
