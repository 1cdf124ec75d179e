package org.userresolver.internal;

import java.time.Duration;
import java.util.List;
import org.userresolver.SyncReport;

/**
 * The counts and state of a sync at one moment, as {@link org.userresolver.SyncReport} shows
 * them. Immutable.
 *
 * @param listed entries the provider listed
 * @param created users created (or that would be, in a dry run)
 * @param updated users updated (or that would be)
 * @param unchanged users the store held as listed
 * @param skipped entries skipped as invalid
 * @param failed users the store failed to read or write
 * @param deactivated users deactivated (or that would be)
 * @param problems the skipped and failed users, at most {@link SyncReport#MAX_PROBLEMS}
 * @param dryRun whether nothing is written
 * @param finished whether the sync is over
 * @param stopReason why it stopped early, or {@code null}
 * @param elapsed how long it has run
 * @param waited how long it waited for rate limits and retries
 * @param total how many users it expects to list, or -1 when unknown
 */
public record SyncTally(long listed, long created, long updated, long unchanged, long skipped,
    long failed, long deactivated, List<SyncReport.Change> problems, boolean dryRun,
    boolean finished, String stopReason, Duration elapsed, Duration waited, long total) {

  /**
   * Copies the problems.
   *
   * @param listed entries the provider listed
   * @param created users created
   * @param updated users updated
   * @param unchanged users the store held as listed
   * @param skipped entries skipped as invalid
   * @param failed users the store failed to read or write
   * @param deactivated users deactivated
   * @param problems the skipped and failed users
   * @param dryRun whether nothing is written
   * @param finished whether the sync is over
   * @param stopReason why it stopped early, or {@code null}
   * @param elapsed how long it has run
   * @param waited how long it waited
   * @param total how many users it expects, or -1
   */
  public SyncTally {
    problems = List.copyOf(problems);
  }
}
