package org.userresolver.internal;

import java.time.Duration;
import org.userresolver.SyncReport;

/**
 * What a sync tells as it goes: progress after each batch, each user's change, each wait. The
 * engine calls one method at a time (never two at once), from its own threads.
 */
public interface SyncEvents {

  /** Tells nothing. */
  SyncEvents NONE = new SyncEvents() { };

  /**
   * Called after each batch of users is processed, and once at the end.
   *
   * @param tally the counts so far
   */
  default void onProgress(SyncTally tally) {}

  /**
   * Called for each user created, updated, deactivated, skipped or failed (in a dry run, for
   * each that would be), not for unchanged ones.
   *
   * @param change what happened
   */
  default void onChange(SyncReport.Change change) {}

  /**
   * Called before each wait for a rate limit or before a retry.
   *
   * @param wait how long
   * @param reason what failed, and what is waited for
   */
  default void onWait(Duration wait, String reason) {}
}
