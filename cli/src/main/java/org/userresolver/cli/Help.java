package org.userresolver.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The help texts: the full ones for {@code --help}, the short usage for errors. */
final class Help {

  private static final String SETTINGS = """
      Settings come from environment variables and system properties, then the --settings
      file, then --set (each wins over the ones before). The main ones:
        USER_RESOLVER_PROVIDER   okta, google, keycloak or file (required)
        USER_RESOLVER_STORE      neo4j, atlas, memory or none (default memory)
        USER_RESOLVER_FILE       the JSON users file of the file provider
      plus each provider's and store's own (FLASK_OIDC_*, OKTA_*, NEO4J_*, ATLAS_*, ...).
      Secrets are never printed. Log level: -Dorg.slf4j.simpleLogger.defaultLogLevel=debug
      """;

  private Help() {}

  /** Returns the top-level help. */
  static String top() {
    String commands = Arrays.stream(Command.values())
        .map(c -> "  " + c.usage())
        .collect(Collectors.joining("\n"));
    return """
        Usage: user-resolver [-h | --help] [--version] COMMAND [OPTIONS]

        Turns user ids (usually emails) into Amundsen user profiles: the metadata store
        first, the identity provider second, a minimal {email, user_id} record last.

        Commands:
        %s

        Options:
          -h, --help   show this help; after a command, that command's help
          --version    print the version

        %s
        Run 'user-resolver COMMAND --help' for a command's options.
        Exit codes: 0 success, 1 invalid settings, broken configuration or failed check,
        2 bad usage.
        """.formatted(commands, SETTINGS.strip());
  }

  /** Returns a command's help. */
  static String of(Command command) {
    return """
        Usage: %s

        %s
        %s
        Exit codes: %s.
        """.formatted(command.usage(), command.description(), SETTINGS, command.exitCodes());
  }

  /** Returns the short usage printed after a usage error, for a command or the top level. */
  static String shortUsage(Command command) {
    if (command != null) {
      return "Usage: " + command.usage() + "\n"
          + "Run 'user-resolver " + command.commandName() + " --help' for more.";
    }
    return "Usage: user-resolver [-h | --help] [--version] COMMAND [OPTIONS]\n"
        + "Commands: " + Arrays.stream(Command.values()).map(Command::commandName)
            .collect(Collectors.joining(", ")) + "\n"
        + "Run 'user-resolver --help' for more.";
  }
}
