package org.userresolver.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import org.userresolver.SyncReport;
import org.userresolver.SyncReport.Change;
import org.userresolver.UserSync;

/**
 * What {@code user-resolver sync} prints while it runs and at its end: a dry run's changes on
 * stdout ({@code would create ...}); progress on stderr, as a bar on a terminal
 * ({@link SyncBar}) or a plain line every {@value #LINE_EVERY_USERS} users or
 * {@value #LINE_EVERY_SECONDS} seconds elsewhere ({@link #line}); skipped and failed users on
 * stderr by id, as they come (after the bar, on a terminal); and one summary line on stdout.
 * Thread-safe: the sync calls it one call at a time, from its threads.
 */
final class SyncOutput implements UserSync.Listener {
  /** Users between two progress lines. */
  static final long LINE_EVERY_USERS = 10_000;
  /** Seconds between two progress lines. */
  static final long LINE_EVERY_SECONDS = 10;

  /** How progress is shown. */
  enum Mode {
    /** A bar on a terminal, lines elsewhere. */
    AUTO,
    /** A progress bar, redrawn in place. */
    BAR,
    /** A line every so many users or seconds. */
    LINES,
    /** No progress; changes, problems and the summary still. */
    NONE
  }

  private final Mode mode;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean dryRun;
  private final SyncBar bar;
  private long nextLineAt = LINE_EVERY_USERS;
  private long lastLine = System.nanoTime();

  /**
   * Creates the output.
   *
   * @param mode how to show progress; {@link Mode#AUTO} decided already
   * @param out standard output
   * @param err standard error
   * @param dryRun whether changes are printed as what would happen
   * @param width the terminal's width, for the bar
   */
  SyncOutput(Mode mode, PrintWriter out, PrintWriter err, boolean dryRun, int width) {
    this.mode = mode;
    this.out = out;
    this.err = err;
    this.dryRun = dryRun;
    this.bar = mode == Mode.BAR ? new SyncBar(err, width, dryRun) : null;
  }

  @Override
  public synchronized void onProgress(SyncReport soFar) {
    if (bar != null) {
      bar.show(soFar);
    } else if (mode == Mode.LINES && !soFar.finished()) {
      long now = System.nanoTime();
      long done = processed(soFar);
      if (done >= nextLineAt || now - lastLine >= LINE_EVERY_SECONDS * 1_000_000_000L) {
        err.println(line(soFar));
        err.flush();
        lastLine = now;
        nextLineAt = (done / LINE_EVERY_USERS + 1) * LINE_EVERY_USERS;
      }
    }
  }

  @Override
  public synchronized void onChange(Change change) {
    switch (change.kind()) {
      case SKIP, FAIL -> {
        if (bar == null) {
          err.println(problem(change));
          err.flush();
        }
      }
      default -> {
        if (dryRun) {
          out.println(printable("would " + change));
          out.flush();
        }
      }
    }
  }

  @Override
  public synchronized void onWait(Duration wait, String reason) {
    String text = printable(String.format(Locale.ROOT, "waiting %.1f s: %s",
        wait.toMillis() / 1000.0, reason));
    if (bar != null) {
      bar.note(text);
    } else if (mode != Mode.NONE) {
      err.println("sync: " + text);
      err.flush();
    }
  }

  /** Ends the output: closes the bar, prints the problems it held back, and the summary. */
  synchronized void finish(SyncReport report) {
    if (bar != null) {
      bar.close(report);
      for (Change problem : report.problems()) {
        err.println(problem(problem));
      }
      long unnamed = report.skipped() + report.failed() - report.problems().size();
      if (unnamed > 0) {
        err.println("... and " + unnamed + " more skipped or failed users");
      }
      err.flush();
    }
    out.println(printable(report.summary()));
    out.flush();
  }

  /** Closes the bar of a sync that ended without a report. */
  synchronized void abandon() {
    if (bar != null) {
      bar.abandon();
    }
  }

  /**
   * One progress line: {@code sync: 20,000 of 44,000 users synced (45%), 1,234 users/s, ETA
   * 0:00:19 (created 3, updated 1, unchanged 19,996, skipped 0, failed 0)}; without a total,
   * {@code sync: 20,000 users synced, 1,234 users/s (...)}.
   */
  static String line(SyncReport soFar) {
    long done = processed(soFar);
    double seconds = soFar.elapsed().toNanos() / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "sync: %,d", done));
    OptionalLong total = soFar.total();
    if (total.isPresent() && total.getAsLong() > 0) {
      text.append(String.format(Locale.ROOT, " of %,d users synced (%.0f%%), %,.0f users/s",
          total.getAsLong(), 100.0 * done / total.getAsLong(), rate));
      if (rate > 0 && total.getAsLong() > done) {
        long left = Math.round((total.getAsLong() - done) / rate);
        text.append(String.format(Locale.ROOT, ", ETA %d:%02d:%02d", left / 3600,
            left / 60 % 60, left % 60));
      }
    } else {
      text.append(String.format(Locale.ROOT, " users synced, %,.0f users/s", rate));
    }
    return text.append(String.format(Locale.ROOT, " (created %,d, updated %,d, unchanged %,d, "
            + "skipped %,d, failed %,d)", soFar.created(), soFar.updated(), soFar.unchanged(),
        soFar.skipped(), soFar.failed())).toString();
  }

  /** The users the sync is done with: written, found unchanged, skipped or failed. */
  static long processed(SyncReport soFar) {
    return soFar.created() + soFar.updated() + soFar.unchanged() + soFar.skipped()
        + soFar.failed();
  }

  private static String problem(Change change) {
    return printable((change.kind() == Change.Kind.SKIP ? "skipped " : "failed ")
        + change.userId() + ": " + change.detail());
  }

  /**
   * The text with control characters shown as {@code \\uXXXX}: an id or a message from a
   * provider never moves the terminal's cursor or rings its bell.
   */
  static String printable(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        shown.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }
}
