package org.userresolver.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.userresolver.ResolutionListener;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/** Builds the resolution chain from the settings, turning configuration errors into messages. */
final class Chains {

  private Chains() {}

  /**
   * Builds the chain: finds and creates the provider and store the settings name.
   *
   * @param settings the settings
   * @param listener told of every answer, or {@code null}
   * @return the chain; the caller closes it
   * @throws CliException with the core's message when a provider's or store's settings are
   *     invalid, or a named provider or store is not installed
   */
  static UserResolver build(Settings settings, ResolutionListener listener) {
    // A registry per run: the command exports no metrics, and repeated in-process runs must
    // not register the same meters in the global registry.
    UserResolvers.Builder builder = UserResolvers.builder()
        .settings(settings)
        .meterRegistry(new SimpleMeterRegistry());
    if (listener != null) {
      builder.listener(listener);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /** Describes the chain the settings ask for, for example {@code provider file, store memory}. */
  static String describe(Settings settings) {
    return "provider " + settings.provider().orElse("(none)") + ", store " + settings.store();
  }
}
