package org.userresolver.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.userresolver.SyncReport;

/**
 * The progress bar {@code user-resolver sync} shows on a terminal, drawn by the progressbar
 * library (me.tongfei:progressbar) on standard error, redrawn in place: percent, count, elapsed
 * time and ETA where the total is known, and the rate in users per second. Not thread-safe:
 * {@link SyncOutput} calls it under its lock.
 */
final class SyncBar {
  private final PrintWriter err;
  private final int width;
  private final boolean dryRun;
  private ProgressBar bar;
  private String note = "";

  SyncBar(PrintWriter err, int width, boolean dryRun) {
    this.err = err;
    this.width = width;
    this.dryRun = dryRun;
  }

  /** The bar, started at the first report, so its clock and rate are the sync's own. */
  private ProgressBar bar(long total) {
    if (bar == null) {
      bar = new ProgressBarBuilder()
          .setTaskName(dryRun ? "sync (dry run)" : "sync")
          .setInitialMax(total)
          .setUnit(" users", 1)
          .showSpeed()
          .setSpeedUnit(ChronoUnit.SECONDS)
          .setStyle(ProgressBarStyle.UNICODE_BLOCK)
          .setUpdateIntervalMillis(250)
          .continuousUpdate()
          .setConsumer(new Consumer(err, width))
          .build();
      bar.setExtraMessage(note);
    }
    return bar;
  }

  /** Moves the bar to the users done so far; sets its total when known. */
  void show(SyncReport soFar) {
    long total = soFar.total().orElse(-1);
    ProgressBar progress = bar(total);
    if (total >= 0 && progress.getMax() != total) {
      progress.maxHint(total);
    }
    progress.stepTo(SyncOutput.processed(soFar));
    note = soFar.failed() + soFar.skipped() == 0 ? ""
        : " " + soFar.skipped() + " skipped, " + soFar.failed() + " failed";
    progress.setExtraMessage(note);
  }

  /** Shows a note, such as a rate-limit wait, after the bar until the next report. */
  void note(String text) {
    note = " " + text;
    if (bar != null) {
      bar.setExtraMessage(note);
    }
  }

  /** Draws the final state and ends the bar's line. */
  void close(SyncReport report) {
    long done = SyncOutput.processed(report);
    ProgressBar progress = bar(report.total().orElse(-1));
    if (report.stopReason().isEmpty()) {
      progress.maxHint(done);
    }
    progress.stepTo(done);
    progress.setExtraMessage(report.stopReason().map(reason -> " stopped").orElse(" done"));
    progress.close();
  }

  /** Ends the bar's line without a final state. */
  void abandon() {
    if (bar != null) {
      bar.close();
    }
  }

  /** Draws on a writer with a carriage return, at most the terminal's width. */
  private static final class Consumer implements ProgressBarConsumer {
    private final PrintWriter err;
    private final int width;

    Consumer(PrintWriter err, int width) {
      this.err = err;
      this.width = width;
    }

    @Override
    public int getMaxRenderedLength() {
      return width;
    }

    @Override
    public void accept(String rendered) {
      String line = rendered.length() > width ? rendered.substring(0, width) : rendered;
      err.print('\r' + line);
      err.flush();
    }

    @Override
    public void close() {
      err.println();
      err.flush();
    }
  }
}
