package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.User;
import org.userresolver.cli.fixture.SharedStoreFactory;

/** {@code user-resolver sync} in-process: output in both progress modes, options, exit codes. */
final class SyncCommandTest {
  private static final int USERS = 25_000;

  @TempDir
  static Path dir;

  private static Path usersFile;

  private Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    if (usersFile == null) {
      StringBuilder json = new StringBuilder("[");
      for (int i = 0; i < USERS; i++) {
        json.append(i == 0 ? "" : ",").append("{\"email\":\"user").append(i)
            .append("@example.com\",\"first_name\":\"First").append(i)
            .append("\",\"last_name\":\"Last\",\"team_name\":\"Data\"}");
      }
      usersFile = Files.writeString(dir.resolve("users.json"), json.append(']').toString());
    }
    SharedStoreFactory.reset();
    env = new HashMap<>(Map.of("USER_RESOLVER_PROVIDER", "file",
        "USER_RESOLVER_FILE", usersFile.toString(), "USER_RESOLVER_STORE", "shared",
        "COLUMNS", "120"));
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void sync_inAPipe_printsAProgressLineEvery10000Users_andTheSummary() {
    Cli.Result result = Cli.run(env, "sync", "--progress=lines");

    assertEquals(0, result.code(), result.err());
    assertTrue(lastLine(result.out()).matches("synced 25,000 users in [0-9.]+ s \\([0-9,]+ "
        + "users/s\\): 25,000 created, 0 updated, 0 unchanged, 0 skipped as invalid, 0 failed, "
        + "0 deactivated"), result.out());
    assertEquals(1, result.outLines().size(), "stdout holds the summary alone");
    List<String> progress = result.errLines();
    assertTrue(progress.stream().anyMatch(line -> line.matches("sync: 1[0-9],[0-9]{3} of 25,000 "
        + "users synced \\([0-9]+%\\), [0-9,]+ users/s(, ETA [0-9]+:[0-9]{2}:[0-9]{2})? "
        + "\\(created 1[0-9],[0-9]{3}, updated 0, unchanged 0, skipped 0, failed 0\\)")),
        progress.toString());
    assertTrue(progress.stream().anyMatch(line -> line.startsWith("sync: 2")), progress.toString());
    assertFalse(result.err().contains("\r"), "no bar in a pipe");
    assertEquals(USERS, SharedStoreFactory.USERS.size());
  }

  @Test
  void sync_onATerminal_drawsAProgressBar_inPlace() {
    Cli.Result result = Cli.run(env, "sync", "--progress=bar");

    assertEquals(0, result.code(), result.err());
    String bar = result.err();
    assertTrue(bar.contains("\rsync 100%"), bar);
    assertTrue(bar.contains("25000/25000 users"), bar);
    assertTrue(bar.contains("users/s"), bar);
    assertTrue(bar.contains("done"), bar);
    for (String frame : bar.split("\r")) {
      assertTrue(frame.strip().length() <= 119, "within COLUMNS: " + frame);
    }
    assertTrue(lastLine(result.out()).startsWith("synced 25,000 users in "), result.out());
  }

