package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.User;
import org.userresolver.UserJson;

/**
 * The commands in-process: output, error messages and exit codes. Usage errors, help and the
 * way arguments are read have their own tests.
 */
final class MainTest {

  private static final String USERS = """
      [
        {"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace",
         "role_name": "Principal Data Engineer", "team_name": "Data Platform"},
        {"email": "grace@example.com", "first_name": "Grace", "last_name": "Hopper",
         "is_active": false}
      ]
      """;

  @TempDir
  Path dir;

  private Path usersFile;
  private Map<String, String> env;

  @BeforeEach
  void writeUsers() throws IOException {
    usersFile = Files.writeString(dir.resolve("users.json"), USERS);
    env = Map.of("USER_RESOLVER_PROVIDER", "file", "USER_RESOLVER_FILE", usersFile.toString());
  }

  private static String json(User user) {
    return UserJson.write(user);
  }

  private static User ada() {
    return User.builder().userId("ada@example.com").email("ada@example.com").firstName("Ada")
        .lastName("Lovelace").roleName("Principal Data Engineer").teamName("Data Platform")
        .build();
  }

  private static User grace() {
    return User.builder().userId("grace@example.com").email("grace@example.com")
        .firstName("Grace").lastName("Hopper").isActive(false).build();
  }

  @Test
  void resolve_printsOneJsonLinePerId_inTheOrderGiven() {
    Cli.Result result = Cli.run(env, "resolve", "grace@example.com", "ada@example.com");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(json(grace()), json(ada())), result.outLines());
    assertEquals("", result.err());
  }

  @Test
  void resolve_printsFallback_forUnknownUser() {
    Cli.Result result = Cli.run(env, "resolve", "Nobody@Example.com");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(json(User.minimal("nobody@example.com"))), result.outLines());
  }

  @Test
  void resolve_printsOneLinePerId_evenForRepeatedIds() {
    Cli.Result result = Cli.run(env, "resolve", "ada@example.com", "nobody@example.com",
        "ada@example.com");

    assertEquals(List.of(json(ada()), json(User.minimal("nobody@example.com")), json(ada())),
        result.outLines());
  }

  @Test
  void resolve_readsIdsFromStdin_inPlaceOfDash_skippingBlankLines() {
    Cli.Result result = Cli.runWithStdin(env, "grace@example.com\n\n   \r\nnobody@example.com\r\n",
        "resolve", "ada@example.com", "-");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(json(ada()), json(grace()), json(User.minimal("nobody@example.com"))),
        result.outLines());
  }

  @Test
  void resolve_printsNothing_forEmptyStdin() {
    Cli.Result result = Cli.runWithStdin(env, "\n\n", "resolve", "-");

    assertEquals(0, result.code(), result.err());
    assertEquals("", result.out());
  }

  @Test
  void resolve_explain_tellsSourceAndReason_onStderr_onePerId() {
    Cli.Result result = Cli.run(env, "resolve", "--explain", "ada@example.com",
        "nobody@example.com");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(
        "ada@example.com: from provider file (created in store memory)",
        "nobody@example.com: fallback (user nobody@example.com not found in the users file "
            + usersFile + ")"), result.errLines());
    assertEquals(2, result.outLines().size());
  }

  @Test
  void resolve_explain_forOneId_tellsProviderWithoutStore_whenStoreIsNone() {
    Cli.Result result = Cli.run(env, "resolve", "--set", "USER_RESOLVER_STORE=none",
        "--explain", "ADA@example.com");

    assertEquals(List.of("ADA@example.com: from provider file"), result.errLines());
  }

  @Test
  void resolve_looksSeveralIdsUpInOneBatch_andExplainsStoreAnswers() {
    Cli.Result result = Cli.run(env, "resolve", "--set", "USER_RESOLVER_STORE=batch-only",
        "--explain", "a@example.com", "b@example.com");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(
        json(User.builder().email("a@example.com").fullName("Batch a@example.com").build()),
        json(User.builder().email("b@example.com").fullName("Batch b@example.com").build())),
        result.outLines());
    assertEquals(List.of("a@example.com: from store batch-only",
        "b@example.com: from store batch-only"), result.errLines());
  }

  @Test
  void resolve_exits1_namingTheEntry_whenUsersFileInvalid() throws IOException {
    Files.writeString(usersFile, "[{\"email\": \"a@example.com\"}, {\"team_name\": \"x\"}]");

    Cli.Result result = Cli.run(env, "resolve", "a@example.com");

    assertEquals(1, result.code());
    assertEquals(List.of("user-resolver: invalid users file " + usersFile + ": entry 1: "
        + User.NO_DISPLAY_NAME), result.errLines());
  }

  @Test
  void resolve_rejectsEveryInvalidId_beforeResolvingAny() {
    String tooLong = "a".repeat(321);
    Cli.Result result = Cli.runWithStdin(env, "ok@example.com\nbad\u0007id\n", "resolve",
        "ada@example.com", " ", "-", tooLong);

    assertEquals(2, result.code());
    assertEquals("", result.out());
    assertEquals(List.of(
        "user-resolver: invalid user id at position 2 (\" \"): user id must not be blank",
        "user-resolver: invalid user id at stdin line 2 (\"bad\\u0007id\"): user id contains "
            + "the control character U+0007 at index 3",
        "user-resolver: invalid user id at position 4 (\"" + "a".repeat(60)
            + "\"... (321 characters)): user id is 321 characters long; at most 320 are allowed",
        "user-resolver: nothing resolved"), result.errLines());
  }

  @Test
  void resolve_setWinsOverSettingsFile_whichWinsOverEnvironment() throws IOException {
    Path other = Files.writeString(dir.resolve("other.json"),
        "[{\"email\": \"ada@example.com\", \"full_name\": \"Ada From File\"}]");
    Path third = Files.writeString(dir.resolve("third.json"),
        "[{\"email\": \"ada@example.com\", \"full_name\": \"Ada From Set\"}]");
    Path settings = Files.writeString(dir.resolve("s.properties"),
        "USER_RESOLVER_FILE=" + other.toString().replace("\\", "\\\\") + "\n");

    Cli.Result fromFile = Cli.run(env, "resolve", "--settings", settings.toString(),
        "ada@example.com");
    Cli.Result fromSet = Cli.run(env, "resolve", "--settings=" + settings,
        "--set", "USER_RESOLVER_FILE=" + third, "ada@example.com");

    assertTrue(fromFile.out().contains("\"full_name\":\"Ada From File\""), fromFile.out());
    assertTrue(fromSet.out().contains("\"full_name\":\"Ada From Set\""), fromSet.out());
  }

  @Test
  void resolve_exits1_withEveryProblem_whenSettingsInvalid() {
    Cli.Result result = Cli.run(env, "resolve", "--set", "USER_RESOLVER_TIMEOUT=soon",
        "--set=USER_RESOLVER_RETRY_MAX_ATTEMPTS=0", "ada@example.com");

    assertEquals(1, result.code());
    assertEquals("", result.out());
    assertEquals("""
        user-resolver: Invalid userresolver settings:
          - USER_RESOLVER_RETRY_MAX_ATTEMPTS must be at least 1, found "0"
          - USER_RESOLVER_TIMEOUT must be an ISO-8601 duration such as PT30S or PT1H, found "soon"
        """, result.err().replace("\r\n", "\n"));
  }

  @Test
  void resolve_exits1_naming_installedProviders_whenProviderUnknown() {
    Cli.Result result = Cli.run(env, "resolve", "--set", "USER_RESOLVER_PROVIDER=okte",
        "ada@example.com");

    assertEquals(1, result.code());
    assertTrue(result.err().startsWith(
        "user-resolver: Unrecognized value for USER_RESOLVER_PROVIDER: \"okte\". Installed: "),
        result.err());
    assertFalse(result.err().contains("\tat "), result.err());
  }

  @Test
  void resolve_exits1_whenProviderSettingMissing() {
    Cli.Result result = Cli.run(Map.of(), "resolve", "ada@example.com");

    assertEquals(1, result.code());
    assertTrue(result.err().startsWith("user-resolver: USER_RESOLVER_PROVIDER is not set"),
        result.err());
  }

  @Test
  void resolve_exits1_whenUsersFileSettingMissing() {
    Cli.Result result = Cli.run(Map.of("USER_RESOLVER_PROVIDER", "file"), "resolve",
        "ada@example.com");

    assertEquals(1, result.code());
    assertEquals("user-resolver: Invalid settings for the file provider:\n"
        + "  - USER_RESOLVER_FILE is required: the path of a JSON array of users in Amundsen's "
        + "UserSchema shape", result.err().strip().replace("\r\n", "\n"));
  }

  @Test
  void resolve_exits1_whenSettingsFileMissing() {
    Path missing = dir.resolve("missing.properties");

    Cli.Result result = Cli.run(env, "resolve", "--settings", missing.toString(), "a@b.c");

    assertEquals(1, result.code());
    assertEquals(List.of("user-resolver: cannot read settings file " + missing
        + ": no such file"), result.errLines());
  }

  @Test
  void check_printsOkLines_andExits0_forAGoodConfiguration() {
    Cli.Result result = Cli.run(env, "check");

    assertEquals(0, result.code(), result.out());
    assertEquals(List.of(
        "OK   settings: Settings{USER_RESOLVER_FILE=" + usersFile
            + ", USER_RESOLVER_PROVIDER=file}",
        "OK   chain: provider file, store memory",
        "OK   provider file " + usersFile + ": 2 users",
        "OK   store memory: 0 users held in memory"), result.outLines());
    assertEquals("", result.err());
  }

  @Test
  void check_runsEveryCheck_andExits1_whenOneFails() {
    Cli.Result result = Cli.run(Map.of(), "check", "--set", "USER_RESOLVER_PROVIDER=scripted-checks",
        "--set", "USER_RESOLVER_STORE=none", "--set", "FLASK_OIDC_CLIENT_SECRET=hunter2");

    assertEquals(1, result.code());
    assertEquals(List.of(
        "OK   settings: Settings{FLASK_OIDC_CLIENT_SECRET=****, "
            + "USER_RESOLVER_PROVIDER=scripted-checks, USER_RESOLVER_STORE=none}",
        "OK   chain: provider scripted-checks, store none",
        "OK   scripted discovery: issuer https://idp.example.com",
        "FAIL scripted token: token endpoint answered 401: invalid_client",
        "OK   scripted lookup: 1 user",
        "OK   store none: profiles are cached only, never stored"), result.outLines());
    assertFalse(result.out().contains("hunter2"));
  }

  @Test
  void check_printsFailOnOneLine_andStops_whenSettingsInvalid() {
    Cli.Result result = Cli.run(env, "check", "--set", "USER_RESOLVER_CACHE_TTL=PT1M",
        "--set", "USER_RESOLVER_CACHE_REFRESH=PT1H", "--set", "USER_RESOLVER_TIMEOUT=-PT1S");

    assertEquals(1, result.code());
    assertEquals(List.of("FAIL settings: Invalid userresolver settings: "
        + "- USER_RESOLVER_TIMEOUT must be a positive duration, found \"-PT1S\" "
        + "- USER_RESOLVER_CACHE_REFRESH (PT1H) must be shorter than USER_RESOLVER_CACHE_TTL "
        + "(PT1M), or profiles expire before they are refreshed"), result.outLines());
  }

  @Test
  void check_printsFail_andStops_whenSettingsFileUnreadable() {
    Cli.Result result = Cli.run(env, "check", "--settings", dir.toString());

    assertEquals(1, result.code());
    assertEquals(List.of("FAIL settings: cannot read settings file " + dir
        + ": it is a directory"), result.outLines());
  }

  @Test
  void check_printsFailForTheChain_andStops_whenProviderUnknown() {
    Cli.Result result = Cli.run(env, "check", "--set", "USER_RESOLVER_PROVIDER=okte");

    assertEquals(1, result.code());
    List<String> lines = result.outLines();
    assertEquals(2, lines.size(), result.out());
    assertTrue(lines.get(0).startsWith("OK   settings: "), lines.get(0));
    assertTrue(lines.get(1).startsWith("FAIL chain: Unrecognized value for "
        + "USER_RESOLVER_PROVIDER: \"okte\"."), lines.get(1));
  }

  @Test
  void unexpectedException_isReportedAsInternalError_withItsStackTrace_andExits1() {
    Cli.Result result = Cli.run(env, "resolve", "--set", "USER_RESOLVER_STORE=broken",
        "ada@example.com");

    assertEquals(1, result.code());
    assertEquals("", result.out());
    assertTrue(result.err().startsWith("user-resolver: internal error, please report it: "
        + "java.lang.UnsupportedOperationException: the broken store broke"), result.err());
    assertTrue(result.err().contains("\tat "), result.err());
  }
}
