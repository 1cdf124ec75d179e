package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.internal.SyncFixtures.user;
import static org.userresolver.internal.SyncFixtures.users;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.userresolver.ResolutionException;
import org.userresolver.SyncReport.Change.Kind;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserResolver;
import org.userresolver.UserSync;
import org.userresolver.internal.SyncFixtures.DirectoryProvider;
import org.userresolver.internal.SyncFixtures.PagedDirectory;
import org.userresolver.internal.SyncFixtures.Run;
import org.userresolver.internal.SyncFixtures.TestStore;

final class SyncEngineTest {

  private static DirectoryProvider provider(int users, int pageSize) {
    return new DirectoryProvider(new PagedDirectory(users(users), pageSize));
  }

  @Test
  void firstSync_createsEveryUser_andSecondSync_writesNothing() {
    DirectoryProvider provider = provider(95, 10);
    TestStore store = new TestStore();

    SyncTally first = new Run(provider, store).run();
    int writesAfterFirst = store.batchWrites.get();
    SyncTally second = new Run(provider, store).run();

    assertEquals(95, first.listed());
    assertEquals(95, first.created());
    assertEquals(0, first.unchanged());
    assertEquals(10, writesAfterFirst, "one write per batch of 10");
    assertEquals(95, second.unchanged());
    assertEquals(0, second.created() + second.updated());
    assertEquals(writesAfterFirst, store.batchWrites.get(), "an unchanged sync writes nothing");
    assertTrue(second.finished());
    assertNull(second.stopReason());
    assertEquals(95, second.total());
  }

  @Test
  void changedUser_isUpdated_withTheChangedFieldsNamed() {
    DirectoryProvider provider = provider(30, 10);
    TestStore store = new TestStore();
    new Run(provider, store).run();
    provider.directory.users.set(7, user(7).toBuilder().roleName("Director").isActive(false)
        .build());

    Run second = new Run(provider, store);
    SyncTally tally = second.run();

    assertEquals(1, tally.updated());
    assertEquals(29, tally.unchanged());
    assertEquals(List.of("is_active", "role_name"),
        second.events.changes.stream().filter(c -> c.kind() == Kind.UPDATE).findFirst()
            .orElseThrow().fields());
    assertEquals("Director", store.find("user7@example.com").orElseThrow().roleName());
  }

  @Test
  void dryRun_writesNothing_andSaysWhatWouldChange() {
    DirectoryProvider provider = provider(20, 10);
    TestStore store = new TestStore();
    store.putByAnotherSource(user(3).toBuilder().teamName("Old team").roleName("Intern")
        .build());

    Run run = new Run(provider, store);
    run.dryRun = true;
    SyncTally tally = run.run();

    assertTrue(tally.dryRun());
    assertEquals(19, tally.created());
    assertEquals(1, tally.updated());
    assertEquals(0, store.batchWrites.get());
    assertEquals("Intern", store.find("user3@example.com").orElseThrow().roleName());
    assertEquals(List.of("role_name"), run.events.changes.stream()
        .filter(c -> c.kind() == Kind.UPDATE).findFirst().orElseThrow().fields());
    assertEquals(19, run.events.ids(Kind.CREATE).size());
  }

  @Test
  void limit_stopsTheListing_afterThatManyUsers() {
    DirectoryProvider provider = provider(100, 10);
    TestStore store = new TestStore();
    Run run = new Run(provider, store);
    run.limit = 25;

    SyncTally tally = run.run();

    assertEquals(25, tally.listed());
    assertEquals(25, tally.created());
    assertEquals(3, provider.directory.pagesAsked());
    assertEquals(25, tally.total());
  }

