package org.userresolver.atlas;

import org.userresolver.Settings;
import org.userresolver.UserStore;
import org.userresolver.spi.UserStoreFactory;

/**
 * Creates the {@code atlas} store: user profiles as Apache Atlas entities of Amundsen's type
 * {@code User} (supertype {@code Referenceable}, unique attribute {@code qualifiedName} = user
 * id), read and written through Atlas's v2 REST API with basic authentication.
 *
 * <p>Found by {@link java.util.ServiceLoader} and selected with
 * {@code USER_RESOLVER_STORE=atlas} (or Amundsen's {@code PROXY_CLIENT=ATLAS}); for explicit
 * wiring, pass {@code new AtlasUserStoreFactory().create(settings)} to
 * {@code UserResolvers.builder().store(...)}. Settings are the {@code ATLAS_*} names below;
 * where they are unset, Amundsen's {@code PROXY_HOST}, {@code PROXY_PORT},
 * {@code PROXY_ENCRYPTED}, {@code CREDENTIALS_PROXY_USER} and
 * {@code CREDENTIALS_PROXY_PASSWORD} stand for them, unless {@code PROXY_CLIENT} names another
 * store. The shared HTTP settings of {@code org.userresolver.http.HttpClientConfig} apply.
 *
 * <p>Creation checks every setting and reports all problems at once, but sends no request.
 * The store holds no connections that need closing; stateless and thread-safe.
 */
public final class AtlasUserStoreFactory implements UserStoreFactory {

  /** The name that selects this store: {@value}. */
  public static final String NAME = "atlas";

  /**
   * The Atlas server's base URL, such as {@code https://atlas.example.com:21000}; plain
   * {@code http} only to loopback hosts.
   */
  public static final String URL = "ATLAS_URL";
  /** User name for basic authentication. */
  public static final String USERNAME = "ATLAS_USERNAME";
  /** Password for basic authentication; never logged or shown. */
  public static final String PASSWORD = "ATLAS_PASSWORD";
  /**
   * {@code true} creates the entity type {@code User} as Amundsen's Atlas types define it,
   * once, before the first write, when Atlas lacks it; an existing type is never changed.
   */
  public static final String CREATE_TYPES = "ATLAS_CREATE_TYPES";

  /** Default of {@value #CREATE_TYPES}. */
  public static final boolean DEFAULT_CREATE_TYPES = false;
  /** The port of a URL built from Amundsen's {@code PROXY_HOST} without {@code PROXY_PORT}. */
  public static final int DEFAULT_PROXY_PORT = 21000;

  /** Called by {@link java.util.ServiceLoader}. */
  public AtlasUserStoreFactory() {}

  /**
   * Returns {@value #NAME}.
   *
   * @return the store name
   */
  @Override
  public String name() {
    return NAME;
  }

  /**
   * Creates the store; sends nothing until the first lookup, write or check.
   *
   * @param settings the settings
   * @return a new, thread-safe store
   * @throws IllegalArgumentException headed "Invalid Atlas settings", naming every missing or
   *     invalid setting at once; never the password
   */
  @Override
  public UserStore create(Settings settings) {
    return new AtlasUserStore(AtlasConfig.from(settings));
  }
}
