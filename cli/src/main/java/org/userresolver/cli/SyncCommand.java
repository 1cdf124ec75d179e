package org.userresolver.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.userresolver.Settings;
import org.userresolver.SyncReport;
import org.userresolver.UserSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code user-resolver sync}: streams the identity provider's users into the store with
 * {@link UserSync}, writing only what changed; progress on stderr (a bar on a terminal, lines
 * elsewhere), a dry run's changes and the one-line summary on stdout. Ctrl-C stops it: the
 * batches in work end, the summary says "interrupted", and a rerun converges.
 */
@Command(name = "sync",
    customSynopsis = {
        "user-resolver sync [--settings FILE] [--set NAME=VALUE]...",
        "                          [--dry-run] [--limit N] [--since TIMESTAMP]",
        "                          [--deactivate-missing] [--all-users]",
        "                          [--progress MODE]"},
    description = {
        "Copies the identity provider's users into the store.",
        "",
        "Only the users whose stored profile differs are written. Users are listed page by page and compared with the store in batches; rate limits are "
            + "waited out. Users that are no valid profile are skipped and named on stderr; "
            + "users the store could not write are named too, and make the exit code 1. Ends "
            + "with one summary line on stdout. Safe to interrupt and run again: every write "
            + "is an idempotent upsert. Tuning: USER_RESOLVER_SYNC_BATCH_SIZE (500), "
            + "USER_RESOLVER_SYNC_CONCURRENCY (4), USER_RESOLVER_SYNC_MAX_WAIT (PT1H)."},
    exitCodeList = {
        "0:every listed user is in the store as listed (skipped users are not failures)",
        "1:invalid settings, a user the store could not write, or a sync stopped early",
        "2:bad usage"})
final class SyncCommand extends ChainCommand {
  /** How long Ctrl-C waits for the sync to end its batches and print its summary. */
  private static final long SHUTDOWN_WAIT_SECONDS = 30;
  private static final int DEFAULT_WIDTH = 100;

  @Option(names = "--dry-run", arity = "0",
      description = "read and compare, write nothing; print what would change on stdout")
  private boolean dryRun;

  @Option(names = "--limit", paramLabel = "N", converter = LimitConverter.class,
      description = "sync at most N users, then stop listing")
  private Long limit;

  @Option(names = "--since", paramLabel = "TIMESTAMP", converter = SinceConverter.class,
      description = "sync only users changed after this time (2026-01-31T08:00:00Z or "
          + "2026-01-31); okta supports it, keycloak, google and file do not")
  private Instant since;

  @Option(names = "--deactivate-missing", arity = "0",
      description = "after a complete listing, set is_active=false on stored users the provider "
          + "no longer lists (never deletes); only users userresolver wrote, unless --all-users")
  private boolean deactivateMissing;

  @Option(names = "--all-users", arity = "0",
      description = "with --deactivate-missing: consider every stored user, including those "
          + "another source (such as Amundsen's databuilder) manages")
  private boolean allUsers;

  @Option(names = "--progress", paramLabel = "MODE", converter = ModeConverter.class,
      description = "auto (default: a bar on a terminal, a line every 10,000 users or 10 s "
          + "elsewhere), bar, lines or none")
  private SyncOutput.Mode progress = SyncOutput.Mode.AUTO;

  @Override
  public Integer call() {
    if (allUsers && !deactivateMissing) {
      throw usageError("--all-users needs --deactivate-missing");
    }
    if (deactivateMissing && (limit != null || since != null)) {
      throw usageError("--deactivate-missing needs the complete listing: it cannot be combined "
          + "with " + (limit != null ? "--limit" : "--since"));
    }
    Settings settings = settings();
    if (settings.store().equals("memory") && !dryRun) {
      err().println(Main.PROGRAM + ": note: the memory store keeps nothing once this command "
          + "ends; set USER_RESOLVER_STORE to neo4j or atlas to keep the users");
    }
    SyncOutput output = new SyncOutput(mode(), out(), err(), dryRun, width());
    UserSync sync = build(settings, output);
    Thread runner = Thread.currentThread();
    CountDownLatch ended = new CountDownLatch(1);
    Thread onCtrlC = new Thread(() -> {
      runner.interrupt();
      try {
        ended.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "user-resolver-sync-shutdown");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    SyncReport report = null;
    try {
      report = sync.run();
      output.finish(report);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.failure(e.getMessage());
    } finally {
      if (report == null) {
        output.abandon();
      }
      Thread.interrupted();
      ended.countDown();
      removeHook(onCtrlC);
    }
    return report.succeeded() ? ExitCode.OK : ExitCode.FAILURE;
  }

  private UserSync build(Settings settings, SyncOutput output) {
    UserSync.Builder builder = UserSync.builder().settings(settings).dryRun(dryRun)
        .listener(output);
    if (limit != null) {
      builder.limit(limit);
    }
    if (since != null) {
      builder.updatedSince(since);
    }
    if (deactivateMissing) {
      builder.deactivateMissing(allUsers ? UserSync.Scope.ALL_USERS
          : UserSync.Scope.WRITTEN_BY_USERRESOLVER);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /** The progress mode: auto is a bar on an interactive terminal, else lines. */
  private SyncOutput.Mode mode() {
    if (progress != SyncOutput.Mode.AUTO) {
      return progress;
    }
    boolean terminal = System.console() != null
        && !"dumb".equals(env().getOrDefault("TERM", ""));
    return terminal ? SyncOutput.Mode.BAR : SyncOutput.Mode.LINES;
  }

  /** The terminal's width, from {@code COLUMNS}, else {@value #DEFAULT_WIDTH}. */
  private int width() {
    Map<String, String> env = env();
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      return columns >= 40 ? columns - 1 : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down (Ctrl-C): the hook is running and waits for this sync
    }
  }

  /** Reads {@code --limit}: a whole number of at least 1. */
  static final class LimitConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        long parsed = Long.parseLong(value.trim());
        if (parsed >= 1) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("--limit needs a whole number of at least 1, found '"
          + value + "'");
    }
  }

  /**
   * Reads {@code --since}: an ISO-8601 instant ({@code 2026-01-31T08:00:00Z}), a date-time
   * with an offset ({@code 2026-01-31T09:00:00+01:00}), or a date (midnight UTC).
   */
  static final class SinceConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      String text = value.trim();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        // try the other forms
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        // try a date
      }
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("--since needs a time such as 2026-01-31T08:00:00Z "
            + "or a date such as 2026-01-31, found '" + value + "'");
      }
    }
  }

  /** Reads {@code --progress}: auto, bar, lines or none. */
  static final class ModeConverter implements ITypeConverter<SyncOutput.Mode> {
    @Override
    public SyncOutput.Mode convert(String value) {
      try {
        return SyncOutput.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("--progress needs auto, bar, lines or none, found '"
            + value + "'");
      }
    }
  }
}
