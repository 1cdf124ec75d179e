package org.userresolver.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.userresolver.ResolutionException;
import org.userresolver.SyncReport;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.UserSync;

/** A scripted directory, provider and store for the sync engine's tests, and a run helper. */
final class SyncFixtures {

  private SyncFixtures() {}

  static User user(int i) {
    return User.builder().userId("user" + i + "@example.com").email("user" + i + "@example.com")
        .firstName("First" + i).lastName("Last" + i).roleName("Engineer").build();
  }

  static List<User> users(int count) {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(user(i));
    }
    return users;
  }

  /**
   * A directory over a list of users, {@code pageSize} a page (the cursor is an index), that
   * records every cursor asked and can be told to fail the next fetches.
   */
  static final class PagedDirectory implements UserDirectory {
    final List<User> users;
    final List<Skipped> skippedOnFirstPage = new CopyOnWriteArrayList<>();
    final int pageSize;
    final List<String> cursors = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
    volatile Consumer<String> beforePage = cursor -> { };
    volatile boolean updatedSince;
    volatile Request lastRequest;

    PagedDirectory(List<User> users, int pageSize) {
      this.users = new CopyOnWriteArrayList<>(users);
      this.pageSize = pageSize;
    }

    @Override
    public Page page(Request request, String cursor) {
      cursors.add(String.valueOf(cursor));
      lastRequest = request;
      beforePage.accept(cursor);
      RuntimeException failure = failures.poll();
      if (failure != null) {
        throw failure;
      }
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      int to = Math.min(users.size(), from + pageSize);
      return Page.of(users.subList(from, to), from == 0 ? skippedOnFirstPage : List.of(),
          to < users.size() ? Integer.toString(to) : null);
    }

    @Override
    public boolean supportsUpdatedSince() {
      return updatedSince;
    }

    @Override
    public OptionalLong count(Request request) {
      return OptionalLong.of(users.size());
    }

    int pagesAsked() {
      return cursors.size();
    }
  }

  /** A provider whose directory is given, and whose lookups answer from a map of known users. */
  static final class DirectoryProvider implements UserResolver {
    final PagedDirectory directory;
    final Map<String, User> known = new ConcurrentHashMap<>();
    final List<String> lookups = new CopyOnWriteArrayList<>();

    DirectoryProvider(PagedDirectory directory) {
      this.directory = directory;
      directory.users.forEach(user -> known.put(user.userId(), user));
    }

    @Override
    public User resolve(String userId) {
      lookups.add(userId);
      User user = known.get(userId);
      if (user == null) {
        throw new UserNotFoundException(userId, "the test directory");
      }
      return user;
    }

    @Override
    public Optional<UserDirectory> directory() {
      return Optional.of(directory);
    }
  }

  /**
   * A memory store that knows which users "userresolver" wrote (the others were put in by
   * {@link #putByAnotherSource}), counts its calls, can reject writes of given ids (the whole
   * batch holding one fails, as in a transactional store), fail transiently a number of times,
   * fail every write, and track how many calls run at once.
   */
  static final class TestStore implements UserStore {
    final MemoryUserStore users = new MemoryUserStore();
    final Set<String> owned = ConcurrentHashMap.newKeySet();
    final Set<String> rejected = ConcurrentHashMap.newKeySet();
    final AtomicInteger batchWrites = new AtomicInteger();
    final AtomicInteger findAlls = new AtomicInteger();
    final AtomicInteger transientFailures = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();
    volatile boolean listsIds = true;
    volatile boolean failAllWrites;
    volatile Runnable duringCall = () -> { };

    void putByAnotherSource(User user) {
      users.createOrUpdate(user);
    }

    /** Every stored user, by id, for comparing the content of two stores. */
    Map<String, User> content() {
      Map<String, User> all = new HashMap<>(users.findAll(users.userIds(false).orElseThrow()));
      return Collections.unmodifiableMap(all);
    }

    @Override
    public Optional<User> find(String userId) {
      return users.find(userId);
    }

    @Override
    public Map<String, User> findAll(Collection<String> userIds) {
      enter();
      try {
        findAlls.incrementAndGet();
        return users.findAll(userIds);
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public WriteOutcome createOrUpdate(User user) {
      return createOrUpdateAll(List.of(user)).get(user.userId());
    }

    @Override
    public Map<String, WriteOutcome> createOrUpdateAll(Collection<User> batch) {
      enter();
      try {
        batchWrites.incrementAndGet();
        if (transientFailures.getAndDecrement() > 0) {
          throw ResolutionException.transientFailure("store cluster is electing a leader",
              Duration.ofSeconds(2));
        }
        if (failAllWrites) {
          throw ResolutionException.permanentFailure("store is read-only");
        }
        for (User user : batch) {
          if (rejected.contains(user.userId())) {
            throw ResolutionException.permanentFailure("store rejects " + user.userId());
          }
        }
        Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
        for (User user : batch) {
          outcomes.put(user.userId(), users.createOrUpdate(user));
          owned.add(user.userId());
        }
        return outcomes;
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public Optional<Set<String>> userIds(boolean writtenByUserresolver) {
      if (!listsIds) {
        return Optional.empty();
      }
      return Optional.of(writtenByUserresolver ? new HashSet<>(owned)
          : users.userIds(false).orElseThrow());
    }

    private void enter() {
      mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      duringCall.run();
    }
  }

  /** A sleeper that only records the waits. */
  static final class RecordingSleeper implements Patience.Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration wait) {
      waits.add(wait);
    }
  }

  /** Records every change and progress report. */
  static final class Recorder implements SyncEvents {
    final List<SyncReport.Change> changes = new CopyOnWriteArrayList<>();
    final List<SyncTally> progress = new CopyOnWriteArrayList<>();
    final List<String> waits = new CopyOnWriteArrayList<>();

    @Override
    public void onProgress(SyncTally tally) {
      progress.add(tally);
    }

    @Override
    public void onChange(SyncReport.Change change) {
      changes.add(change);
    }

    @Override
    public void onWait(Duration wait, String reason) {
      waits.add(wait + " " + reason);
    }

    List<String> ids(SyncReport.Change.Kind kind) {
      return changes.stream().filter(c -> c.kind() == kind).map(SyncReport.Change::userId)
          .sorted().toList();
    }
  }

  /** The options of one engine run, with the tests' defaults. */
  static final class Run {
    UserResolver provider;
    UserStore store;
    int batchSize = 10;
    int concurrency = 2;
    boolean dryRun;
    long limit = -1;
    Instant since;
    UserSync.Scope deactivate;
    Duration maxWait = Duration.ofHours(1);
    final RecordingSleeper sleeper = new RecordingSleeper();
    final Recorder events = new Recorder();

    Run(UserResolver provider, UserStore store) {
      this.provider = provider;
      this.store = store;
    }

    SyncTally run() {
      SyncConfig config = new SyncConfig(provider, "test", store, "test-store", true, batchSize,
          concurrency, dryRun, limit, since, deactivate, maxWait, 3, Duration.ofMillis(500));
      return new SyncEngine(config, events, sleeper).run();
    }
  }
}
