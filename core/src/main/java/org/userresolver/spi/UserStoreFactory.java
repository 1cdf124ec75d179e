package org.userresolver.spi;

import org.userresolver.Settings;
import org.userresolver.UserStore;

/**
 * Creates a metadata store's {@link UserStore}; found with {@link java.util.ServiceLoader} and
 * selected by {@link #name()} through the {@code USER_RESOLVER_STORE} setting.
 *
 * <p>Implementations have a public no-argument constructor, are listed in
 * {@code META-INF/services/org.userresolver.spi.UserStoreFactory} and provided in their
 * {@code module-info.java}. {@link #create} is called once per resolver; the store it returns is
 * owned and closed by the caller.
 */
public interface UserStoreFactory {

  /**
   * Returns the name that selects this store, for example {@code "neo4j"}: lower case, unique
   * among installed stores.
   *
   * @return the store name
   */
  String name();

  /**
   * Creates the store from settings.
   *
   * @param settings the settings; a store reads its own names with {@link Settings#get}
   * @return a new, thread-safe store
   * @throws IllegalArgumentException naming every missing or invalid setting at once
   */
  UserStore create(Settings settings);
}
