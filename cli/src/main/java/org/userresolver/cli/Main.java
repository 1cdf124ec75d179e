package org.userresolver.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

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
    ErrorHandler errors = new ErrorHandler();
    CommandLine commandLine = new CommandLine(new UserResolverCommand(in, env))
        .setOut(writer(out))
        .setErr(writer(err))
        .setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF))
        .setExpandAtFiles(false)
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors)
        .setExecutionStrategy(Main::execute);
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Runs the last command given, after rejecting {@code --version} with anything after it
   * (picocli would print the version and ignore the rest).
   */
  private static int execute(ParseResult parsed) {
    if (parsed.isVersionHelpRequested() && !parsed.isUsageHelpRequested()) {
      String extra = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name()
          : parsed.unmatched().stream().findFirst().orElse(null);
      if (extra != null) {
        throw new ParameterException(parsed.commandSpec().commandLine(),
            "--version takes no arguments, found '" + extra + "'");
      }
    }
    return new RunLast().execute(parsed);
  }

  /** Writes through a print stream, so text is encoded in that stream's charset. */
  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) {
        stream.append(CharBuffer.wrap(chars, offset, length));
      }

      @Override
      public void flush() {
        stream.flush();
      }

      @Override
      public void close() {
        stream.flush();
      }
    }, true);
  }
}
