package org.userresolver.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The {@code user-resolver} command: {@code resolve} prints the Amundsen profile of user ids,
 * {@code check} verifies a configuration end to end.
 *
 * <pre>{@code
 * java -jar user-resolver.jar resolve --settings examples/settings.properties ada@example.com
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 invalid settings, broken configuration or a failed check, 2 bad
 * usage. Expected errors are one message on stderr, never a stack trace; secrets are never
 * printed.
 */
public final class Main {

  /** The program's name, as messages start with it. */
  static final String PROGRAM = "user-resolver";

  private Main() {}

  /**
   * Runs the command with the process's streams and environment, and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, System.in, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command and returns its exit code instead of exiting; the whole command, for
   * tests and for embedding.
   *
   * @param args the command line, after the program name
   * @param in standard input, read for the {@code -} id
   * @param out standard output: profiles, check lines, help and version
   * @param err standard error: error messages and {@code --explain} lines
   * @param env the environment variables settings are read from (system properties, the
   *     settings file and {@code --set} win over them)
   * @return the exit code: 0 success, 1 failure, 2 bad usage
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      Map<String, String> env) {
    try {
      return dispatch(ArgumentParser.parse(args), in, out, err, env);
    } catch (UsageException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      err.println(Help.shortUsage(e.command().orElse(null)));
      return e.exitCode();
    } catch (CliException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      return e.exitCode();
    } catch (RuntimeException e) {
      err.println(PROGRAM + ": internal error, please report it: " + e);
      e.printStackTrace(err);
      return ExitCode.FAILURE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int dispatch(Arguments arguments, InputStream in, PrintStream out,
      PrintStream err, Map<String, String> env) {
    switch (arguments.action()) {
      case TOP_HELP -> {
        out.print(Help.top());
        return ExitCode.OK;
      }
      case VERSION -> {
        out.println(PROGRAM + " " + Version.current());
        return ExitCode.OK;
      }
      case COMMAND_HELP -> {
        out.print(Help.of(arguments.command()));
        return ExitCode.OK;
      }
      default -> {
        return switch (arguments.command()) {
          case RESOLVE -> ResolveCommand.run(arguments, in, out, err, env);
          case CHECK -> CheckCommand.run(arguments, out, env);
        };
      }
    }
  }
}
