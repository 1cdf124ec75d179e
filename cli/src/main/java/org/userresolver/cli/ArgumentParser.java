package org.userresolver.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.userresolver.Settings;

/**
 * Parses {@code user-resolver}'s command line: {@code [--help | --version]} or
 * {@code COMMAND [OPTIONS] [ARGS]}. Options may come before, between or after the arguments;
 * {@code --name=value} and {@code --name value} are both accepted; {@code --} ends the
 * options. {@code -h}/{@code --help} anywhere before {@code --} wins over every other problem.
 */
final class ArgumentParser {
  private static final String END_OF_OPTIONS = "--";

  private final Command command;
  private String settingsFile;
  private final Map<String, String> sets = new LinkedHashMap<>();
  private boolean explain;
  private final List<String> positional = new ArrayList<>();

  private ArgumentParser(Command command) {
    this.command = command;
  }

  /**
   * Parses a command line.
   *
   * @param args the arguments after the program name
   * @return what they ask for
   * @throws UsageException when they are not a valid command line
   */
  static Arguments parse(String... args) {
    if (args.length == 0) {
      throw new UsageException(null, "missing command");
    }
    String first = args[0];
    if (isHelp(first)) {
      return Arguments.of(Arguments.Action.TOP_HELP);
    }
    if (first.equals("--version")) {
      if (args.length > 1) {
        throw new UsageException(null, "--version takes no arguments, found '" + args[1] + "'");
      }
      return Arguments.of(Arguments.Action.VERSION);
    }
    if (first.startsWith("-")) {
      throw new UsageException(null, "unknown option: " + first);
    }
    Command command = Command.named(first)
        .orElseThrow(() -> new UsageException(null, "unknown command: " + first));
    List<String> rest = List.of(args).subList(1, args.length);
    if (asksForHelp(rest)) {
      return new Arguments(Arguments.Action.COMMAND_HELP, command, null, Map.of(), false,
          List.of());
    }
    return new ArgumentParser(command).parseCommand(rest);
  }

  private static boolean isHelp(String arg) {
    return arg.equals("-h") || arg.equals("--help");
  }

  private static boolean asksForHelp(List<String> args) {
    for (String arg : args) {
      if (arg.equals(END_OF_OPTIONS)) {
        return false;
      }
      if (isHelp(arg)) {
        return true;
      }
    }
    return false;
  }

  private Arguments parseCommand(List<String> args) {
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (options && arg.equals(END_OF_OPTIONS)) {
        options = false;
      } else if (options && arg.startsWith("-") && !arg.equals(Arguments.STDIN)) {
        i = option(args, i);
      } else {
        positional.add(arg);
      }
    }
    checkArguments();
    return new Arguments(Arguments.Action.RUN, command, settingsFile, sets, explain, positional);
  }

  /** Reads the option at {@code i} and its value; returns the index of its last argument. */
  private int option(List<String> args, int i) {
    String arg = args.get(i);
    int equals = arg.indexOf('=');
    String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
    String inline = name.equals(arg) ? null : arg.substring(equals + 1);
    switch (name) {
      case "--explain" -> {
        if (command != Command.RESOLVE) {
          throw unknownOption(arg);
        }
        if (inline != null) {
          throw new UsageException(command, "--explain takes no value, found '" + arg + "'");
        }
        explain = true;
        return i;
      }
      case "--settings" -> {
        if (settingsFile != null) {
          throw new UsageException(command, "--settings may be given once");
        }
        settingsFile = inline != null ? inline : next(args, i, "--settings needs a FILE");
        if (settingsFile.isBlank()) {
          throw new UsageException(command, "--settings needs a FILE, found an empty name");
        }
        return inline != null ? i : i + 1;
      }
      case "--set" -> {
        set(inline != null ? inline : next(args, i, "--set needs NAME=VALUE"));
        return inline != null ? i : i + 1;
      }
      default -> throw unknownOption(arg);
    }
  }

  private String next(List<String> args, int i, String missing) {
    if (i + 1 >= args.size()) {
      throw new UsageException(command, missing);
    }
    return args.get(i + 1);
  }

  private void set(String assignment) {
    int equals = assignment.indexOf('=');
    if (equals < 0) {
      String shown = Settings.isSecret(assignment) ? "a value (hidden)" : "'" + assignment + "'";
      throw new UsageException(command, "--set needs NAME=VALUE, found " + shown);
    }
    String name = assignment.substring(0, equals).strip();
    if (name.isEmpty()) {
      throw new UsageException(command, "--set needs NAME=VALUE, found no NAME before '='");
    }
    sets.remove(name);
    sets.put(name, assignment.substring(equals + 1));
  }

  private UsageException unknownOption(String arg) {
    int equals = arg.indexOf('=');
    String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
    return new UsageException(command, "unknown option for " + command.commandName() + ": "
        + name);
  }

  private void checkArguments() {
    switch (command) {
      case RESOLVE -> {
        if (positional.isEmpty()) {
          throw new UsageException(command,
              "resolve needs at least one user id, or - to read them from standard input");
        }
        if (positional.stream().filter(Arguments.STDIN::equals).count() > 1) {
          throw new UsageException(command, "- (standard input) may be given once");
        }
      }
      case CHECK -> {
        if (!positional.isEmpty()) {
          throw new UsageException(command,
              "check takes no arguments, found '" + positional.get(0) + "'");
        }
      }
    }
  }
}
