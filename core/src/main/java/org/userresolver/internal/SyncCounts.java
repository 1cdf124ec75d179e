package org.userresolver.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.SyncReport;
import org.userresolver.SyncReport.Change;

/**
 * A sync's running counts and the skipped and failed users, updated from many threads, and
 * the one place events go out: every change and progress report is handed to the
 * {@link SyncEvents} under one lock, so a listener is never called twice at once. A listener
 * that throws is logged and otherwise ignored. Thread-safe.
 */
final class SyncCounts {
  private static final Logger LOG = LoggerFactory.getLogger(SyncCounts.class);

  private final SyncEvents events;
  private final boolean dryRun;
  private final long start = System.nanoTime();
  private final LongSupplier waitedNanos;
  private final AtomicLong listed = new AtomicLong();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong updated = new AtomicLong();
  private final AtomicLong unchanged = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong deactivated = new AtomicLong();
  private final List<Change> problems = new ArrayList<>();
  private volatile long total = -1;

  SyncCounts(SyncEvents events, boolean dryRun, LongSupplier waitedNanos) {
    this.events = events;
    this.dryRun = dryRun;
    this.waitedNanos = waitedNanos;
  }

  void total(long expected) {
    this.total = expected;
  }

  void listed(long entries) {
    listed.addAndGet(entries);
  }

  void unchanged() {
    unchanged.incrementAndGet();
  }

  void created(String userId) {
    created.incrementAndGet();
    tell(new Change(userId, Change.Kind.CREATE, List.of(), ""));
  }

  void updated(String userId, List<String> fields) {
    updated.incrementAndGet();
    tell(new Change(userId, Change.Kind.UPDATE, fields, ""));
  }

  void deactivated(String userId) {
    deactivated.incrementAndGet();
    tell(new Change(userId, Change.Kind.DEACTIVATE, List.of("is_active"), ""));
  }

  void skipped(String id, String reason) {
    skipped.incrementAndGet();
    problem(new Change(id, Change.Kind.SKIP, List.of(), reason));
  }

  void failed(String userId, String reason) {
    failed.incrementAndGet();
    problem(new Change(userId, Change.Kind.FAIL, List.of(), reason));
  }

  long failedSoFar() {
    return failed.get();
  }

  /** Tells the listener how far the sync is. */
  void progress() {
    progress(snapshot(false, null));
  }

  /** Tells the listener a tally, such as the final one. */
  void progress(SyncTally tally) {
    synchronized (events) {
      try {
        events.onProgress(tally);
      } catch (RuntimeException e) {
        LOG.warn("sync listener failed on progress", e);
      }
    }
  }

  /** Tells the listener of a wait. */
  void waiting(Duration wait, String reason) {
    synchronized (events) {
      try {
        events.onWait(wait, reason);
      } catch (RuntimeException e) {
        LOG.warn("sync listener failed on a wait", e);
      }
    }
  }

  SyncTally snapshot(boolean finished, String stopReason) {
    List<Change> named;
    synchronized (problems) {
      named = List.copyOf(problems);
    }
    return new SyncTally(listed.get(), created.get(), updated.get(), unchanged.get(),
        skipped.get(), failed.get(), deactivated.get(), named, dryRun, finished, stopReason,
        Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(waitedNanos.getAsLong()),
        total);
  }

  private void problem(Change change) {
    synchronized (problems) {
      if (problems.size() < SyncReport.MAX_PROBLEMS) {
        problems.add(change);
      }
    }
    LOG.debug("sync: {}", change);
    tell(change);
  }

  private void tell(Change change) {
    synchronized (events) {
      try {
        events.onChange(change);
      } catch (RuntimeException e) {
        LOG.warn("sync listener failed on {}", change, e);
      }
    }
  }
}
