package org.userresolver;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.Objects;
import org.userresolver.internal.Plugins;
import org.userresolver.internal.ResolutionChain;
import org.userresolver.spi.UserResolverFactory;
import org.userresolver.spi.UserStoreFactory;

/**
 * Builds the resolution chain: cache, metadata store, identity provider, retries and fallback.
 *
 * <pre>{@code
 * UserResolver resolver = UserResolvers.fromSettings(Map.of(
 *     "USER_RESOLVER_PROVIDER", "okta",
 *     "USER_RESOLVER_STORE", "neo4j",
 *     "FLASK_OIDC_CONFIG_URL", "https://acme.okta.com/.well-known/openid-configuration",
 *     "OKTA_API_TOKEN", token,
 *     "NEO4J_URI", "neo4j://graph:7687"));
 * User user = resolver.resolve("jdoe@acme.com"); // never throws for an unknown user
 * }</pre>
 *
 * <p>The provider and store are found by name with {@link java.util.ServiceLoader}: adding a
 * provider's or store's jar to the class path makes it available. {@link #builder()} wires them
 * explicitly instead. The returned resolver owns its provider, store and threads: close it.
 */
public final class UserResolvers {

  private UserResolvers() {}

  /**
   * Builds the chain from a map of settings (names as in the settings table).
   *
   * @param settings the settings
   * @return the chain
   * @throws IllegalArgumentException listing every invalid setting
   * @throws IllegalStateException when the named provider or store is not installed
   */
  public static UserResolver fromSettings(Map<String, String> settings) {
    return builder().settings(Settings.of(settings)).build();
  }

  /**
   * Builds the chain from environment variables, overridden by system properties.
   *
   * @return the chain
   * @throws IllegalArgumentException listing every invalid setting
   * @throws IllegalStateException when the named provider or store is not installed
   */
  public static UserResolver fromEnvironment() {
    return builder().settings(Settings.fromEnvironment()).build();
  }

  /**
   * Returns a user id as the chain looks it up: trimmed, and lower-cased unless ids preserve
   * case. For callers that check ids before resolving them (the chain applies the same rules).
   *
   * @param userId the id as given
   * @param idCase how ids are normalised ({@link Settings#idCase()})
   * @return the normalised id
   * @throws IllegalArgumentException when the id is null, blank, longer than 320 characters or
   *     holds a control character, saying which
   */
  public static String normalizeId(String userId, Settings.IdCase idCase) {
    return ResolutionChain.normalizeId(userId, idCase == Settings.IdCase.LOWER);
  }

  /**
   * Returns a builder, for explicit wiring or to add a meter registry or listener.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a resolution chain. Unset parts come from the settings: the provider named by
   * {@code USER_RESOLVER_PROVIDER}, the store named by {@code USER_RESOLVER_STORE}. Not
   * thread-safe.
   */
  public static final class Builder {
    private Settings settings;
    private UserResolver provider;
    private String providerName;
    private UserStore store;
    private String storeName;
    private boolean noStore;
    private MeterRegistry registry = Metrics.globalRegistry;
    private ResolutionListener listener;
    private ClassLoader classLoader = UserResolvers.class.getClassLoader();

    private Builder() {}

    /**
     * Sets the settings; without it, settings are read from the environment.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Uses this identity provider instead of the one the settings name.
     *
     * @param provider the provider; the chain closes it
     * @return this builder
     */
    public Builder provider(UserResolver provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.providerName = nameOf(provider);
      return this;
    }

    /**
     * Uses this store instead of the one the settings name.
     *
     * @param store the store; the chain closes it
     * @return this builder
     */
    public Builder store(UserStore store) {
      this.store = Objects.requireNonNull(store, "store");
      this.storeName = nameOf(store);
      this.noStore = false;
      return this;
    }

    /**
     * Uses no store: profiles come from the provider and are cached, never written.
     *
     * @return this builder
     */
    public Builder withoutStore() {
      this.store = null;
      this.noStore = true;
      return this;
    }

    /**
     * Sends metrics to this registry instead of Micrometer's global registry.
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Tells a listener of every answer and its source.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ResolutionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Looks plugins up in this class loader instead of the one that loaded userresolver.
     *
     * @param classLoader the class loader
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** A name for messages and explanations: the class's simple name, or "custom" for a lambda. */
    private static String nameOf(Object component) {
      Class<?> type = component.getClass();
      return type.isHidden() || type.isSynthetic() || type.isAnonymousClass()
          ? "custom" : type.getSimpleName();
    }

    /**
     * Builds the chain, creating the provider and store from the settings where they were not
     * given.
     *
     * @return the chain
     * @throws IllegalArgumentException listing every invalid setting
     * @throws IllegalStateException when a named provider or store is not installed or there
     *     is no provider
     */
    public UserResolver build() {
      Settings settings = this.settings != null ? this.settings : Settings.fromEnvironment();
      UserResolver provider = this.provider;
      String providerName = this.providerName;
      if (provider == null) {
        providerName = settings.provider().orElseThrow(() -> new IllegalStateException(
            Settings.PROVIDER + " is not set: name the identity provider (okta, google, "
                + "keycloak or file), or set FLASK_OIDC_PROVIDER_NAME"));
        UserResolverFactory factory = Plugins.provider(providerName, classLoader);
        provider = factory.create(settings);
      }
      UserStore store = this.store;
      String storeName = this.storeName;
      if (store == null && !noStore && !settings.store().equals("none")) {
        storeName = settings.store();
        try {
          UserStoreFactory factory = Plugins.store(storeName, classLoader);
          store = factory.create(settings);
        } catch (RuntimeException e) {
          if (this.provider == null) {
            provider.close();
          }
          throw e;
        }
      }
      return new ResolutionChain(new ResolutionChain.Config(provider, providerName, store,
          storeName, settings, registry, listener, null));
    }
  }
}
