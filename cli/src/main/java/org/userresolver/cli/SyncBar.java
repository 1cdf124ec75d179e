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
  private final ProgressBar bar;

  SyncBar(PrintWriter err, int width, boolean dryRun) {
    this.bar = new ProgressBarBuilder()
        .setTaskName(dryRun ? "sync (dry run)" : "sync")
        .setInitialMax(-1)
        .setUnit(" users", 1)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .setStyle(ProgressBarStyle.UNICODE_BLOCK)
        .setUpdateIntervalMillis(250)
        .continuousUpdate()
        .setConsumer(new Consumer(err, width))
        .build();
  }

  /** Moves the bar to the report's count; sets its total when known. */
  void show(SyncReport soFar) {
    soFar.total().ifPresent(total -> {
      if (bar.getMax() != total) {
        bar.maxHint(total);
      }
    });
    bar.stepTo(SyncOutput.processed(soFar));
    bar.setExtraMessage(soFar.failed() + soFar.skipped() == 0 ? ""
        : soFar.skipped() + " skipped, " + soFar.failed() + " failed");
  }

  /** Shows a note, such as a rate-limit wait, after the bar until the next report. */
  void note(String text) {
    bar.setExtraMessage(text);
  }

  /** Draws the final state and ends the bar's line. */
  void close(SyncReport report) {
    long done = SyncOutput.processed(report);
    if (report.stopReason().isEmpty()) {
      bar.maxHint(done);
    }
    bar.stepTo(done);
    bar.setExtraMessage(report.stopReason().map(reason -> "stopped").orElse("done"));
    bar.close();
  }

  /** Ends the bar's line without a final state. */
  void abandon() {
    bar.close();
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
