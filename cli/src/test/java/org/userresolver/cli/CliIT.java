package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real shaded jar {@code cli/target/user-resolver.jar} in a new JVM from the
 * repository root, as the README does, against the examples and temporary users files.
 */
final class CliIT {

  private static final Path JAR = Path.of(System.getProperty("cli.jar"));
  private static final Path REPO = Path.of(System.getProperty("cli.repoRoot")).normalize();
  private static final String SETTINGS = "examples/settings.properties";

  private static final String ADA = "{\"user_id\":\"ada@example.com\",\"email\":\"ada@example.com\","
      + "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"full_name\":\"Ada Lovelace\","
      + "\"display_name\":\"Ada Lovelace\",\"is_active\":true,\"github_username\":\"ada-lovelace\","
      + "\"team_name\":\"Data Platform\",\"slack_id\":\"U05ADA1815\",\"employee_type\":\"Full-time\","
      + "\"manager_fullname\":\"Grace Hopper\",\"manager_email\":\"grace@example.com\","
      + "\"manager_id\":\"\",\"role_name\":\"Principal Data Engineer\","
      + "\"profile_url\":\"https://people.example.com/ada\",\"other_key_values\":{}}";
  private static final String GRACE = "{\"user_id\":\"grace@example.com\","
      + "\"email\":\"grace@example.com\",\"first_name\":\"Grace\",\"last_name\":\"Hopper\","
      + "\"full_name\":\"Grace Hopper\",\"display_name\":\"Grace Hopper\",\"is_active\":true,"
      + "\"github_username\":\"ghopper\",\"team_name\":\"Data Platform\","
      + "\"slack_id\":\"U05GRH1906\",\"employee_type\":\"Full-time\","
      + "\"manager_fullname\":\"Katherine Johnson\",\"manager_email\":\"katherine@example.com\","
      + "\"manager_id\":\"\",\"role_name\":\"Director of Engineering\","
      + "\"profile_url\":\"https://people.example.com/grace\",\"other_key_values\":{}}";
  private static final String ALAN_INACTIVE = "\"user_id\":\"alan@example.com\"";

  @TempDir
  Path dir;

  private static String fallback(String id) {
    return "{\"user_id\":\"" + id + "\",\"email\":\"" + id + "\",\"first_name\":\"\","
        + "\"last_name\":\"\",\"full_name\":\"\",\"display_name\":\"" + id + "\","
        + "\"is_active\":true,\"github_username\":\"\",\"team_name\":\"\",\"slack_id\":\"\","
        + "\"employee_type\":\"\",\"manager_fullname\":\"\",\"manager_email\":\"\","
        + "\"manager_id\":\"\",\"role_name\":\"\",\"profile_url\":\"\",\"other_key_values\":{}}";
  }

  /** What one run of the jar printed and returned. */
  private record Run(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  @Test
  void readmeCommand_printsTwoUsersFromTheFile_andOneFallback_withExplanations() {
    Run run = jar("", Map.of(), "resolve", "--settings", SETTINGS, "--explain",
        "ada@example.com", "grace@example.com", "nobody@example.com");

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of(ADA, GRACE, fallback("nobody@example.com")), run.outLines());
    assertEquals(List.of(
        "ada@example.com: from provider file (created in store memory)",
        "grace@example.com: from provider file (created in store memory)",
        "nobody@example.com: fallback (user nobody@example.com not found in the users file "
            + "examples/users.json)"), run.errLines());
  }

  @Test
  void resolve_readsIdsFromStdin_whereDashStands() {
    Run run = jar("\ngrace@example.com\n  \nALAN@example.com\n", Map.of(), "resolve",
        "--settings", SETTINGS, "ada@example.com", "-", "nobody@example.com");

    assertEquals(0, run.code(), run.err());
    List<String> lines = run.outLines();
    assertEquals(4, lines.size(), run.out());
    assertEquals(ADA, lines.get(0));
    assertEquals(GRACE, lines.get(1));
    assertTrue(lines.get(2).startsWith("{" + ALAN_INACTIVE), lines.get(2));
    assertTrue(lines.get(2).contains("\"is_active\":false"), lines.get(2));
    assertEquals(fallback("nobody@example.com"), lines.get(3));
    assertEquals("", run.err());
  }

