package org.userresolver.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserDirectory.Page;
import org.userresolver.UserDirectory.Request;
import org.userresolver.UserSync;

/**
 * One run of a bulk sync. The calling thread lists the provider's users page by page (a page is
 * asked for only when the one before has been handed on), normalises their ids as the chain
 * does, and hands them in batches to a pool of {@code concurrency} threads, each comparing a
 * batch with the store and writing what changed ({@link SyncWriter}). At most
 * {@code 2 x concurrency} batches are waiting or in work at once: the listing waits for the
 * store, so memory holds a few batches, never the directory. A page fetch that fails
 * transiently is waited out ({@link Patience}) and the same page asked again.
 *
 * <p>Deactivation, when asked: the ids of the stored users in scope are read before the
 * listing (so a user a lookup stores while the sync runs is never taken for a missing one);
 * after a complete listing, each stored, active user the provider did not list is looked up
 * once with the provider ({@link org.userresolver.UserResolver#resolve}), and only one the
 * provider does not know, or knows as inactive, is written back with {@code is_active=false}:
 * a listing that skipped a user (offset paging while the directory changes) never deactivates
 * her. Nothing is deactivated after a listing that stopped early.
 *
 * <p>An interrupt of the calling thread stops the listing and the batches in work; the report
 * says so and the thread's interrupt flag is set again. Every write is an idempotent upsert of
 * a whole user, so a rerun after an interruption or a crash converges to the same store.
 */
