package org.userresolver.cli;

import java.io.PrintStream;
import java.util.Map;
import org.userresolver.Check;
import org.userresolver.Settings;
import org.userresolver.UserResolver;

/**
 * {@code user-resolver check}: verifies the settings, builds the chain, then runs every
 * {@link Check} of the provider and store, printing {@code OK   step: detail} or
 * {@code FAIL step: reason} for each. Stops at the first of the first two steps that fails.
 */
final class CheckCommand {

  private CheckCommand() {}

  /**
   * Runs the command.
   *
   * @return {@link ExitCode#OK} when every step passed, else {@link ExitCode#FAILURE}
   */
  static int run(Arguments arguments, PrintStream out, Map<String, String> env) {
    Settings settings;
    try {
      settings = SettingsLoader.load(arguments, env);
    } catch (CliException e) {
      return fail(out, "settings", e.getMessage());
    }
    ok(out, "settings", settings.toString());
    UserResolver resolver;
    try {
      resolver = Chains.build(settings, null);
    } catch (CliException e) {
      return fail(out, "chain", e.getMessage());
    }
    try (resolver) {
      ok(out, "chain", Chains.describe(settings));
      boolean passed = true;
      for (Check check : resolver.checks()) {
        Check.Result result = check.run();
        print(out, result.ok(), result.name(), result.detail());
        passed &= result.ok();
      }
      return passed ? ExitCode.OK : ExitCode.FAILURE;
    }
  }

  private static void ok(PrintStream out, String step, String detail) {
    print(out, true, step, detail);
  }

  private static int fail(PrintStream out, String step, String reason) {
    print(out, false, step, reason);
    return ExitCode.FAILURE;
  }

  private static void print(PrintStream out, boolean ok, String step, String detail) {
    String line = (ok ? "OK   " : "FAIL ") + oneLine(step);
    String text = oneLine(detail);
    out.println(text.isEmpty() ? line : line + ": " + text);
  }

  /** Joins a multi-line message (such as the list of invalid settings) into one line. */
  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