  @Test
  void rateLimitedPage_isWaitedOut_andTheSamePageAskedAgain() {
    DirectoryProvider provider = provider(30, 10);
    provider.directory.beforePage = cursor -> {
      if ("10".equals(cursor) && provider.directory.cursors.stream()
          .filter("10"::equals).count() == 1) {
        throw ResolutionException.transientFailure("GET /api/v1/users answered HTTP 429 "
            + "(E0000047: API call exceeded rate limit)", Duration.ofSeconds(42));
      }
    };
    Run run = new Run(provider, new TestStore());

    SyncTally tally = run.run();

    assertEquals(List.of("null", "10", "10", "20"), provider.directory.cursors);
    assertEquals(List.of(Duration.ofSeconds(42)), run.sleeper.waits);
    assertEquals(Duration.ofSeconds(42), tally.waited());
    assertEquals(30, tally.created());
    assertTrue(run.events.waits.get(0).contains("HTTP 429"), run.events.waits.toString());
    assertNull(tally.stopReason());
  }

  @Test
  void failingPagesWithoutRetryAfter_backOffExponentially() {
    DirectoryProvider provider = provider(10, 10);
    for (int i = 0; i < 3; i++) {
      provider.directory.failures.add(ResolutionException.transientFailure("HTTP 503"));
    }
    Run run = new Run(provider, new TestStore());

    SyncTally tally = run.run();

    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
        run.sleeper.waits);
    assertEquals(10, tally.created());
  }

  @Test
  void waitBeyondTheBudget_stopsTheSync_andSaysWhy() {
    DirectoryProvider provider = provider(30, 10);
    provider.directory.beforePage = cursor -> {
      if ("20".equals(cursor)) {
        throw ResolutionException.transientFailure("HTTP 429", Duration.ofMinutes(20));
      }
    };
    Run run = new Run(provider, new TestStore());
    run.maxWait = Duration.ofMinutes(30);

    SyncTally tally = run.run();

    assertEquals(1, run.sleeper.waits.size(), "the second 20-minute wait would pass 30 minutes");
    assertTrue(tally.stopReason().contains("USER_RESOLVER_SYNC_MAX_WAIT (PT30M)"),
        tally.stopReason());
    assertEquals(20, tally.created(), "the users listed before are synced");
  }

  @Test
  void permanentPageFailure_stopsTheListing_butSyncsTheUsersListedBefore() {
    DirectoryProvider provider = provider(50, 10);
    provider.directory.beforePage = cursor -> {
      if ("30".equals(cursor)) {
        throw ResolutionException.permanentFailure("Okta refused listing users (HTTP 403)");
      }
    };
    Run run = new Run(provider, new TestStore());

    SyncTally tally = run.run();

    assertEquals(30, tally.created());
    assertEquals("provider test could not list its users: Okta refused listing users (HTTP 403)",
        tally.stopReason());
    assertTrue(run.sleeper.waits.isEmpty(), "a permanent failure is not waited out");
  }

  @Test
  void batchFailingForOneUser_isSplit_andOnlyThatUserFails() {
    DirectoryProvider provider = provider(40, 10);
    TestStore store = new TestStore();
    store.rejected.add("user13@example.com");
    Run run = new Run(provider, store);

    SyncTally tally = run.run();

    assertEquals(39, tally.created());
    assertEquals(1, tally.failed());
    assertEquals(List.of("user13@example.com"), run.events.ids(Kind.FAIL));
    assertTrue(tally.problems().get(0).detail().contains("store rejects user13@example.com"));
    assertTrue(store.find("user13@example.com").isEmpty(), "never half-written");
    assertEquals(39, store.content().size());
    assertNull(tally.stopReason());
  }

  @Test
  void transientStoreFailure_isRetriedAfterItsWait() {
    DirectoryProvider provider = provider(10, 10);
    TestStore store = new TestStore();
    store.transientFailures.set(2);
    Run run = new Run(provider, store);

    SyncTally tally = run.run();

    assertEquals(10, tally.created());
    assertEquals(0, tally.failed());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), run.sleeper.waits);
  }

  @Test
  void storeFailingEveryWrite_stopsTheSync_insteadOfFailingEveryUser() {
    DirectoryProvider provider = provider(1_000, 10);
    TestStore store = new TestStore();
    store.failAllWrites = true;
    Run run = new Run(provider, store);
    run.concurrency = 1;

    SyncTally tally = run.run();

    assertTrue(tally.stopReason().startsWith("store test-store failed to write every user of a "
        + "batch of 10: store is read-only"), tally.stopReason());
    assertTrue(tally.failed() <= 30, "at most the batches in work fail: " + tally.failed());
    assertTrue(provider.directory.pagesAsked() < 10, "the listing stops");
  }

  @Test
  void invalidEntries_areSkippedById_andNeverWritten() {
    List<User> listed = new ArrayList<>(users(5));
    listed.add(User.builder().userId("bad\u0007id@example.com").email("x@example.com")
        .build());
    listed.add(user(2).toBuilder().roleName("Twin").build());
    PagedDirectory directory = new PagedDirectory(listed, 10);
    directory.skippedOnFirstPage.add(new UserDirectory.Skipped("grace",
        "Keycloak user grace has no email"));
    TestStore store = new TestStore();
    Run run = new Run(new DirectoryProvider(directory), store);

    SyncTally tally = run.run();

    assertEquals(8, tally.listed());
    assertEquals(5, tally.created());
    assertEquals(3, tally.skipped());
    List<String> reasons = tally.problems().stream().map(p -> p.userId() + ": " + p.detail())
        .toList();
    assertTrue(reasons.contains("grace: Keycloak user grace has no email"), reasons.toString());
    assertTrue(reasons.stream().anyMatch(r -> r.startsWith("bad\u0007id@example.com: invalid "
        + "user id: user id contains the control character U+0007")), reasons.toString());
    assertTrue(reasons.stream().anyMatch(r -> r.startsWith("user2@example.com: listed twice")),
        reasons.toString());
    assertEquals("Engineer", store.find("user2@example.com").orElseThrow().roleName());
    assertEquals(5, store.content().size());
  }

  @Test
  void listedIds_areNormalisedAsTheChainDoes() {
    PagedDirectory directory = new PagedDirectory(List.of(User.builder()
        .userId(" Ada@Example.COM ").email("Ada@Example.COM").firstName("Ada").build()), 10);
    TestStore store = new TestStore();

    new Run(new DirectoryProvider(directory), store).run();

    User stored = store.find("ada@example.com").orElseThrow();
    assertEquals("Ada@Example.COM", stored.email(), "only the id is normalised");
  }

  @Test
  void listing_waitsForTheStore_soAtMostAFewBatchesAreHeld() throws Exception {
    DirectoryProvider provider = provider(200, 10);
    TestStore store = new TestStore();
    CountDownLatch release = new CountDownLatch(1);
    store.duringCall = () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Run run = new Run(provider, store);
    run.concurrency = 2;
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Thread[] thread = new Thread[1];
      CountDownLatch started = new CountDownLatch(1);
      Future<SyncTally> result = runner.submit(() -> {
        thread[0] = Thread.currentThread();
        started.countDown();
        return run.run();
      });
      started.await();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (thread[0].getState() != Thread.State.WAITING || store.running.get() < 2) {
        assertTrue(System.nanoTime() < deadline, "the listing never waited for the store");
        Thread.onSpinWait();
      }
      int pagesWhileBlocked = provider.directory.pagesAsked();
      release.countDown();
      SyncTally tally = result.get(30, TimeUnit.SECONDS);

      assertEquals(5, pagesWhileBlocked, "2 batches in work, 2 queued, 1 page held");
      assertEquals(200, tally.created());
      assertEquals(2, store.mostRunning.get(), "at most 'concurrency' store calls at once");
    } finally {
      release.countDown();
      runner.shutdownNow();
    }
  }

  @Test
  void interruptedRun_thenRerun_convergesToTheStoreOfOneFullSync() {
    TestStore reference = storeWithStaleUsers();
    new Run(provider(100, 10), reference).run();
    DirectoryProvider provider = provider(100, 10);
    provider.directory.beforePage = cursor -> {
      if ("30".equals(cursor) && provider.directory.pagesAsked() == 4) {
        Thread.currentThread().interrupt(); // Ctrl-C while the fourth page is fetched
      }
    };
    TestStore store = storeWithStaleUsers();

    SyncTally interrupted = new Run(provider, store).run();
    boolean flagSetAgain = Thread.interrupted();
    SyncTally rerun = new Run(provider, store).run();

    assertEquals("interrupted", interrupted.stopReason());
    assertTrue(flagSetAgain, "the interrupt flag is set again");
    assertTrue(interrupted.created() + interrupted.updated() <= 40, interrupted.toString());
    assertNotEquals(reference.content(), storeWithStaleUsers().content());
    assertNull(rerun.stopReason());
    assertEquals(reference.content(), store.content());
  }

  @Test
  void crashedStore_thenRerun_convergesToTheStoreOfOneFullSync() {
    TestStore reference = storeWithStaleUsers();
    new Run(provider(100, 10), reference).run();
    TestStore store = storeWithStaleUsers();
    store.duringCall = () -> {
      if (store.batchWrites.get() >= 3) {
        store.failAllWrites = true;
      }
    };

    SyncTally crashed = new Run(provider(100, 10), store).run();
    store.duringCall = () -> { };
    store.failAllWrites = false;
    SyncTally rerun = new Run(provider(100, 10), store).run();

    assertTrue(crashed.stopReason().contains("store is read-only"), crashed.stopReason());
    assertNull(rerun.stopReason());
    assertEquals(reference.content(), store.content());
  }

  private static TestStore storeWithStaleUsers() {
    TestStore store = new TestStore();
    for (int i = 0; i < 100; i += 7) {
      store.putByAnotherSource(user(i).toBuilder().roleName("Stale " + i).slackId("U" + i)
          .build());
    }
    return store;
  }

  @Test
  void deactivateMissing_deactivatesOnlyUsersItWrote_andDeletesNobody() {
    TestStore store = new TestStore();
    new Run(provider(20, 10), store).run();
    User databuilder = User.builder().userId("legacy@example.com").email("legacy@example.com")
        .fullName("Legacy User").build();
    store.putByAnotherSource(databuilder);
    DirectoryProvider shrunk = provider(15, 10); // users 15..19 left the provider

    Run run = new Run(shrunk, store);
    run.deactivate = UserSync.Scope.WRITTEN_BY_USERRESOLVER;
    SyncTally tally = run.run();

    assertEquals(5, tally.deactivated());
    assertEquals(List.of("user15@example.com", "user16@example.com", "user17@example.com",
        "user18@example.com", "user19@example.com"), run.events.ids(Kind.DEACTIVATE));
    assertFalse(store.find("user17@example.com").orElseThrow().isActive());
    assertEquals("First17", store.find("user17@example.com").orElseThrow().firstName());
    assertTrue(store.find("legacy@example.com").orElseThrow().isActive(),
        "a user another source wrote is left alone");
    assertEquals(21, store.content().size(), "nobody is deleted");
  }

  @Test
  void deactivateMissing_ofAllUsers_includesUsersOthersWrote() {
    TestStore store = new TestStore();
    store.putByAnotherSource(User.builder().userId("legacy@example.com")
        .email("legacy@example.com").fullName("Legacy User").build());
    Run run = new Run(provider(10, 10), store);
    run.deactivate = UserSync.Scope.ALL_USERS;

    SyncTally tally = run.run();

    assertEquals(1, tally.deactivated());
    assertFalse(store.find("legacy@example.com").orElseThrow().isActive());
  }

  @Test
  void deactivateMissing_leavesActive_aUserTheProviderStillKnows() {
    TestStore store = new TestStore();
    new Run(provider(20, 10), store).run();
    DirectoryProvider provider = provider(20, 10);
    provider.directory.users.remove(12); // skipped by the listing, but still in the provider
    provider.directory.users.remove(4);
    provider.known.remove("user4@example.com"); // gone for real

    Run run = new Run(provider, store);
    run.deactivate = UserSync.Scope.WRITTEN_BY_USERRESOLVER;
    SyncTally tally = run.run();

    assertEquals(1, tally.deactivated());
    assertFalse(store.find("user4@example.com").orElseThrow().isActive());
    assertTrue(store.find("user12@example.com").orElseThrow().isActive());
    assertEquals(List.of("user12@example.com", "user4@example.com"),
        provider.lookups.stream().sorted().toList());
  }

  @Test
  void deactivateMissing_inADryRun_changesNothing() {
    TestStore store = new TestStore();
    new Run(provider(20, 10), store).run();
    int writes = store.batchWrites.get();
    Run run = new Run(provider(10, 10), store);
    run.deactivate = UserSync.Scope.WRITTEN_BY_USERRESOLVER;
    run.dryRun = true;

    SyncTally tally = run.run();

    assertEquals(10, tally.deactivated());
    assertEquals(writes, store.batchWrites.get());
    assertTrue(store.find("user15@example.com").orElseThrow().isActive());
  }

  @Test
  void deactivateMissing_afterAListingThatStoppedEarly_deactivatesNobody() {
    TestStore store = new TestStore();
    new Run(provider(30, 10), store).run();
    DirectoryProvider provider = provider(30, 10);
    provider.directory.beforePage = cursor -> {
      if ("20".equals(cursor)) {
        throw ResolutionException.permanentFailure("HTTP 500 forever");
      }
    };
    Run run = new Run(provider, store);
    run.deactivate = UserSync.Scope.WRITTEN_BY_USERRESOLVER;

    SyncTally tally = run.run();

    assertEquals(0, tally.deactivated());
    assertTrue(store.find("user25@example.com").orElseThrow().isActive());
    assertTrue(provider.lookups.isEmpty());
  }

  @Test
  void deactivateMissing_withAStoreThatCannotListIds_failsNamingTheStore() {
    TestStore store = new TestStore();
    store.listsIds = false;
    Run run = new Run(provider(10, 10), store);
    run.deactivate = UserSync.Scope.WRITTEN_BY_USERRESOLVER;

    IllegalStateException e = assertThrows(IllegalStateException.class, run::run);

    assertTrue(e.getMessage().startsWith("store test-store cannot list the ids of the users it "
        + "holds"), e.getMessage());
    assertEquals(0, store.batchWrites.get());
  }

  @Test
  void since_isPassedToTheDirectory_whenSupported_andRefusedOtherwise() {
    DirectoryProvider provider = provider(10, 10);
    Run refused = new Run(provider, new TestStore());
    refused.since = Instant.parse("2026-01-01T00:00:00Z");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, refused::run);
    provider.directory.updatedSince = true;
    Run run = new Run(provider, new TestStore());
    run.since = Instant.parse("2026-01-01T00:00:00Z");
    run.run();

    assertEquals("provider test cannot list only the users updated since a time; sync all "
        + "users instead (okta can)", e.getMessage());
    assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
        provider.directory.lastRequest.updatedSince());
  }

  @Test
  void providerThatCannotList_isRefused_withWhatToDo() {
    UserResolver lookupOnly = userId -> User.minimal(userId);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Run(lookupOnly, new TestStore()).run());

    assertTrue(e.getMessage().startsWith("provider test cannot list its users"), e.getMessage());
  }

  @Test
  void progress_isToldAfterBatches_andTheLastReportIsFinished() {
    Run run = new Run(provider(35, 10), new TestStore());

    run.run();

    SyncTally last = run.events.progress.get(run.events.progress.size() - 1);
    assertTrue(last.finished());
    assertEquals(35, last.created());
    assertTrue(run.events.progress.size() >= 5, "one per batch and the final one");
    assertFalse(run.events.progress.get(0).finished());
  }
}
