package org.userresolver.spi;

import org.userresolver.Settings;
import org.userresolver.UserResolver;

/**
 * Creates an identity provider's {@link UserResolver}; found with {@link java.util.ServiceLoader}
 * and selected by {@link #name()} through the {@code USER_RESOLVER_PROVIDER} setting.
 *
 * <p>Implementations have a public no-argument constructor, are listed in
 * {@code META-INF/services/org.userresolver.spi.UserResolverFactory} and provided in their
 * {@code module-info.java}. {@link #create} is called once per resolver; the resolver it returns
 * is owned and closed by the caller.
 */
public interface UserResolverFactory {

  /**
   * Returns the name that selects this provider, for example {@code "okta"}: lower case,
   * unique among installed providers.
   *
   * @return the provider name
   */
  String name();

  /**
   * Creates the provider from settings.
   *
   * @param settings the settings; a provider reads its own names with {@link Settings#get}
   * @return a new, thread-safe resolver
   * @throws IllegalArgumentException naming every missing or invalid setting at once
   */
  UserResolver create(Settings settings);
}
