package org.userresolver.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.User;
import org.userresolver.UserStore;
import org.userresolver.UserStore.WriteOutcome;

/**
 * A sync's store side: reads a batch of listed users in one call ({@link UserStore#findAll}),
 * compares each with what is stored ({@link ProfileDiff}), and writes the changed ones in one
 * call ({@link UserStore#createOrUpdateAll}). A store call that fails transiently is retried
 * (with {@link Patience}); a write that still fails is split in halves, each written once, down
 * to the single user that fails, who is counted as failed by id while the others are written.
 * A batch none of whose users could be read, or written, means the store itself is failing: the
 * sync stops ({@link SyncStopped}) instead of failing every user after it. Thread-safe.
 */
final class SyncWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWriter.class);

  private final UserStore store;
  private final String storeName;
  private final boolean dryRun;
  private final int attempts;
  private final Duration backoff;
  private final SyncCounts counts;
  private final Patience patience;
  private final BooleanSupplier stopping;
  private final java.util.Set<String> kept;

  SyncWriter(SyncConfig config, SyncCounts counts, Patience patience, BooleanSupplier stopping) {
    this.store = config.store();
    this.storeName = config.storeName();
    this.dryRun = config.dryRun();
    this.attempts = config.storeAttempts();
    this.backoff = config.storeBackoff();
    this.counts = counts;
    this.patience = patience;
    this.stopping = stopping;
    this.kept = store.keptFields();
  }

  /**
   * Compares a batch of listed users (distinct, normalised ids) with the store and writes the
   * ones that changed; in a dry run, only counts them.
   *
   * @throws SyncStopped when the store could not read the batch, or write any of it
   * @throws InterruptedException when interrupted while waiting to retry
   */
  void sync(List<User> batch) throws InterruptedException {
    List<String> ids = batch.stream().map(User::userId).toList();
    Map<String, User> stored;
    try {
      stored = call(() -> store.findAll(ids), "reading " + ids.size() + " users from store "
          + storeName, attempts);
    } catch (RuntimeException e) {
      if (stopping.getAsBoolean()) {
        return;
      }
      String why = "store " + storeName + " could not read them: " + Fallbacks.describe(e);
      ids.forEach(id -> counts.failed(id, why));
      throw new SyncStopped("store " + storeName + " could not read a batch of " + ids.size()
          + " users: " + Fallbacks.describe(e));
    }
    List<User> writes = new ArrayList<>();
    Map<String, List<String>> fields = new HashMap<>();
    for (User user : batch) {
      User held = stored.get(user.userId());
      List<String> changes = held == null ? List.of() : ProfileDiff.changes(user, held, kept);
      if (held != null && changes.isEmpty()) {
        counts.unchanged();
      } else if (dryRun) {
        if (held == null) {
          counts.created(user.userId());
        } else {
          counts.updated(user.userId(), changes);
        }
      } else {
        writes.add(user);
        fields.put(user.userId(), changes);
      }
    }
    writeAll(writes, (user, outcome) -> {
      if (outcome == WriteOutcome.CREATED) {
        counts.created(user.userId());
      } else {
        counts.updated(user.userId(), fields.getOrDefault(user.userId(), List.of()));
      }
    });
  }

  /**
   * Writes users (distinct ids), retrying, then splitting a failing batch; tells
   * {@code written} of each user written.
   *
   * @throws SyncStopped when not one of several users could be written
   * @throws InterruptedException when interrupted while waiting to retry
   */
  void writeAll(List<User> users, BiConsumer<User, WriteOutcome> written)
      throws InterruptedException {
    if (users.isEmpty()) {
      return;
    }
    Failures failures = new Failures();
    write(users, written, attempts, failures);
    if (users.size() > 1 && failures.count == users.size()) {
      throw new SyncStopped("store " + storeName + " failed to write every user of a batch of "
          + users.size() + ": " + failures.last);
    }
  }

  /** One write, retried {@code tries} times, then split; failures counted by user. */
  private void write(List<User> users, BiConsumer<User, WriteOutcome> written, int tries,
      Failures failures) throws InterruptedException {
    if (stopping.getAsBoolean()) {
      return;
    }
    Map<String, WriteOutcome> outcomes;
    try {
      outcomes = call(() -> store.createOrUpdateAll(users), "writing " + users.size()
          + " users to store " + storeName, tries);
    } catch (RuntimeException e) {
      if (stopping.getAsBoolean()) {
        return;
      }
      String why = Fallbacks.describe(e);
      if (users.size() == 1) {
        failures.count++;
        failures.last = why;
        counts.failed(users.get(0).userId(), "store " + storeName + " could not write it: "
            + why);
        return;
      }
      LOG.debug("store {} failed to write {} users ({}); splitting the batch", storeName,
          users.size(), why);
      int half = users.size() / 2;
      write(users.subList(0, half), written, 1, failures);
      write(users.subList(half, users.size()), written, 1, failures);
      return;
    }
    for (User user : users) {
      written.accept(user, outcomes.getOrDefault(user.userId(), WriteOutcome.UPDATED));
    }
  }

  /**
   * Calls the store, retrying transient failures up to {@code tries} attempts in all.
   *
   * @throws InterruptedException when interrupted while waiting to retry
   */
  <T> T call(Supplier<T> call, String what, int tries) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= tries || !CallRunner.isTransient(e) || stopping.getAsBoolean()) {
          throw e;
        }
        patience.waitAfter(e, attempt, backoff, what);
      }
    }
  }

  /** Reads users by id, retried as every store call. */
  Map<String, User> findAll(Collection<String> ids) throws InterruptedException {
    List<String> list = List.copyOf(ids);
    return call(() -> store.findAll(list), "reading " + list.size() + " users from store "
        + storeName, attempts);
  }

  /** The failures of one batch's writes. */
  private static final class Failures {
    int count;
    String last = "";
  }
}
