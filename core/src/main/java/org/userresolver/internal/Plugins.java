package org.userresolver.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Settings;
import org.userresolver.spi.UserResolverFactory;
import org.userresolver.spi.UserStoreFactory;

/**
 * Finds provider and store factories with {@link ServiceLoader} and selects one by name, with
 * errors that say what was found, what failed to load and which artifact to add.
 */
public final class Plugins {
  private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

  /** The first-party plugins, by kind and name, and the artifact that holds each. */
  private static final Map<String, String> PROVIDER_ARTIFACTS = Map.of(
      "okta", "org.userresolver:user-resolver-provider-okta",
      "google", "org.userresolver:user-resolver-provider-google",
      "keycloak", "org.userresolver:user-resolver-provider-keycloak",
      "file", "org.userresolver:user-resolver-core");
  private static final Map<String, String> STORE_ARTIFACTS = Map.of(
      "neo4j", "org.userresolver:user-resolver-store-neo4j",
      "atlas", "org.userresolver:user-resolver-store-atlas",
      "memory", "org.userresolver:user-resolver-core");

  private Plugins() {}

  /**
   * Selects the identity provider factory named by a setting.
   *
   * @param name the wanted name
   * @param loader where to look
   * @return the factory
   * @throws IllegalArgumentException when none has the name (the message lists the installed
   *     ones, the artifact to add, and any factory that failed to load)
   * @throws IllegalStateException when several have the name
   */
  public static UserResolverFactory provider(String name, ClassLoader loader) {
    return select(UserResolverFactory.class, UserResolverFactory::name, name, loader,
        Settings.PROVIDER, "identity provider", PROVIDER_ARTIFACTS);
  }

  /**
   * Selects the store factory named by a setting.
   *
   * @param name the wanted name
   * @param loader where to look
   * @return the factory
   * @throws IllegalArgumentException when none has the name (the message lists the installed
   *     ones, the artifact to add, and any factory that failed to load)
   * @throws IllegalStateException when several have the name
   */
  public static UserStoreFactory store(String name, ClassLoader loader) {
    return select(UserStoreFactory.class, UserStoreFactory::name, name, loader,
        Settings.STORE, "store", STORE_ARTIFACTS);
  }

  static <F> F select(Class<F> type, Function<F, String> nameOf, String wanted,
      ClassLoader loader, String setting, String kind, Map<String, String> artifacts) {
    Map<String, List<F>> byName = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    Iterator<F> it = ServiceLoader.load(type, loader).iterator();
    while (true) {
      F factory;
      try {
        if (!it.hasNext()) {
          break;
        }
        factory = it.next();
      } catch (ServiceConfigurationError e) {
        failures.add(describe(e));
        continue;
      }
      String name;
      try {
        name = nameOf.apply(factory);
      } catch (RuntimeException | LinkageError e) {
        failures.add(factory.getClass().getName() + " failed in name(): " + describe(e));
        continue;
      }
      byName.computeIfAbsent(name, n -> new ArrayList<>()).add(factory);
    }

    List<F> matches = byName.getOrDefault(wanted, List.of());
    if (matches.size() > 1) {
      List<String> classes = new ArrayList<>();
      matches.forEach(f -> classes.add(f.getClass().getName()));
      throw new IllegalStateException("Several " + kind + " factories are named \"" + wanted
          + "\": " + String.join(" and ", classes)
          + ". Keep one of them on the class path.");
    }
    if (matches.size() == 1) {
      failures.forEach(f -> LOG.warn("A {} factory failed to load and was skipped: {}", kind, f));
      return matches.get(0);
    }

    StringBuilder message = new StringBuilder("Unrecognized value for ").append(setting)
        .append(": \"").append(wanted).append("\". ");
    TreeSet<String> found = new TreeSet<>(byName.keySet());
    message.append(found.isEmpty()
        ? "No " + kind + " is installed."
        : "Installed: " + String.join(", ", found) + ".");
    String artifact = artifacts.get(wanted);
    if (artifact != null) {
      message.append(" To use ").append(wanted).append(", add the artifact ").append(artifact)
          .append(" to the class path.");
    } else {
      message.append(" Known ").append(kind).append(" names: ")
          .append(String.join(", ", new TreeSet<>(artifacts.keySet())))
          .append("; a third-party one must list its ").append(type.getName())
          .append(" in META-INF/services.");
    }
    if (!failures.isEmpty()) {
      message.append(" These ").append(kind).append(" factories failed to load: ")
          .append(String.join("; ", failures)).append('.');
    }
    throw new IllegalArgumentException(message.toString());
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      text.append(" (caused by ").append(cause.getClass().getName());
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
      text.append(')');
    }
    return text.toString();
  }
}
