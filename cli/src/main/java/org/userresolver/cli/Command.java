package org.userresolver.cli;

import java.util.Arrays;
import java.util.Optional;

/** The commands of {@code user-resolver}, with their usage lines and help texts. */
enum Command {

  /** Prints the profile of each user id. */
  RESOLVE("resolve",
      "user-resolver resolve [--explain] [--settings FILE] [--set NAME=VALUE]... ID... | -",
      """
      Prints the profile of each user id, one JSON object per line in Amundsen's UserSchema
      shape, in the order given. The metadata store is asked first, the identity provider
      second; a user nobody knows still gets a line, the minimal {email, user_id} record.
      An id of - reads ids from standard input, one per line; blank lines are skipped.
      Every id is checked first: if one is invalid (blank, control characters, more than
      320 characters) nothing is resolved.

      Options:
        --explain           also print on stderr, per id, where the answer came from
                            (cache, store, provider or fallback) and why
        --settings FILE     read settings from a .properties file
        --set NAME=VALUE    set one setting; repeatable
        -h, --help          show this help
        --                  end of options: every later argument is a user id
      """,
      "0 every id answered, 1 invalid settings or configuration, 2 bad usage or an invalid id"),

  /** Verifies a configuration end to end. */
  CHECK("check",
      "user-resolver check [--settings FILE] [--set NAME=VALUE]...",
      """
      Verifies a configuration end to end and prints one line per step, "OK   step: detail"
      or "FAIL step: reason": the settings, building the provider and store, then each
      check the provider and store define (discovery document, token, connectivity, ...).

      Options:
        --settings FILE     read settings from a .properties file
        --set NAME=VALUE    set one setting; repeatable
        -h, --help          show this help
      """,
      "0 every step passed, 1 a step failed, 2 bad usage");

  private final String commandName;
  private final String usage;
  private final String description;
  private final String exitCodes;

  Command(String commandName, String usage, String description, String exitCodes) {
    this.commandName = commandName;
    this.usage = usage;
    this.description = description;
    this.exitCodes = exitCodes;
  }

  /** Returns the command with this name, as typed on the command line. */
  static Optional<Command> named(String name) {
    return Arrays.stream(values()).filter(c -> c.commandName.equals(name)).findFirst();
  }

  /** Returns the name typed on the command line, for example {@code resolve}. */
  String commandName() {
    return commandName;
  }

  /** Returns the one-line synopsis. */
  String usage() {
    return usage;
  }

  /** Returns what the command does and its options, several lines. */
  String description() {
    return description;
  }

  /** Returns the exit codes, one line. */
  String exitCodes() {
    return exitCodes;
  }
}
