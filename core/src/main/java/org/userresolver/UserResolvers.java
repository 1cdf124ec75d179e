package org.userresolver;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.userresolver.internal.ChainConfig;
import org.userresolver.internal.Plugins;
import org.userresolver.internal.ResolutionChain;
import org.userresolver.internal.UserIds;
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
   * @throws IllegalArgumentException listing every invalid setting, or when the named provider
   *     or store is not installed (the message lists those that are, and the artifact to add)
   */
  public static UserResolver fromSettings(Map<String, String> settings) {
    return builder().settings(Settings.of(settings)).build();
  }

  /**
   * Builds the chain from environment variables, overridden by system properties.
   *
   * @return the chain
   * @throws IllegalArgumentException listing every invalid setting, or when the named provider
   *     or store is not installed
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
   * @throws IllegalArgumentException when the id is null, blank, longer than 320 characters, or
   *     holds a control character or an unpaired surrogate, saying which
   */
  public static String normalizeId(String userId, Settings.IdCase idCase) {
    return UserIds.normalize(userId, idCase == Settings.IdCase.LOWER);
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
    private final ChainConfig.Overrides overrides = new ChainConfig.Overrides();

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

    /**
     * Sets how ids are normalised, instead of {@value Settings#ID_CASE}.
     *
     * @param idCase lower-case them, or keep them as given (trimmed)
     * @return this builder
     */
    public Builder idCase(Settings.IdCase idCase) {
      overrides.idCase = Objects.requireNonNull(idCase, "idCase");
      return this;
    }

    /**
     * Sets the most answers cached, instead of {@value Settings#CACHE_MAX_SIZE}.
     *
     * @param maxSize zero or more
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder cacheMaxSize(long maxSize) {
      if (maxSize < 0) {
        throw new IllegalArgumentException("cacheMaxSize must not be negative, found " + maxSize);
      }
      overrides.cacheMaxSize = maxSize;
      return this;
    }

    /**
     * Sets how long a profile stays cached, instead of {@value Settings#CACHE_TTL}.
     *
     * @param ttl a positive duration, longer than the refresh time
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder cacheTtl(Duration ttl) {
      overrides.cacheTtl = positive("cacheTtl", ttl);
      return this;
    }

    /**
     * Sets after how long a cached profile is refreshed in the background on its next read,
     * instead of {@value Settings#CACHE_REFRESH}.
     *
     * @param refresh a positive duration, shorter than the TTL
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder cacheRefresh(Duration refresh) {
      overrides.cacheRefresh = positive("cacheRefresh", refresh);
      return this;
    }

    /**
     * Sets how long a fallback (or a profile the store failed to save) stays cached, instead
     * of {@value Settings#FALLBACK_TTL}.
     *
     * @param ttl a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder fallbackTtl(Duration ttl) {
      overrides.fallbackTtl = positive("fallbackTtl", ttl);
      return this;
    }

    /**
     * Sets the attempts per provider or store call, the first included, instead of
     * {@value Settings#RETRY_MAX_ATTEMPTS}.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder retryMaxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retryMaxAttempts must be at least 1, found "
            + maxAttempts);
      }
      overrides.retryMaxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the wait before the first retry (doubling each retry, with jitter), instead of
     * {@value Settings#RETRY_BACKOFF}.
     *
     * @param backoff a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder retryBackoff(Duration backoff) {
      overrides.retryBackoff = positive("retryBackoff", backoff);
      return this;
    }

    /**
     * Sets the overall deadline of one lookup, retries included, instead of
     * {@value Settings#TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder timeout(Duration timeout) {
      overrides.timeout = positive("timeout", timeout);
      return this;
    }

    /**
     * Runs provider and store calls on this executor instead of the chain's own pool (at most
     * 64 calls at once, 1024 queued). The chain does not shut it down. A call it rejects is
     * answered at once with the fallback, counted as {@code overloaded}.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      overrides.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, found " + value);
      }
      return value;
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
     * @throws IllegalArgumentException listing every invalid setting; when no provider is set;
     *     or when the named provider or store is not installed (listing those that are, and
     *     the artifact to add)
     * @throws IllegalStateException when values set in code conflict (a refresh time not
     *     shorter than the TTL), or two installed plugins share the wanted name
     */
    public UserResolver build() {
      Settings settings = this.settings != null ? this.settings : Settings.fromEnvironment();
      ChainConfig config = ChainConfig.read(settings, overrides);
      UserResolver provider = this.provider;
      String providerName = this.providerName;
      if (provider == null) {
        providerName = settings.provider().orElseThrow(() -> new IllegalArgumentException(
            Settings.PROVIDER + " is not set: name the identity provider (okta, google, "
                + "keycloak or file), or set FLASK_OIDC_PROVIDER_NAME"));
        provider = Plugins.provider(providerName, classLoader).create(settings);
      }
      UserStore store = this.store;
      String storeName = this.storeName;
      if (store == null && !noStore && !settings.store().equals("none")) {
        storeName = settings.store();
        try {
          store = Plugins.store(storeName, classLoader).create(settings);
        } catch (RuntimeException e) {
          if (this.provider == null) {
            provider.close();
          }
          throw e;
        }
      }
      return new ResolutionChain(new ResolutionChain.Config(provider, providerName, store,
          storeName, config, registry, listener));
    }
  }
}
