package org.userresolver.cli;

import org.userresolver.Check;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import picocli.CommandLine.Command;

/**
 * {@code user-resolver check}: verifies the settings, builds the chain, then runs every
 * {@link Check} of the provider and store, printing {@code OK   step: detail} or
 * {@code FAIL step: reason} for each. Stops at the first of the first two steps that fails.
 */
@Command(name = "check",
    customSynopsis = "user-resolver check [--settings FILE] [--set NAME=VALUE]...",
    description = {
        "Verifies a configuration end to end.",
        "",
        "Prints one line per step, \"OK   step: detail\" or \"FAIL step: reason\": the "
            + "settings, building the provider and store, then each check the provider and "
            + "store define (discovery document, token, connectivity, ...)."},
    exitCodeList = {
        "0:every step passed",
        "1:a step failed",
        "2:bad usage"})
final class CheckCommand extends ChainCommand {

  /**
   * Runs the checks.
   *
   * @return {@link ExitCode#OK} when every step passed, else {@link ExitCode#FAILURE}
   */
  @Override
  public Integer call() {
    Settings settings;
    try {
      settings = settings();
    } catch (CliException e) {
      return fail("settings", e.getMessage());
    }
    ok("settings", settings.toString());
    UserResolver resolver;
    try {
      resolver = chain(settings, null);
    } catch (CliException e) {
      return fail("chain", e.getMessage());
    }
    try (resolver) {
      ok("chain", "provider " + settings.provider().orElse("(none)") + ", store "
          + settings.store());
      boolean passed = true;
      for (Check check : resolver.checks()) {
        Check.Result result = check.run();
        print(result.ok(), result.name(), result.detail());
        passed &= result.ok();
      }
      return passed ? ExitCode.OK : ExitCode.FAILURE;
    }
  }

  private void ok(String step, String detail) {
    print(true, step, detail);
  }

  private int fail(String step, String reason) {
    print(false, step, reason);
    return ExitCode.FAILURE;
  }

  private void print(boolean ok, String step, String detail) {
    String line = (ok ? "OK   " : "FAIL ") + oneLine(step);
    String text = oneLine(detail);
    out().println(text.isEmpty() ? line : line + ": " + text);
  }

  /** Joins a multi-line message (such as the list of invalid settings) into one line. */
  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
