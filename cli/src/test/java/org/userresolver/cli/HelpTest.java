package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help}, each command's help, the short usage and {@code --version}. */
final class HelpTest {

  private static final String TOP_HELP = """
      Usage: user-resolver [-h | --help] [--version] COMMAND [OPTIONS]

      Turns user ids (usually emails) into Amundsen user profiles: the metadata store
      first, the identity provider second, a minimal {email, user_id} record last.

      Options:
        -h, --help      show this help; after a command, that command's help
            --version   print the version

      Commands:
        resolve  Prints the profile of each user id, one JSON line each.
        check    Verifies a configuration end to end.
        serve    Serves user profiles over HTTP until SIGTERM or SIGINT.
        sync     Copies the identity provider's users into the store.

      Exit codes:
        0   success
        1   invalid settings, broken configuration or a failed check
        2   bad usage

      Run 'user-resolver COMMAND --help' for a command's options.

      Settings come from environment variables and system properties, then the
      --settings file, then --set (each wins over the ones before). The main ones:
        USER_RESOLVER_PROVIDER   okta, google, keycloak or file (required)
        USER_RESOLVER_STORE      neo4j, atlas, memory or none (default memory)
        USER_RESOLVER_FILE       the JSON users file of the file provider
      plus each provider's and store's own (FLASK_OIDC_*, OKTA_*, NEO4J_*, ATLAS_*,
      ...). Secrets are never printed.
      Log level: -Dorg.slf4j.simpleLogger.defaultLogLevel=debug
      """;

  private static final Map<String, String> SYNOPSES = Map.of(
      "resolve", """
          Usage: user-resolver resolve [--explain] [--settings FILE]
                                       [--set NAME=VALUE]... ID... | -
          """,
      "check", """
          Usage: user-resolver check [--settings FILE] [--set NAME=VALUE]...
          """,
      "serve", """
          Usage: user-resolver serve [--host HOST] [--port PORT] [--workers N] [--queue N]
                                     [--settings FILE] [--set NAME=VALUE]...
          """,
      "sync", """
          Usage: user-resolver sync [--settings FILE] [--set NAME=VALUE]...
                                    [--dry-run] [--limit N] [--since TIMESTAMP]
                                    [--deactivate-missing] [--all-users]
                                    [--progress MODE]
          """);

  private static String normalized(String text) {
    return text.replace("\r\n", "\n");
  }

  /** The command as Main builds it, for reading its model. */
  private static CommandLine commandLine() {
    return new CommandLine(new UserResolverCommand(new ByteArrayInputStream(new byte[0]),
        Map.of()));
  }

  @Test
  void help_printsTheTopLevelHelpOnStdout_andExits0() {
    for (String flag : List.of("-h", "--help")) {
      Cli.Result result = Cli.run(Map.of(), flag);

      assertEquals(0, result.code(), flag);
      assertEquals(TOP_HELP, normalized(result.out()), flag);
      assertEquals("", result.err(), flag);
    }
  }

  @Test
  void help_winsOverEveryOtherProblem_onTheTopLevel() {
    for (List<String> args : List.of(List.of("--help", "bogus"), List.of("--verbose", "-h"),
        List.of("--version", "--help"))) {
      Cli.Result result = Cli.run(Map.of(), args.toArray(String[]::new));

      assertEquals(0, result.code(), args + ": " + result.err());
      assertEquals(TOP_HELP, normalized(result.out()), args.toString());
      assertEquals("", result.err(), args.toString());
    }
  }

  @Test
  void commandHelp_printsSynopsisDescriptionOptionsExitCodesAndSettings_onStdout() {
    for (String command : List.of("resolve", "check", "serve", "sync")) {
      for (String flag : List.of("-h", "--help")) {
        Cli.Result result = Cli.run(Map.of(), command, flag);

        assertEquals(0, result.code(), command + " " + flag + ": " + result.err());
        assertEquals("", result.err());
        String out = normalized(result.out());
        assertTrue(out.startsWith(SYNOPSES.get(command) + "\n"), out);
        assertTrue(out.contains("\nOptions:\n"), out);
        for (OptionSpec option : commandLine().getSubcommands().get(command).getCommandSpec()
            .options()) {
          assertTrue(out.contains(option.longestName()), option.longestName() + ": " + out);
        }
        assertTrue(out.contains("\nExit codes:\n  0   "), out);
        assertTrue(out.contains("\n  2   bad usage"), out);
        assertTrue(out.endsWith("Log level: -Dorg.slf4j.simpleLogger.defaultLogLevel=debug\n"),
            out);
      }
    }
  }

  @Test
  void resolveHelp_explainsTheStdinIdAndDoubleDash() {
    String out = normalized(Cli.run(Map.of(), "resolve", "--help").out());

    assertTrue(out.contains("""
        Arguments:
              ID...              a user id, usually an email; - reads ids from standard
                                   input, one per line, blank lines skipped; after --,
                                   every argument is an id
        """), out);
    assertTrue(out.contains("""
              --explain          also print on stderr, per id, where the answer came
                                   from (cache, store, provider or fallback) and why
        """), out);
  }

  @Test
  void commandHelp_winsOverBadOptionsAndValues_beforeDoubleDash() {
    for (List<String> args : List.of(List.of("resolve", "--bogus", "-h"),
        List.of("check", "--set", "oops", "--help"), List.of("check", "--set", "--help"),
        List.of("resolve", "--settings=", "-h"), List.of("check", "ada@example.com", "-h"),
        List.of("resolve", "-", "-", "--help"))) {
      Cli.Result result = Cli.run(Map.of(), args.toArray(String[]::new));

      assertEquals(0, result.code(), args + ": " + result.err());
      assertTrue(normalized(result.out()).startsWith(SYNOPSES.get(args.get(0))),
          args + ": " + result.out());
      assertEquals("", result.err(), args.toString());
    }
  }

  @Test
  void synopsis_namesEveryOptionOfItsCommand_butHelp() {
    commandLine().getSubcommands().forEach((name, command) -> {
      String synopsis = String.join("\n", command.getCommandSpec().usageMessage()
          .customSynopsis());
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (!option.usageHelp()) {
          assertTrue(synopsis.contains("[" + option.longestName() + (option.arity().max() > 0
              ? " " + option.paramLabel() : "") + "]"), name + ": " + option.longestName());
        }
      }
    });
  }

  @Test
  void everyCommand_hasASynopsisInTheseTests_andOneLineInTheCommandList() {
    assertEquals(SYNOPSES.keySet(), commandLine().getSubcommands().keySet());
    for (String name : SYNOPSES.keySet()) {
      assertTrue(TOP_HELP.contains("\n  " + name + " "), name);
    }
  }

  @Test
  void version_printsDev_whenNotRunFromAJar() {
    Cli.Result result = Cli.run(Map.of(), "--version");

    assertEquals(0, result.code());
    assertEquals("user-resolver dev\n", normalized(result.out()));
    assertEquals("", result.err());
  }
}
