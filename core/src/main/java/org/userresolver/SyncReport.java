package org.userresolver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.userresolver.internal.SyncTally;

/**
 * What a {@link UserSync} did, or has done so far: how many users the provider listed and what
 * happened to each (created, updated, unchanged, skipped as invalid, failed), how many users the
 * provider no longer lists were deactivated, the users skipped or failed by id, and whether the
 * sync ran to its end. Immutable; a listener receives a new one as the sync goes on.
 */
public final class SyncReport {
  /** The most skipped or failed users a report names; the counts go on beyond it. */
  public static final int MAX_PROBLEMS = 1_000;

  private final SyncTally tally;

  /** A report of the engine's tally. */
  SyncReport(SyncTally tally) {
    this.tally = tally;
  }

  /**
   * What happened, or would happen in a dry run, to one user.
   *
   * @param userId the user's id (normalised as the chain does), or the provider's id for a
   *     directory entry that is no profile
   * @param kind what happened
   * @param fields for an update, the {@code UserSchema} keys whose values change; else empty
   * @param detail for a skipped or failed user, why; else empty
   */
  public record Change(String userId, Kind kind, List<String> fields, String detail) {

    /**
     * Checks and copies the values.
     *
     * @param userId the user's id
     * @param kind what happened
     * @param fields the keys whose values change, for an update
     * @param detail why, for a skipped or failed user
     */
    public Change {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(kind, "kind");
      fields = List.copyOf(fields);
      Objects.requireNonNull(detail, "detail");
    }

    /** What happened to a user. */
    public enum Kind {
      /** Written as a new user. */
      CREATE,
      /** Stored with other values, and written. */
      UPDATE,
      /** Stored, no longer listed by the provider, and written with {@code is_active=false}. */
      DEACTIVATE,
      /** Not a valid profile, or not a valid id; never written. */
      SKIP,
      /** The store could not read or write it. */
      FAIL
    }

    /** One line: {@code "update ada@example.com: role_name, team_name"}. */
    @Override
    public String toString() {
      String text = kind.name().toLowerCase(Locale.ROOT) + " " + userId;
      if (!fields.isEmpty()) {
        return text + ": " + String.join(", ", fields);
      }
      return detail.isEmpty() ? text : text + ": " + detail;
    }
  }

  /**
   * Returns how many users the provider listed (entries that are no profile included).
   *
   * @return the count
   */
  public long listed() {
    return tally.listed();
  }

  /**
   * Returns how many users were created (in a dry run: would be).
   *
   * @return the count
   */
  public long created() {
    return tally.created();
  }

  /**
   * Returns how many stored users were updated (in a dry run: would be).
   *
   * @return the count
   */
  public long updated() {
    return tally.updated();
  }

  /**
   * Returns how many listed users the store already held as the provider lists them.
   *
   * @return the count
   */
  public long unchanged() {
    return tally.unchanged();
  }

  /**
   * Returns how many listed entries were skipped as invalid (no email, a profile Amundsen could
   * not show, an id the chain would refuse).
   *
   * @return the count
   */
  public long skipped() {
    return tally.skipped();
  }

  /**
   * Returns how many users the store failed to read or write, after retries.
   *
   * @return the count
   */
  public long failed() {
    return tally.failed();
  }

  /**
   * Returns how many stored users the provider no longer lists were deactivated (in a dry run:
   * would be).
   *
   * @return the count
   */
  public long deactivated() {
    return tally.deactivated();
  }

  /**
   * Returns the skipped and failed users, at most {@value #MAX_PROBLEMS}, in the order found.
   *
   * @return the users, each with why
   */
  public List<Change> problems() {
    return tally.problems();
  }

  /**
   * Tells whether this was a dry run: read and compared, nothing written.
   *
   * @return {@code true} for a dry run
   */
  public boolean dryRun() {
    return tally.dryRun();
  }

  /**
   * Tells whether the sync has ended: listed every user asked for (or stopped early, see
   * {@link #stopReason()}) and processed them. {@code false} in the reports a listener
   * receives while it runs.
   *
   * @return {@code true} once the sync is over
   */
  public boolean finished() {
    return tally.finished();
  }

  /**
   * Returns why the sync stopped before the end of the listing: a provider or store failure
   * that retrying and waiting could not overcome, or an interruption.
   *
   * @return the reason, or empty when the listing ran to its end
   */
  public Optional<String> stopReason() {
    return Optional.ofNullable(tally.stopReason());
  }

  /**
   * Tells whether the sync ended with nothing failed and was not stopped early; users skipped as
   * invalid do not count as failures.
   *
   * @return {@code true} for a successful sync
   */
  public boolean succeeded() {
    return tally.finished() && tally.failed() == 0 && tally.stopReason() == null;
  }

  /**
   * Returns how long the sync has run.
   *
   * @return the time since it started
   */
  public Duration elapsed() {
    return tally.elapsed();
  }

  /**
   * Returns how long the sync waited for rate limits and before retries, in all.
   *
   * @return the total wait
   */
  public Duration waited() {
    return tally.waited();
  }

  /**
   * Returns how many users the sync expects to list, when the provider can tell (and at most
   * the limit).
   *
   * @return the expected number, or empty when unknown
   */
  public OptionalLong total() {
    return tally.total() < 0 ? OptionalLong.empty() : OptionalLong.of(tally.total());
  }

  /**
   * Returns the users listed per second so far.
   *
   * @return the rate; 0 before any time has passed
   */
  public double usersPerSecond() {
    double seconds = tally.elapsed().toNanos() / 1e9;
    return seconds <= 0 ? 0 : tally.listed() / seconds;
  }

  /**
   * Returns the report on one line, as {@code user-resolver sync} ends:
   * {@code "synced 1,200 users in 3.1 s (387 users/s): 10 created, 2 updated, 1,187 unchanged,
   * 1 skipped as invalid, 0 failed, 0 deactivated"}, with what waited and why it stopped.
   *
   * @return the summary
   */
  public String summary() {
    SyncTally t = tally;
    String would = t.dryRun() ? "would be " : "";
    StringBuilder text = new StringBuilder();
    text.append(t.dryRun() ? "dry run, nothing written: listed " : "synced ")
        .append(String.format(Locale.ROOT, "%,d users in %.1f s (%,.0f users/s): ", t.listed(),
            t.elapsed().toMillis() / 1000.0, usersPerSecond()))
        .append(String.format(Locale.ROOT, "%,d %screated, %,d %supdated, %,d unchanged, "
                + "%,d skipped as invalid, %,d failed, %,d %sdeactivated", t.created(), would,
            t.updated(), would, t.unchanged(), t.skipped(), t.failed(), t.deactivated(), would));
    if (!t.waited().isZero()) {
      text.append(String.format(Locale.ROOT, "; waited %.1f s for rate limits and retries",
          t.waited().toMillis() / 1000.0));
    }
    if (t.stopReason() != null) {
      text.append("; stopped early: ").append(t.stopReason());
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "SyncReport[" + summary() + "]";
  }
}