  @Test
  void secondSync_findsEveryUserUnchanged_andWritesNothing() {
    Cli.run(env, "sync", "--progress=none");
    int writes = SharedStoreFactory.WRITES.get();

    Cli.Result second = Cli.run(env, "sync", "--progress=none");

    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains(": 0 created, 0 updated, 25,000 unchanged,"),
        second.out());
    assertEquals(writes, SharedStoreFactory.WRITES.get());
    assertEquals("", second.err());
  }

  @Test
  void dryRun_printsWhatWouldChange_andWritesNothing() {
    SharedStoreFactory.USERS.put("user3@example.com", User.builder()
        .userId("user3@example.com").email("user3@example.com").firstName("First3")
        .lastName("Last").teamName("Old team").build());

    Cli.Result result = Cli.run(env, "sync", "--dry-run", "--limit", "5", "--progress=none");

    assertEquals(0, result.code(), result.err());
    assertEquals(List.of("would create user0@example.com", "would create user1@example.com",
            "would create user2@example.com", "would create user4@example.com",
            "would update user3@example.com: team_name"),
        result.outLines().subList(0, 5).stream().sorted().toList());
    assertTrue(lastLine(result.out()).startsWith("dry run, nothing written: listed 5 users"),
        result.out());
    assertEquals(0, SharedStoreFactory.WRITES.get());
    assertEquals("Old team", SharedStoreFactory.USERS.get("user3@example.com").teamName());
  }

  @Test
  void userTheStoreRefuses_isNamed_andTheExitCodeIs1() {
    env.put("SHARED_STORE_REJECT", "user7@example.com");

    Cli.Result result = Cli.run(env, "sync", "--limit", "100", "--progress=lines");

    assertEquals(1, result.code());
    assertTrue(result.err().contains("failed user7@example.com: store shared could not write "
        + "it: the shared store refuses user7@example.com"), result.err());
    assertTrue(result.out().contains(": 99 created, 0 updated, 0 unchanged, 0 skipped as "
        + "invalid, 1 failed, 0 deactivated"), result.out());
    assertEquals(99, SharedStoreFactory.USERS.size());
  }

  @Test
  void deactivateMissing_marksOnlyUsersItWroteInactive() {
    Cli.run(env, "sync", "--limit", "10", "--progress=none");
    SharedStoreFactory.USERS.put("databuilder@example.com", User.builder()
        .userId("databuilder@example.com").email("databuilder@example.com")
        .fullName("Written By Databuilder").build());
    SharedStoreFactory.USERS.put("user24999@example.com", User.builder()
        .userId("user24999@example.com").email("user24999@example.com").fullName("Old")
        .build());
    Path fewer = dir.resolve("fewer.json");
    env.put("USER_RESOLVER_FILE", write(fewer, 8).toString());

    Cli.Result result = Cli.run(env, "sync", "--deactivate-missing", "--progress=none");

    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains(", 2 deactivated"), result.out());
    assertFalse(SharedStoreFactory.USERS.get("user8@example.com").isActive());
    assertFalse(SharedStoreFactory.USERS.get("user9@example.com").isActive());
    assertTrue(SharedStoreFactory.USERS.get("databuilder@example.com").isActive());
    assertTrue(SharedStoreFactory.USERS.get("user24999@example.com").isActive());
    assertEquals(12, SharedStoreFactory.USERS.size(), "nobody deleted");
  }

  @Test
  void deactivateMissing_ofAllUsers_includesUsersOthersWrote() throws IOException {
    SharedStoreFactory.USERS.put("databuilder@example.com", User.builder()
        .userId("databuilder@example.com").email("databuilder@example.com")
        .fullName("Written By Databuilder").build());
    env.put("USER_RESOLVER_FILE", write(dir.resolve("two.json"), 2).toString());

    Cli.Result result = Cli.run(env, "sync", "--deactivate-missing", "--all-users",
        "--progress=none");

    assertEquals(0, result.code(), result.err());
    assertFalse(SharedStoreFactory.USERS.get("databuilder@example.com").isActive());
  }

  @Test
  void deactivateMissing_withAStoreThatCannotListIds_fails_namingTheStore() {
    env.put("USER_RESOLVER_STORE", "batch-only");

    Cli.Result result = Cli.run(env, "sync", "--deactivate-missing");

    assertEquals(1, result.code());
    assertEquals("user-resolver: store batch-only cannot list the ids of the users it holds, so "
        + "the users the provider no longer lists cannot be found: sync without deactivating "
        + "missing users", result.err().strip());
  }

  @Test
  void since_withAProviderThatCannotListByTime_failsSayingSo() {
    Cli.Result result = Cli.run(env, "sync", "--since", "2026-01-31");

    assertEquals(1, result.code());
    assertTrue(result.err().contains("provider file cannot list only the users updated since a "
        + "time"), result.err());
    assertEquals(0, SharedStoreFactory.WRITES.get());
  }

  @Test
  void badOptions_areUsageErrors_namingTheOption() {
    assertUsage("--all-users needs --deactivate-missing", "--all-users");
    assertUsage("--deactivate-missing needs the complete listing: it cannot be combined with "
        + "--limit", "--deactivate-missing", "--limit", "3");
    assertUsage("--deactivate-missing needs the complete listing: it cannot be combined with "
        + "--since", "--deactivate-missing", "--since", "2026-01-01");
    assertUsage("--limit needs a whole number of at least 1, found '0'", "--limit", "0");
    assertUsage("--since needs a time such as 2026-01-31T08:00:00Z or a date such as "
        + "2026-01-31, found 'yesterday'", "--since", "yesterday");
    assertUsage("--progress needs auto, bar, lines or none, found 'fancy'", "--progress=fancy");
  }

  private void assertUsage(String message, String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "sync";
    System.arraycopy(options, 0, args, 1, options.length);

    Cli.Result result = Cli.run(env, args);

    assertEquals(2, result.code(), result.err());
    assertEquals("user-resolver: " + message, result.errLines().get(0));
    assertEquals(0, SharedStoreFactory.WRITES.get());
  }

  @Test
  void controlCharactersOfAProvider_areShownEscaped_neverSentToTheTerminal() throws IOException {
    Path file = Files.writeString(dir.resolve("bell.json"),
        "[{\"email\":\"bell\\u0007\\u001b[2J@example.com\",\"first_name\":\"Bell\"}]");
    env.put("USER_RESOLVER_FILE", file.toString());

    Cli.Result result = Cli.run(env, "sync", "--progress=lines");

    assertEquals(0, result.code(), result.err());
    assertEquals("skipped bell\\u0007\\u001B[2J@example.com: invalid user id: user id contains "
        + "the control character U+0007 at index 4", result.err().strip());
    assertFalse(result.err().contains("\u001b"));
  }

  @Test
  void sinceConverter_readsInstantsOffsetsAndDates() {
    SyncCommand.SinceConverter since = new SyncCommand.SinceConverter();

    assertEquals("2026-01-31T08:00:00Z", since.convert("2026-01-31T08:00:00Z").toString());
    assertEquals("2026-01-31T08:00:00Z", since.convert("2026-01-31T09:00:00+01:00").toString());
    assertEquals("2026-01-31T00:00:00Z", since.convert("2026-01-31").toString());
  }

  private static Path write(Path file, int count) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",").append("{\"email\":\"user").append(i)
          .append("@example.com\",\"first_name\":\"First").append(i)
          .append("\",\"last_name\":\"Last\",\"team_name\":\"Data\"}");
    }
    try {
      return Files.writeString(file, json.append(']').toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
