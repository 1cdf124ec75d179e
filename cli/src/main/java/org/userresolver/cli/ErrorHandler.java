package org.userresolver.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code user-resolver} reports errors: a message on stderr starting with
 * {@code user-resolver: }; never a stack trace for an expected error; never the value of an
 * unknown option nor a {@code --set} argument that may hold a secret.
 *
 * <ul>
 *   <li>Bad usage (picocli's {@link ParameterException}, whether from parsing or thrown by a
 *       command): the message in the command's own words, then the short usage of the command
 *       it concerns; exit code 2. But when {@code -h} or {@code --help} comes before
 *       {@code --}, the help wins over every other problem: that command's help on stdout,
 *       exit code 0.
 *   <li>An expected failure ({@link CliException}): its message; its exit code.
 *   <li>Anything else is a bug: "internal error, please report it" with the stack trace;
 *       exit code 1.
 * </ul>
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    if (asksForHelp(args)) {
      e.getCommandLine().usage(e.getCommandLine().getOut());
      return ExitCode.OK;
    }
    Optional<CommandLine> unknown = withUnknownArgument(e.getCommandLine());
    CommandLine command = unknown.orElse(e.getCommandLine());
    PrintWriter err = command.getErr();
    err.println(Main.PROGRAM + ": " + unknown
        .map(c -> unknown(c, c.getUnmatchedArguments().get(0)))
        .orElseGet(() -> message(e)));
    err.print(shortUsage(command));
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof CliException failure) {
      err.println(Main.PROGRAM + ": " + failure.getMessage());
      return failure.exitCode();
    }
    err.println(Main.PROGRAM + ": internal error, please report it: " + e);
    e.printStackTrace(err);
    return ExitCode.FAILURE;
  }

  private static boolean asksForHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the outermost command that was given an unknown argument. Picocli reports those
   * only after parsing a command and its subcommand, but they come first on the command line,
   * and a problem is reported in the order of the arguments.
   */
  private static Optional<CommandLine> withUnknownArgument(CommandLine command) {
    Optional<CommandLine> found = Optional.empty();
    for (CommandLine c = command; c != null; c = c.getParent()) {
      if (!c.getUnmatchedArguments().isEmpty()) {
        found = Optional.of(c);
      }
    }
    return found;
  }

  /**
   * Says what was wrong: our converters' messages (they name the option and hide secrets), a
   * short one of ours for a missing value, else picocli's, which names the option.
   */
  private static String message(ParameterException e) {
    if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() != null
        && e.getArgSpec().converters().length > 0) {
      return conversion.getMessage(); // our converters name the option and hide secrets
    }
    if (e instanceof MissingParameterException missing) {
      return missing(e.getCommandLine().getCommandName(), missing.getMissing().get(0));
    }
    return e.getMessage();
  }

  private static String unknown(CommandLine command, String arg) {
    boolean top = command.getParent() == null;
    String name = command.getCommandName();
    if (arg.startsWith("-") && !arg.equals(UserIdArgument.STDIN)) {
      return (top ? "unknown option: " : "unknown option for " + name + ": ") + optionName(arg);
    }
    return top ? "unknown command: " + arg : name + " takes no arguments, found '" + arg + "'";
  }

  private static String missing(String command, ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return option.longestName() + " needs " + arg.paramLabel();
    }
    return command + " needs " + (arg.isMultiValue() ? "at least one " : "") + arg.paramLabel();
  }

  /** Returns an option as typed, without an attached {@code =value}, which may be a secret. */
  private static String optionName(String arg) {
    int equals = arg.indexOf('=');
    return arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
  }

  /**
   * Returns the short usage printed after a usage error: the command's synopsis, its
   * subcommands if it has any, and where to find more.
   */
  private static String shortUsage(CommandLine command) {
    CommandLine.Help help = command.getHelp();
    StringBuilder text = new StringBuilder(help.synopsisHeading())
        .append(help.synopsis(help.synopsisHeadingLength()));
    if (!command.getSubcommands().isEmpty()) {
      text.append("Commands: ").append(String.join(", ", command.getSubcommands().keySet()))
          .append(System.lineSeparator());
    }
    return text.append("Run '").append(command.getCommandSpec().qualifiedName())
        .append(" --help' for more.").append(System.lineSeparator()).toString();
  }
}
