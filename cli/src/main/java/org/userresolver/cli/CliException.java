package org.userresolver.cli;

/**
 * An expected failure of the command: its message is printed on stderr, without a stack
 * trace, and the command exits with its code.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A failure of the settings or configuration, exit code {@link ExitCode#FAILURE}. */
  static CliException failure(String message) {
    return new CliException(ExitCode.FAILURE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
