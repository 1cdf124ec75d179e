package org.userresolver.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one command line asks for, parsed by {@link ArgumentParser}.
 *
 * @param action what to do
 * @param command the command, or {@code null} for top-level help and version
 * @param settingsFile the {@code --settings} file, or {@code null}
 * @param sets the {@code --set} values in order (a later one for the same name wins)
 * @param explain whether {@code --explain} was given
 * @param ids the user id arguments as given, {@code -} included
 */
record Arguments(Action action, Command command, String settingsFile, Map<String, String> sets,
    boolean explain, List<String> ids) {

  /** The id argument that stands for standard input. */
  static final String STDIN = "-";

  /** What the command line asks for. */
  enum Action {
    /** Print the top-level help. */
    TOP_HELP,
    /** Print the version. */
    VERSION,
    /** Print the help of {@link #command()}. */
    COMMAND_HELP,
    /** Run {@link #command()}. */
    RUN
  }

  Arguments {
    sets = Map.copyOf(sets);
    ids = List.copyOf(ids);
  }

  /** Arguments that only ask for the top-level help or the version. */
  static Arguments of(Action action) {
    return new Arguments(action, null, null, Map.of(), false, List.of());
  }

  /** Returns the {@code --settings} file, if one was given. */
  Optional<Path> settingsPath() {
    return Optional.ofNullable(settingsFile).map(Path::of);
  }
}
