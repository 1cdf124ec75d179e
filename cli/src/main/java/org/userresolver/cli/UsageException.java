package org.userresolver.cli;

import java.util.Optional;

/**
 * Bad usage of the command line: printed with the short usage of the command it concerns, exit
 * code {@link ExitCode#USAGE}.
 */
final class UsageException extends CliException {
  private static final long serialVersionUID = 1L;

  private final transient Command command;

  /**
   * Creates the exception.
   *
   * @param command the command whose usage to show, or {@code null} for the top level
   * @param message what was wrong
   */
  UsageException(Command command, String message) {
    super(ExitCode.USAGE, message);
    this.command = command;
  }

  Optional<Command> command() {
    return Optional.ofNullable(command);
  }
}
