package org.userresolver.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One user id to resolve and where it was given, for error messages.
 *
 * @param id the id as given
 * @param origin where it was given, for example {@code position 2} or {@code stdin line 4}
 */
record UserIdArgument(String id, String origin) {

  /** The id argument that stands for standard input. */
  static final String STDIN = "-";

  /**
   * Expands the id arguments into ids: each argument is an id, except {@code -}, which stands
   * for the ids on standard input, one per line, blank lines skipped.
   *
   * @param arguments the id arguments as given
   * @param stdin standard input, read as UTF-8 when {@code -} is among the arguments
   * @return the ids, in order
   * @throws CliException when standard input cannot be read
   */
  static List<UserIdArgument> expand(List<String> arguments, InputStream stdin) {
    List<UserIdArgument> ids = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals(STDIN)) {
        ids.addAll(readStdin(stdin));
      } else {
        ids.add(new UserIdArgument(argument, "position " + (i + 1)));
      }
    }
    return ids;
  }

  private static List<UserIdArgument> readStdin(InputStream stdin) {
    List<UserIdArgument> ids = new ArrayList<>();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    try {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (!line.isBlank()) {
          ids.add(new UserIdArgument(line, "stdin line " + number));
        }
      }
    } catch (IOException e) {
      throw CliException.failure("cannot read user ids from standard input: " + e.getMessage());
    }
    return ids;
  }

  /** Returns the error line for this id when it is invalid. */
  Optional<String> problem() {
    return UserIds.problem(id).map(problem ->
        "invalid user id at " + origin + " (" + UserIds.shown(id) + "): " + problem);
  }
}
