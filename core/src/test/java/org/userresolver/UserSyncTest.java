package org.userresolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.internal.MemoryUserStore;

/** The public sync API over the file provider and the memory store. */
final class UserSyncTest {

  @TempDir
  Path dir;

  private Path file;

  @BeforeEach
  void writeUsers() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 1_200; i++) {
      json.append(i == 0 ? "" : ",").append("{\"email\":\"User").append(i)
          .append("@Example.com\",\"first_name\":\"First").append(i)
          .append("\",\"last_name\":\"Last\"}");
    }
    file = Files.writeString(dir.resolve("users.json"), json.append(']').toString());
  }

  private Settings settings(String... extra) {
    Map<String, String> values = new java.util.HashMap<>(Map.of(
        "USER_RESOLVER_PROVIDER", "file", "USER_RESOLVER_FILE", file.toString()));
    for (int i = 0; i < extra.length; i += 2) {
      values.put(extra[i], extra[i + 1]);
    }
    return Settings.of(values);
  }

  @Test
  void fromSettings_syncsTheFileIntoItsStore_andReportsIt() {
    List<SyncReport> reports = new CopyOnWriteArrayList<>();

    SyncReport report = UserSync.builder().settings(settings())
        .listener(new UserSync.Listener() {
          @Override
          public void onProgress(SyncReport soFar) {
            reports.add(soFar);
          }
        }).build().run();

    assertTrue(report.succeeded(), report.summary());
    assertEquals(1_200, report.listed());
    assertEquals(1_200, report.created());
    assertEquals(1_200, report.total().orElseThrow());
    assertTrue(report.summary().startsWith("synced 1,200 users in "), report.summary());
    assertTrue(report.summary().endsWith(": 1,200 created, 0 updated, 0 unchanged, 0 skipped "
        + "as invalid, 0 failed, 0 deactivated"), report.summary());
    assertTrue(reports.get(reports.size() - 1).finished());
  }

  @Test
  void givenStore_isWrittenWithTheChainsIds_andNotClosed_andAnUnchangedRerunWritesNothing() {
    MemoryUserStore store = new MemoryUserStore();
    UserSync sync = UserSync.builder().settings(settings()).store(store).build();

    SyncReport first = sync.run();
    SyncReport second = sync.run();

    assertEquals(1_200, first.created());
    assertEquals("User7@Example.com", store.find("user7@example.com").orElseThrow().email());
    assertEquals(1_200, second.unchanged());
    assertEquals(0, second.created() + second.updated());
  }

  @Test
  void dryRun_writesNothing_andTellsEveryChange() {
    MemoryUserStore store = new MemoryUserStore();
    List<SyncReport.Change> changes = new ArrayList<>();

    SyncReport report = UserSync.builder().settings(settings()).store(store).dryRun(true)
        .listener(new UserSync.Listener() {
          @Override
          public void onChange(SyncReport.Change change) {
            changes.add(change);
          }
        }).build().run();

    assertTrue(report.dryRun());
    assertEquals(1_200, report.created());
    assertEquals(1_200, changes.size());
    assertEquals("create user0@example.com", changes.get(0).toString());
    assertTrue(store.userIds(false).orElseThrow().isEmpty());
    assertTrue(report.summary().startsWith("dry run, nothing written: listed 1,200 users"));
    assertTrue(report.summary().contains("1,200 would be created"), report.summary());
  }

  @Test
  void settings_setBatchSizeAndConcurrency_andBadOnesAreListedTogether() {
    UserSync sync = UserSync.fromSettings(settings("USER_RESOLVER_SYNC_BATCH_SIZE", "100",
        "USER_RESOLVER_SYNC_CONCURRENCY", "3"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserSync.fromSettings(settings("USER_RESOLVER_SYNC_BATCH_SIZE", "0",
            "USER_RESOLVER_SYNC_MAX_WAIT", "soon")));

    assertTrue(sync.toString().contains("batchSize=100, concurrency=3"), sync.toString());
    assertEquals("Invalid sync settings:\n"
        + "  - USER_RESOLVER_SYNC_BATCH_SIZE must be at least 1, found \"0\"\n"
        + "  - USER_RESOLVER_SYNC_MAX_WAIT must be an ISO-8601 duration such as PT30S or PT1H, "
        + "found \"soon\"", e.getMessage());
  }

  @Test
  void deactivateMissing_withALimitOrATime_isRefused() {
    UserSync.Builder limited = UserSync.builder().settings(settings()).limit(10)
        .deactivateMissing(UserSync.Scope.WRITTEN_BY_USERRESOLVER);
    UserSync.Builder since = UserSync.builder().settings(settings())
        .updatedSince(Instant.EPOCH).deactivateMissing(UserSync.Scope.ALL_USERS);

    IllegalStateException a = assertThrows(IllegalStateException.class, limited::build);
    assertThrows(IllegalStateException.class, since::build);

    assertEquals("deactivating missing users needs the complete listing: it cannot be combined "
        + "with a limit or an update time", a.getMessage());
  }

  @Test
  void storeNone_orNoProvider_orUnknownPlugin_isRefusedAtBuild() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> UserSync.fromSettings(settings("USER_RESOLVER_STORE", "none")));
    IllegalArgumentException noProvider = assertThrows(IllegalArgumentException.class,
        () -> UserSync.fromSettings(Settings.of(Map.of())));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> UserSync.fromSettings(settings("USER_RESOLVER_STORE", "cassandra")));

    assertTrue(none.getMessage().startsWith("USER_RESOLVER_STORE is none: a sync needs a store"));
    assertTrue(noProvider.getMessage().startsWith("USER_RESOLVER_PROVIDER is not set"));
    assertTrue(unknown.getMessage().startsWith("Unrecognized value for USER_RESOLVER_STORE: "
        + "\"cassandra\""), unknown.getMessage());
  }

  @Test
  void since_withTheFileProvider_isRefused_namingTheProvider() {
    UserSync sync = UserSync.builder().settings(settings()).updatedSince(Instant.EPOCH).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sync::run);

    assertEquals("provider file cannot list only the users updated since a time; sync all users "
        + "instead (okta can)", e.getMessage());
  }

  @Test
  void badOptions_areRefused_namingThem() {
    UserSync.Builder builder = UserSync.builder();

    assertEquals("batchSize must be at least 1, found 0", assertThrows(
        IllegalArgumentException.class, () -> builder.batchSize(0)).getMessage());
    assertEquals("limit must be at least 1, found -2", assertThrows(
        IllegalArgumentException.class, () -> builder.limit(-2)).getMessage());
    assertEquals("maxWait must be positive, found PT0S", assertThrows(
        IllegalArgumentException.class, () -> builder.maxWait(Duration.ZERO)).getMessage());
  }

  @Test
  void deactivateMissing_throughThePublicApi_marksOnlyUnlistedUsersInactive() {
    MemoryUserStore store = new MemoryUserStore();
    store.createOrUpdate(User.builder().userId("left@example.com").email("left@example.com")
        .fullName("Left Company").build());

    SyncReport report = UserSync.builder().settings(settings()).store(store)
        .deactivateMissing(UserSync.Scope.WRITTEN_BY_USERRESOLVER).build().run();

    assertEquals(1, report.deactivated());
    assertFalse(store.find("left@example.com").orElseThrow().isActive());
    assertTrue(store.find("user1@example.com").orElseThrow().isActive());
  }
}
