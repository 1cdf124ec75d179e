package org.userresolver.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.userresolver.ResolutionListener;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code user-resolver} subcommand that works on a resolution chain: the
 * shared options ({@code --settings}, {@code --set}, {@code -h}), the shared help sections, and
 * the shared ways to read the settings, build the chain, and report bad usage.
 *
 * <p>A subcommand extends this class, adds its own {@code @Command(name, customSynopsis,
 * description, exitCodeList)} and options, returns its exit code from {@link #call()}, and is
 * listed in {@link UserResolverCommand}'s {@code subcommands}. It reports an expected failure
 * by throwing {@link CliException} (printed on stderr, no stack trace) and bad usage with
 * {@link #usageError(String)} (printed with the command's short usage, exit code 2).
 */
@Command(descriptionHeading = "%n",
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit codes:%n",
    footerHeading = "%n",
    footer = UserResolverCommand.SETTINGS_HELP)
abstract class ChainCommand implements Callable<Integer> {

  @ParentCommand
  private UserResolverCommand parent;

  @Spec
  private CommandSpec spec;

  @Mixin
  private SettingsOptions settingsOptions;

  @Option(names = {"-h", "--help"}, usageHelp = true, arity = "0",
      description = "show this help")
  private boolean help;

  /** Returns standard input. */
  final InputStream in() {
    return parent.in();
  }

  /** Returns the environment variables the command was given. */
  final Map<String, String> env() {
    return parent.env();
  }

  /** Returns standard output: results, check lines. */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Returns standard error: messages and explanations. */
  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * Reads and validates the settings: environment variables, system properties, the
   * {@code --settings} file, then {@code --set}, each winning over the ones before.
   *
   * @throws CliException when the settings file cannot be read, or a setting is invalid
   */
  final Settings settings() {
    return settingsOptions.load(parent.env());
  }

  /**
   * Builds the chain the settings name: finds and creates the provider and store.
   *
   * @param settings the settings
   * @param listener told of every answer, or {@code null}
   * @return the chain; the caller closes it
   * @throws CliException when a provider's or store's settings are invalid, or a named provider
   *     or store is not installed
   */
  final UserResolver chain(Settings settings, ResolutionListener listener) {
    // A registry per run: the command exports no metrics, and repeated in-process runs must
    // not register the same meters in the global registry.
    return chain(settings, listener, new SimpleMeterRegistry());
  }

  /**
   * Builds the chain the settings name, with its meters in a registry the command exports.
   *
   * @param settings the settings
   * @param listener told of every answer, or {@code null}
   * @param registry where the chain's meters go
   * @return the chain; the caller closes it
   * @throws CliException when a provider's or store's settings are invalid, or a named provider
   *     or store is not installed
   */
  final UserResolver chain(Settings settings, ResolutionListener listener,
      MeterRegistry registry) {
    UserResolvers.Builder builder = UserResolvers.builder()
        .settings(settings)
        .meterRegistry(registry);
    if (listener != null) {
      builder.listener(listener);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /** Returns a bad-usage error of this command, for the caller to throw. */
  final ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
