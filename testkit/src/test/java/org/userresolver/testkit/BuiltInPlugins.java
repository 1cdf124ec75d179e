package org.userresolver.testkit;

import java.util.Map;
import java.util.ServiceLoader;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.spi.UserResolverFactory;
import org.userresolver.spi.UserStoreFactory;

/** Creates core's built-in plugins the way a user does: found by name through the SPI. */
final class BuiltInPlugins {

  private BuiltInPlugins() {}

  static UserResolver provider(String name, Map<String, String> settings) {
    return ServiceLoader.load(UserResolverFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(factory -> factory.name().equals(name))
        .findFirst().orElseThrow()
        .create(Settings.of(settings));
  }

  static UserStore store(String name) {
    return ServiceLoader.load(UserStoreFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(factory -> factory.name().equals(name))
        .findFirst().orElseThrow()
        .create(Settings.of(Map.of()));
  }
}