public final class SyncEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  /** The first wait after a page fetch fails without saying how long to wait. */
  static final Duration PAGE_BACKOFF = Duration.ofSeconds(1);
  private static final String INTERRUPTED = "interrupted";

  private final SyncConfig config;
  private final Patience patience;
  private final SyncCounts counts;
  private final SyncWriter writer;
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  /** Set on an interrupt or a failing store: batches in work stop writing. */
  private final AtomicBoolean halt = new AtomicBoolean();

  /**
   * Prepares a run.
   *
   * @param config what to sync
   * @param events told of progress, changes and waits
   */
  public SyncEngine(SyncConfig config, SyncEvents events) {
    this(config, events, Patience.Sleeper.REAL);
  }

  SyncEngine(SyncConfig config, SyncEvents events, Patience.Sleeper sleeper) {
    this.config = config;
    this.patience = new Patience(config.maxWait(), sleeper, this::waiting);
    this.counts = new SyncCounts(events, config.dryRun(), patience::waitedNanos);
    this.writer = new SyncWriter(config, counts, patience, halt::get);
  }

  /**
   * Runs the sync.
   *
   * @return the final tally
   * @throws IllegalArgumentException when the provider cannot list its users, or not by update
   *     time when that was asked
   * @throws IllegalStateException when deactivation was asked and the store cannot list its
   *     users' ids
   */
  public SyncTally run() {
    UserDirectory directory = config.provider().directory().orElseThrow(() ->
        new IllegalArgumentException("provider " + config.providerName() + " cannot list its "
            + "users, so it cannot be synced: sync from a provider that lists users (okta, "
            + "google, keycloak, file)"));
    Request request = config.since() == null ? Request.all()
        : Request.updatedSince(config.since());
    if (config.since() != null && !directory.supportsUpdatedSince()) {
      throw new IllegalArgumentException("provider " + config.providerName() + " cannot list "
          + "only the users updated since a time; sync all users instead (okta can)");
    }
    boolean interrupted = false;
    try {
      Map<String, String> candidates = config.deactivate() == null ? null : storedIds();
      counts.total(expected(directory, request));
      LOG.info("sync from provider {} into store {} started: {}{}", config.providerName(),
          config.storeName(), request, config.dryRun() ? " (dry run)" : "");
      Set<String> seen = candidates == null ? null : new HashSet<>();
      listAndSync(directory, request, seen);
      if (stopReason.get() == null && candidates != null) {
        new MissingUsers(config, counts, patience, writer).deactivate(candidates, seen);
      }
    } catch (SyncStopped e) {
      stopReason.compareAndSet(null, e.getMessage());
    } catch (InterruptedException e) {
      interrupted = true;
      halt.set(true);
      stopReason.compareAndSet(null, INTERRUPTED);
    }
    SyncTally tally = counts.snapshot(true, stopReason.get());
    LOG.info("sync from provider {} into store {} ended: {} listed, {} created, {} updated, {} "
            + "unchanged, {} skipped, {} failed, {} deactivated{}", config.providerName(),
        config.storeName(), tally.listed(), tally.created(), tally.updated(), tally.unchanged(),
        tally.skipped(), tally.failed(), tally.deactivated(),
        tally.stopReason() == null ? "" : "; stopped early: " + tally.stopReason());
    counts.progress(tally);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return tally;
  }

  private void waiting(Duration wait, String reason) {
    LOG.info("sync waits {} ms: {}", wait.toMillis(), reason);
    counts.waiting(wait, reason);
  }

  /** The store's user ids in scope, by normalised id; the ones the chain would refuse left out. */
  private Map<String, String> storedIds() throws InterruptedException {
    boolean written = config.deactivate() == UserSync.Scope.WRITTEN_BY_USERRESOLVER;
    Set<String> ids = writer.call(() -> config.store().userIds(written), "listing the user ids "
        + "of store " + config.storeName(), config.storeAttempts()).orElseThrow(() ->
        new IllegalStateException("store " + config.storeName() + " cannot list the ids of the "
            + "users it holds, so the users the provider no longer lists cannot be found: sync "
            + "without deactivating missing users"));
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String id : ids) {
      try {
        byKey.putIfAbsent(UserIds.normalize(id, config.lowerCaseIds()), id);
      } catch (IllegalArgumentException e) {
        LOG.debug("store {} holds user id {}, which the chain refuses ({}); never deactivated",
            config.storeName(), id, e.getMessage());
      }
    }
    return byKey;
  }

  /** How many users the listing is expected to give, or -1. */
  private long expected(UserDirectory directory, Request request) {
    OptionalLong count;
    try {
      count = directory.count(request);
    } catch (RuntimeException e) {
      LOG.debug("provider {} could not count its users: {}", config.providerName(),
          Fallbacks.describe(e));
      count = OptionalLong.empty();
    }
    if (config.limit() < 0) {
      return count.orElse(-1);
    }
    return count.isPresent() ? Math.min(count.getAsLong(), config.limit()) : config.limit();
  }

  /** Lists every page and syncs its users in batches on a pool; returns when all are done. */
  private void listAndSync(UserDirectory directory, Request request, Set<String> seen)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(),
        CallRunner.daemonThreads("userresolver-sync"));
    Semaphore inFlight = new Semaphore(2 * config.concurrency());
    try {
      list(directory, request, seen, pool, inFlight);
    } catch (SyncStopped e) {
      // the provider failed: the batches already listed are still synced
      stopReason.compareAndSet(null, e.getMessage());
    } catch (InterruptedException | RuntimeException e) {
      stop(pool, e);
      throw e;
    }
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.debug("sync still writing its last batches");
      }
    } catch (InterruptedException e) {
      stop(pool, e);
      throw e;
    }
  }

  /** Stops the batches in work: an interrupt, or a bug. */
  private void stop(ExecutorService pool, Exception cause) {
    halt.set(true);
    stopReason.compareAndSet(null, cause instanceof InterruptedException ? INTERRUPTED
        : "unexpected failure: " + cause);
    pool.shutdownNow();
    awaitQuietly(pool);
  }

  private void list(UserDirectory directory, Request request, Set<String> seen,
      ExecutorService pool, Semaphore inFlight) throws InterruptedException {
    Map<String, User> batch = new LinkedHashMap<>();
    long taken = 0;
    String cursor = null;
    do {
      if (stopReason.get() != null) {
        return;
      }
      Page page = fetch(directory, request, cursor);
      for (UserDirectory.Skipped entry : page.skipped()) {
        counts.listed(1);
        counts.skipped(entry.id(), entry.reason());
        remember(seen, entry.id());
      }
      for (User listed : page.users()) {
        if (config.limit() >= 0 && taken >= config.limit()) {
          break;
        }
        taken++;
        counts.listed(1);
        User user = normalized(listed);
        if (user == null) {
          continue;
        }
        if (seen != null) {
          seen.add(user.userId());
        }
        if (batch.putIfAbsent(user.userId(), user) != null) {
          counts.skipped(user.userId(), "listed twice by provider " + config.providerName()
              + " (two entries with this id); the first one is synced");
        } else if (batch.size() >= config.batchSize()) {
          submit(pool, inFlight, new ArrayList<>(batch.values()));
          batch.clear();
        }
      }
      cursor = page.next().orElse(null);
    } while (cursor != null && (config.limit() < 0 || taken < config.limit()));
    if (!batch.isEmpty() && stopReason.get() == null) {
      submit(pool, inFlight, new ArrayList<>(batch.values()));
    }
  }

  /** The listed user under the id the chain looks it up by; {@code null} when it refuses it. */
  private User normalized(User listed) {
    try {
      String key = UserIds.normalize(listed.userId(), config.lowerCaseIds());
      return key.equals(listed.userId()) ? listed : listed.toBuilder().userId(key).build();
    } catch (IllegalArgumentException e) {
      counts.skipped(listed.userId(), "invalid user id: " + e.getMessage());
      return null;
    }
  }

  private void remember(Set<String> seen, String id) {
    if (seen == null) {
      return;
    }
    try {
      seen.add(UserIds.normalize(id, config.lowerCaseIds()));
    } catch (IllegalArgumentException e) {
      // an entry no lookup could find is no stored user's
    }
  }

  /** One page; transient failures waited out and the same page asked again. */
  private Page fetch(UserDirectory directory, Request request, String cursor)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      try {
        Page page = directory.page(request, cursor);
        if (page == null) {
          throw new SyncStopped("provider " + config.providerName() + " answered no page");
        }
        return page;
      } catch (SyncStopped e) {
        throw e;
      } catch (RuntimeException e) {
        if (!CallRunner.isTransient(e)) {
          throw new SyncStopped("provider " + config.providerName() + " could not list its "
              + "users: " + Fallbacks.describe(e));
        }
        patience.waitAfter(e, attempt, PAGE_BACKOFF, "provider " + config.providerName()
            + " listing users");
      }
    }
  }

  private void submit(ExecutorService pool, Semaphore inFlight, List<User> batch)
      throws InterruptedException {
    inFlight.acquire();
    try {
      pool.execute(() -> {
        try {
          writer.sync(batch);
        } catch (SyncStopped e) {
          halt.set(true);
          stopReason.compareAndSet(null, e.getMessage());
        } catch (InterruptedException e) {
          halt.set(true);
          stopReason.compareAndSet(null, INTERRUPTED);
        } catch (RuntimeException e) {
          LOG.error("sync of a batch of {} users failed unexpectedly", batch.size(), e);
          halt.set(true);
          stopReason.compareAndSet(null, "unexpected failure: " + e);
        } finally {
          inFlight.release();
          counts.progress();
        }
      });
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
