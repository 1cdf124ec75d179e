package org.userresolver.cli;

/** The exit codes of {@code user-resolver}. */
final class ExitCode {

  /** Everything worked. */
  static final int OK = 0;

  /** Invalid settings, a broken configuration, or a failed check. */
  static final int FAILURE = 1;

  /** Bad usage: an unknown command or option, a missing value, or an invalid user id. */
  static final int USAGE = 2;

  private ExitCode() {}
}