  @Test
  void resolve_usesAUsersFileFromTheEnvironment_andWritesUtf8() throws IOException {
    Path users = Files.writeString(dir.resolve("users.json"),
        "[{\"email\": \"joran@example.com\", \"first_name\": \"Jöran\", "
            + "\"last_name\": \"Ångström\", \"team_name\": \"Ops\"}]", StandardCharsets.UTF_8);

    Run run = jar("", Map.of("USER_RESOLVER_PROVIDER", "file",
        "USER_RESOLVER_FILE", users.toString(), "USER_RESOLVER_STORE", "none"),
        "resolve", "--explain", "joran@example.com");

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("{\"user_id\":\"joran@example.com\",\"email\":\"joran@example.com\","
        + "\"first_name\":\"Jöran\",\"last_name\":\"Ångström\",\"full_name\":\"Jöran Ångström\","
        + "\"display_name\":\"Jöran Ångström\",\"is_active\":true,\"github_username\":\"\","
        + "\"team_name\":\"Ops\",\"slack_id\":\"\",\"employee_type\":\"\","
        + "\"manager_fullname\":\"\",\"manager_email\":\"\",\"manager_id\":\"\","
        + "\"role_name\":\"\",\"profile_url\":\"\",\"other_key_values\":{}}"), run.outLines());
    assertEquals(List.of("joran@example.com: from provider file"), run.errLines());
  }

  @Test
  void resolve_setOverridesTheSettingsFile() throws IOException {
    Path users = Files.writeString(dir.resolve("users.json"),
        "[{\"email\": \"ada@example.com\", \"full_name\": \"Ada From Temp\"}]");

    Run run = jar("", Map.of(), "resolve", "--settings", SETTINGS,
        "--set", "USER_RESOLVER_FILE=" + users, "ada@example.com", "grace@example.com");

    assertEquals(0, run.code(), run.err());
    assertTrue(run.outLines().get(0).contains("\"full_name\":\"Ada From Temp\""), run.out());
    assertEquals(fallback("grace@example.com"), run.outLines().get(1));
  }

  @Test
  void check_printsOkLines_andExits0_forTheExamples() {
    Run run = jar("", Map.of(), "check", "--settings", SETTINGS);

    assertEquals(0, run.code(), run.out() + run.err());
    assertEquals(List.of(
        "OK   settings: Settings{USER_RESOLVER_FILE=examples/users.json, "
            + "USER_RESOLVER_PROVIDER=file, USER_RESOLVER_STORE=memory}",
        "OK   chain: provider file, store memory",
        "OK   provider file examples/users.json: 5 users",
        "OK   store memory: 0 users held in memory"), run.outLines());
    assertEquals("", run.err());
  }

  @Test
  void brokenConfig_missingUsersFile_exits1_withTheMessage() {
    String message = "Invalid settings for the file provider: - USER_RESOLVER_FILE is required: "
        + "the path of a JSON array of users in Amundsen's UserSchema shape";
    Map<String, String> env = Map.of("USER_RESOLVER_PROVIDER", "file");

    Run check = jar("", env, "check");
    Run resolve = jar("", env, "resolve", "ada@example.com");

    assertEquals(1, check.code());
    assertEquals("FAIL chain: " + message, check.outLines().get(1));
    assertEquals(2, check.outLines().size(), check.out());
    assertEquals(1, resolve.code());
    assertEquals("", resolve.out());
    assertEquals("user-resolver: " + message, String.join(" ",
        resolve.errLines().stream().map(String::strip).toList()));
  }

  @Test
  void brokenConfig_unknownProvider_exits1_namingWhatIsInstalled() {
    String message = "Unrecognized value for USER_RESOLVER_PROVIDER: \"okte\". Installed: file, google, keycloak, okta. "
        + "Known identity provider names: file, google, keycloak, okta; a third-party one must "
        + "list its org.userresolver.spi.UserResolverFactory in META-INF/services.";

    Run resolve = jar("", Map.of(), "resolve", "--settings", SETTINGS,
        "--set", "USER_RESOLVER_PROVIDER=okte", "ada@example.com");
    Run check = jar("", Map.of("USER_RESOLVER_PROVIDER", "okte"), "check");

    assertEquals(1, resolve.code());
    assertEquals("", resolve.out());
    assertEquals(List.of("user-resolver: " + message), resolve.errLines());
    assertEquals(1, check.code());
    assertEquals("FAIL chain: " + message, check.outLines().get(1));
  }

  @Test
  void badUsage_exits2_withShortUsageOnStderr_andNothingOnStdout() {
    List<List<String>> commands = List.of(
        List.of(),
        List.of("lookup", "ada@example.com"),
        List.of("resolve"),
        List.of("resolve", "--bogus", "ada@example.com"),
        List.of("resolve", "--set", "USER_RESOLVER_STORE", "ada@example.com"),
        List.of("resolve", "--explain=yes", "ada@example.com"),
        List.of("check", "--settings"),
        List.of("check", "ada@example.com"));
    for (List<String> args : commands) {
      Run run = jar("", Map.of(), args.toArray(String[]::new));

      assertEquals(2, run.code(), args + ": " + run.err());
      assertEquals("", run.out(), args.toString());
      assertTrue(run.errLines().get(0).startsWith("user-resolver: "), run.err());
      assertTrue(run.err().contains("Usage: user-resolver"), run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    }
  }

  @Test
  void resolve_exits2_andPrintsNothing_whenAnyIdIsInvalid() {
    Run run = jar("ok@example.com\n" + "x".repeat(321) + "\n", Map.of(), "resolve",
        "--settings", SETTINGS, "ada@example.com", "-");

    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertEquals(List.of("user-resolver: invalid user id at stdin line 2 (\"" + "x".repeat(60)
        + "\"... (321 characters)): user id is 321 characters long; at most 320 are allowed",
        "user-resolver: nothing resolved"), run.errLines());
  }

  @Test
  void help_works_onTheTopLevelAndEveryCommand() {
    List<List<String>> commands = List.of(List.of("--help"), List.of("-h"),
        List.of("resolve", "--help"), List.of("resolve", "-h"), List.of("check", "--help"),
        List.of("check", "-h"));
    for (List<String> args : commands) {
      Run run = jar("", Map.of(), args.toArray(String[]::new));

      assertEquals(0, run.code(), args + ": " + run.err());
      assertEquals("", run.err(), args.toString());
      String expected = args.size() == 1 ? "Usage: user-resolver [-h | --help]"
          : "Usage: user-resolver " + args.get(0) + " ";
      assertTrue(run.out().startsWith(expected), args + ": " + run.out());
    }
  }

  @Test
  void version_comesFromTheJarManifest() {
    Run run = jar("", Map.of(), "--version");

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("user-resolver " + System.getProperty("cli.version")), run.outLines());
  }

  @Test
  void shadedJar_hasMainClass_mergedServices_andNoModuleInfoOrSignatures() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Manifest manifest = jar.getManifest();
      assertEquals("org.userresolver.cli.Main",
          manifest.getMainAttributes().getValue("Main-Class"));
      assertNull(jar.getEntry("module-info.class"));
      List<String> signatures = Collections.list(jar.entries()).stream()
          .map(entry -> entry.getName())
          .filter(name -> name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")
              || name.endsWith("/module-info.class"))
          .toList();
      assertEquals(List.of(), signatures);
      assertEquals(Set.of("org.userresolver.internal.FileUserResolverFactory",
              "org.userresolver.google.GoogleUserResolverFactory",
              "org.userresolver.keycloak.KeycloakUserResolverFactory",
              "org.userresolver.okta.OktaUserResolverFactory"),
          Set.copyOf(entry(jar, "META-INF/services/org.userresolver.spi.UserResolverFactory")
              .lines().toList()));
      assertEquals(Set.of("org.userresolver.internal.MemoryUserStoreFactory",
              "org.userresolver.neo4j.Neo4jUserStoreFactory",
              "org.userresolver.atlas.AtlasUserStoreFactory"),
          Set.copyOf(entry(jar, "META-INF/services/org.userresolver.spi.UserStoreFactory")
              .lines().toList()));
      assertNotNull(jar.getEntry("simplelogger.properties"));
      assertNotNull(jar.getEntry("picocli/CommandLine.class"));
    }
  }

  @Test
  void moduleJar_runsOnTheModulePath() throws IOException {
    String modulePath = System.getProperty("cli.moduleJar") + java.io.File.pathSeparator
        + Files.readString(Path.of(System.getProperty("cli.modulePathFile"))).strip();

    Run run = java("", Map.of(), List.of("--module-path", modulePath,
        "--module", "org.userresolver.cli/org.userresolver.cli.Main",
        "resolve", "--settings", SETTINGS, "--explain", "ada@example.com"));

    assertEquals(0, run.code(), run.err());
    assertEquals(List.of(ADA), run.outLines());
    assertEquals(List.of("ada@example.com: from provider file (created in store memory)"),
        run.errLines());
  }

  private static String entry(JarFile jar, String name) throws IOException {
    try (var in = jar.getInputStream(jar.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  private Path usersFile(int count) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",").append("{\"email\":\"user").append(i)
          .append("@example.com\",\"first_name\":\"First").append(i)
          .append("\",\"last_name\":\"Last\"}");
    }
    return Files.writeString(dir.resolve("many-users.json"), json.append(']').toString());
  }

  @Test
  void sync_inAPipe_printsProgressLines_andOneSummaryLine() throws IOException {
    Path users = usersFile(25_000);

    Run run = jar("", Map.of("USER_RESOLVER_PROVIDER", "file",
        "USER_RESOLVER_FILE", users.toString()), "sync");

    assertEquals(0, run.code(), run.err());
    assertEquals(1, run.outLines().size(), run.out());
    assertTrue(run.out().startsWith("synced 25,000 users in "), run.out());
    assertTrue(run.errLines().stream().anyMatch(line -> line.matches(
        "sync: [0-9,]+ of 25,000 users synced \\([0-9]+%\\), .*")), run.err());
    assertFalse(run.err().contains("\r"), "no bar in a pipe: " + run.err());
    assertTrue(run.errLines().get(0).startsWith("user-resolver: note: the memory store keeps "
        + "nothing once this command ends"), run.err());
  }

  @Test
  void sync_onATerminal_drawsAProgressBar() throws IOException, InterruptedException {
    Path script = Path.of("/usr/bin/script");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(script),
        "util-linux script gives the command a terminal");
    Path users = usersFile(25_000);
    Path typescript = dir.resolve("typescript.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(script.toString(), "-q", "-e", "-c",
        java + " -XX:TieredStopAtLevel=1 -jar " + JAR + " sync", typescript.toString())
        .directory(REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("script-out.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("USER_RESOLVER_"));
    builder.environment().putAll(Map.of("USER_RESOLVER_PROVIDER", "file",
        "USER_RESOLVER_FILE", users.toString(), "TERM", "xterm", "COLUMNS", "120"));
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("user-resolver sync did not finish within 60 s on a terminal");
    }
    String screen = Files.readString(typescript, StandardCharsets.UTF_8);

    assertEquals(0, process.exitValue(), screen);
    assertTrue(screen.contains("\rsync 100%"), screen);
    assertTrue(screen.contains("25000/25000 users"), screen);
    assertTrue(screen.contains("synced 25,000 users in "), screen);
    assertFalse(screen.contains("users synced ("), "no progress lines on a terminal: " + screen);
  }

  private Run jar(String stdin, Map<String, String> env, String... args) {
    List<String> arguments = new ArrayList<>(List.of("-jar", JAR.toString()));
    arguments.addAll(List.of(args));
    return java(stdin, env, arguments);
  }

  private Run java(String stdin, Map<String, String> env, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(arguments);
    try {
      Path out = Files.createTempFile(dir, "out", ".txt");
      Path err = Files.createTempFile(dir, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("USER_RESOLVER_")
          || name.startsWith("FLASK_OIDC_") || name.equals("PROXY_CLIENT"));
      builder.environment().putAll(env);
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("user-resolver did not finish within 60 s: " + command);
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
