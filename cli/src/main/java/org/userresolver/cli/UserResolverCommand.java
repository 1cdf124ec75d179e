package org.userresolver.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code user-resolver} command: lists the subcommands, answers {@code --help}
 * and {@code --version}, and holds what every subcommand reads from outside the command line
 * (standard input and the environment). A new subcommand is one more entry in
 * {@code subcommands}.
 */
@Command(name = Main.PROGRAM,
    subcommands = {ResolveCommand.class, CheckCommand.class, ServeCommand.class,
        SyncCommand.class},
    versionProvider = Version.class,
    customSynopsis = "user-resolver [-h | --help] [--version] COMMAND [OPTIONS]",
    descriptionHeading = "%n",
    description = {
        "Turns user ids (usually emails) into Amundsen user profiles: the metadata store "
            + "first, the identity provider second, a minimal {email, user_id} record last."},
    optionListHeading = "%nOptions:%n",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:invalid settings, broken configuration or a failed check",
        "2:bad usage"},
    footerHeading = "%n",
    footer = {
        "Run 'user-resolver COMMAND --help' for a command's options.",
        "",
        UserResolverCommand.SETTINGS_HELP})
final class UserResolverCommand implements Callable<Integer> {

  /** The help paragraph on where settings come from, at the end of every command's help. */
  static final String SETTINGS_HELP = """
      Settings come from environment variables and system properties, then the
      --settings file, then --set (each wins over the ones before). The main ones:
        USER_RESOLVER_PROVIDER   okta, google, keycloak or file (required)
        USER_RESOLVER_STORE      neo4j, atlas, memory or none (default memory)
        USER_RESOLVER_FILE       the JSON users file of the file provider
      plus each provider's and store's own (FLASK_OIDC_*, OKTA_*, NEO4J_*, ATLAS_*,
      ...). Secrets are never printed.
      Log level: -Dorg.slf4j.simpleLogger.defaultLogLevel=debug""";

  private final InputStream in;
  private final Map<String, String> env;

  @Spec
  private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, arity = "0",
      description = "show this help; after a command, that command's help")
  private boolean help;

  @Option(names = "--version", versionHelp = true, arity = "0",
      description = "print the version")
  private boolean version;

  /**
   * Creates the command for one run.
   *
   * @param in standard input, read for the {@code -} id
   * @param env the environment variables settings are read from
   */
  UserResolverCommand(InputStream in, Map<String, String> env) {
    this.in = in;
    this.env = env;
  }

  /** Returns standard input. */
  InputStream in() {
    return in;
  }

  /** Returns the environment variables. */
  Map<String, String> env() {
    return env;
  }

  /** Runs when no subcommand is given: that is bad usage. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
