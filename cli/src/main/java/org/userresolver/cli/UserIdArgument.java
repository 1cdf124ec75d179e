package org.userresolver.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One user id to resolve and where it was given, for error messages.
 *
 * @param id the id as given
 * @param origin where it was given, for example {@code position 2} or {@code stdin line 4}
 * @param unreadable why the line that should hold the id could not be read as text, or
 *     {@code null}
 */
record UserIdArgument(String id, String origin, String unreadable) {

  /** The id argument that stands for standard input. */
  static final String STDIN = "-";

  /** An id that was read. */
  UserIdArgument(String id, String origin) {
    this(id, origin, null);
  }

  /**
   * Expands the id arguments into ids: each argument is an id, except {@code -}, which stands
   * for the ids on standard input, one per line, blank lines skipped.
   *
   * @param arguments the id arguments as given
   * @param stdin standard input, read as UTF-8 when {@code -} is among the arguments
   * @return the ids, in order; a line that is not UTF-8 text is an id whose {@link #problem()}
   *     says so (replacing its bytes would send an id nobody gave)
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

  /** Reads the lines of standard input (ended by LF, CRLF or CR), each decoded strictly. */
  private static List<UserIdArgument> readStdin(InputStream stdin) {
    byte[] bytes;
    try {
      bytes = stdin.readAllBytes();
    } catch (IOException e) {
      throw CliException.failure("cannot read user ids from standard input: " + e.getMessage());
    }
    List<UserIdArgument> ids = new ArrayList<>();
    int number = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      number++;
      String origin = "stdin line " + number;
      try {
        String line = StandardCharsets.UTF_8.newDecoder()
            .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        if (!line.isBlank()) {
          ids.add(new UserIdArgument(line, origin));
        }
      } catch (CharacterCodingException e) {
        ids.add(new UserIdArgument("", origin, "not UTF-8 text"));
      }
      start = end + (end + 1 < bytes.length && bytes[end] == '\r' && bytes[end + 1] == '\n'
          ? 2 : 1);
    }
    return ids;
  }

  /** Returns the error line for this id when it is invalid. */
  Optional<String> problem() {
    if (unreadable != null) {
      return Optional.of("invalid user id at " + origin + ": " + unreadable);
    }
    return UserIds.problem(id).map(problem ->
        "invalid user id at " + origin + " (" + UserIds.shown(id) + "): " + problem);
  }
}
