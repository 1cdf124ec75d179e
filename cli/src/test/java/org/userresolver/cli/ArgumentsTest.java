package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** How the command line is read: where options may stand, their forms, {@code --}. */
final class ArgumentsTest {

  @TempDir
  Path dir;

  private Map<String, String> env;
  private Path otherUsers;

  @BeforeEach
  void writeUsers() throws IOException {
    Path users = Files.writeString(dir.resolve("users.json"),
        "[{\"email\": \"ada@example.com\", \"full_name\": \"Ada From Env\"}]");
    otherUsers = Files.writeString(dir.resolve("other.json"),
        "[{\"email\": \"ada@example.com\", \"full_name\": \"Ada From Settings\"}]");
    env = Map.of("USER_RESOLVER_PROVIDER", "file", "USER_RESOLVER_FILE", users.toString());
  }

  private static String json(User user) {
    return UserJson.write(user);
  }

  private static String adaFromSettings() {
    return json(User.builder().email("ada@example.com").fullName("Ada From Settings").build());
  }

  private Path settingsFile() throws IOException {
    return Files.writeString(dir.resolve("s.properties"),
        "USER_RESOLVER_FILE=" + otherUsers.toString().replace("\\", "\\\\") + "\n");
  }

  @Test
  void resolve_readsOptions_beforeBetweenAndAfterIds() throws IOException {
    Cli.Result result = Cli.run(env, "resolve", "--explain", "nobody@example.com",
        "--settings", settingsFile().toString(), "ada@example.com",
        "--set", "USER_RESOLVER_STORE=none");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(json(User.minimal("nobody@example.com")), adaFromSettings()),
        result.outLines());
    assertEquals("ada@example.com: from provider file", result.errLines().get(1));
  }

  @Test
  void options_takeTheirValue_attachedWithEquals_orAsTheNextArgument() throws IOException {
    Cli.Result attached = Cli.run(env, "resolve", "--settings=" + settingsFile(),
        "--set=USER_RESOLVER_STORE=none", "--explain", "ada@example.com");
    Cli.Result next = Cli.run(env, "resolve", "--settings", settingsFile().toString(),
        "--set", "USER_RESOLVER_STORE=none", "--explain", "ada@example.com");

    for (Cli.Result result : List.of(attached, next)) {
      assertEquals(0, result.code(), result.err());
      assertEquals(List.of(adaFromSettings()), result.outLines());
      assertEquals(List.of("ada@example.com: from provider file"), result.errLines());
    }
  }

  @Test
  void resolve_treatsEveryArgumentAfterDoubleDash_asAnId() {
    Cli.Result result = Cli.run(env, "resolve", "--", "--explain", "-h", "--set");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(json(User.minimal("--explain")), json(User.minimal("-h")),
        json(User.minimal("--set"))), result.outLines());
    assertEquals("", result.err());
  }

  @Test
  void resolve_takesAnIdStartingWithAt_asAnId_notAsAFileOfArguments() throws IOException {
    Path arguments = Files.writeString(dir.resolve("args.txt"), "ada@example.com\n");

    Cli.Result result = Cli.run(env, "resolve", "@" + arguments);

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(json(User.minimal(("@" + arguments).toLowerCase(java.util.Locale.ROOT)))),
        result.outLines());
  }

  @Test
  void resolve_takesAnIdNamedLikeACommand_asAnId() {
    Cli.Result result = Cli.run(env, "resolve", "check");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of(json(User.minimal("check"))), result.outLines());
  }
}
