package org.userresolver.reliability;

import java.util.ServiceLoader;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.spi.UserResolverFactory;
import org.userresolver.spi.UserStoreFactory;

/** Providers and stores made as the chain makes them: their factory, found by name. */
final class Plugins {

  private Plugins() {}

  static UserResolver provider(Settings settings) {
    String name = settings.provider().orElseThrow();
    return ServiceLoader.load(UserResolverFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(factory -> factory.name().equals(name))
        .findFirst().orElseThrow(() -> new IllegalStateException("no provider " + name))
        .create(settings);
  }

  static UserStore store(Settings settings) {
    String name = settings.store();
    return ServiceLoader.load(UserStoreFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(factory -> factory.name().equals(name))
        .findFirst().orElseThrow(() -> new IllegalStateException("no store " + name))
        .create(settings);
  }
}
