package org.userresolver;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.userresolver.internal.ChainConfig;
import org.userresolver.internal.Plugins;
import org.userresolver.internal.SyncConfig;
import org.userresolver.internal.SyncEngine;
import org.userresolver.internal.SyncEvents;
import org.userresolver.internal.SyncTally;
import org.userresolver.spi.UserResolverFactory;
import org.userresolver.spi.UserStoreFactory;

/**
 * A bulk sync: streams the identity provider's users ({@link UserResolver#directory()}) into the
 * store, page by page, writing only the users whose stored profile differs; what
 * {@code user-resolver sync} runs, and what a service that schedules the sync itself calls.
 *
 * <pre>{@code
 * SyncReport report = UserSync.fromSettings(Settings.fromEnvironment()).run();
 * if (!report.succeeded()) {
 *   log.warn(report.summary());
 * }
 * }</pre>
 *
 * <p>How it works: listed users get the id the chain looks them up by (the primary email,
 * normalised as {@link UserResolvers#normalizeId} does) and are compared with the store in
 * batches of {@value #DEFAULT_BATCH_SIZE} ({@link UserStore#findAll}); a user is unchanged when
 * every non-empty field of the provider's profile, {@code is_active} and each of its
 * {@code other_key_values} equals the stored one, among the fields the store keeps (a write
 * sends only non-empty fields, so nothing else could change). Changed users are written in one
 * call per batch ({@link UserStore#createOrUpdateAll}), through the same store write as a
 * lookup's. {@value #DEFAULT_CONCURRENCY} batches are processed at once by default; the listing
 * waits for them, so memory holds a few batches, never the directory.
 *
 * <p>Rate limits and transient provider failures are waited out (as long as the provider asked,
 * else with a growing backoff) and the same page asked again, up to {@value #MAX_WAIT} (one
 * hour by default) of waiting in all; a store call is retried twice, and a write that still
 * fails is split to isolate the user it fails for, who is reported by id. A user that is no
 * valid profile is skipped and reported, never written. Every write is an idempotent upsert of
 * a whole user: a rerun after an interruption (an interrupt of the thread running
 * {@link #run()}) or a crash converges to the same store.
 *
 * <p>Deactivation ({@link Builder#deactivateMissing}): after a complete listing, each stored
 * user in scope (by default only users userresolver wrote; a store must be able to list them,
 * {@link UserStore#userIds}) whom the provider did not list and, asked once more, does not know
 * or knows as inactive, is written back with {@code is_active=false}; never deleted.
 *
 * <p>A sync built from settings creates its provider and store at each {@link #run()} and
 * closes them at its end; one given to the builder is left open for its owner. Immutable;
 * {@link #run()} may be called again (every hour, say), not concurrently with itself on the
 * same store.
 */
public final class UserSync {

  /** Setting: users read and written per store round trip. */
  public static final String BATCH_SIZE = "USER_RESOLVER_SYNC_BATCH_SIZE";
  /** Setting: batches processed at once. */
  public static final String CONCURRENCY = "USER_RESOLVER_SYNC_CONCURRENCY";
  /** Setting: the longest a sync waits for rate limits and retries, in all (ISO-8601). */
  public static final String MAX_WAIT = "USER_RESOLVER_SYNC_MAX_WAIT";

  /** Default of {@value #BATCH_SIZE}. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** Default of {@value #CONCURRENCY}. */
  public static final int DEFAULT_CONCURRENCY = 4;
  /** Default of {@value #MAX_WAIT}. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(1);

  /** Attempts per store call, the first included. */
  private static final int STORE_ATTEMPTS = 3;
  /** The wait before the first store retry. */
  private static final Duration STORE_BACKOFF = Duration.ofMillis(500);

  /** Which stored users the provider no longer lists are deactivated. */
  public enum Scope {
    /**
     * Only the users userresolver wrote (by a lookup or a sync); users another source manages,
     * such as Amundsen's databuilder, are left alone.
     */
    WRITTEN_BY_USERRESOLVER,
    /** Every user the store holds, whoever wrote it. */
    ALL_USERS
  }

  /**
   * Receives a sync's progress as it runs: for a progress bar, a log, a dry run's list of
   * changes. Called from the sync's threads, one call at a time; must be fast. An exception it
   * throws is logged and otherwise ignored.
   */
  public interface Listener {

    /**
     * Called after each batch of users is processed, and once at the end with the final report
     * ({@link SyncReport#finished()}).
     *
     * @param soFar the counts so far
     */
    default void onProgress(SyncReport soFar) {}

    /**
     * Called for each user created, updated, deactivated, skipped or failed; in a dry run, for
     * each that would be. Not called for unchanged users.
     *
     * @param change what happened
     */
    default void onChange(SyncReport.Change change) {}

    /**
     * Called before each wait for a rate limit or before a retry.
     *
     * @param wait how long the sync waits
     * @param reason what failed (the provider's or store's message)
     */
    default void onWait(Duration wait, String reason) {}
  }

  private final Builder builder;
  private final Function<Settings, UserResolver> providers;
  private final Function<Settings, UserStore> stores;
  private final Settings settings;
  private final boolean lowerCaseIds;
  private final int batchSize;
  private final int concurrency;
  private final Duration maxWait;

  private UserSync(Builder builder, Settings settings, Function<Settings, UserResolver> providers,
      Function<Settings, UserStore> stores) {
    this.builder = builder.copy();
    this.settings = settings;
    this.providers = providers;
    this.stores = stores;
    Settings.Parser parser = settings.parser();
    int batch = (int) parser.integer(BATCH_SIZE, DEFAULT_BATCH_SIZE, 1);
    int threads = (int) parser.integer(CONCURRENCY, DEFAULT_CONCURRENCY, 1);
    Duration wait = parser.duration(MAX_WAIT, DEFAULT_MAX_WAIT);
    parser.finish("Invalid sync settings");
    this.lowerCaseIds = builder.idCase != null ? builder.idCase == Settings.IdCase.LOWER
        : ChainConfig.read(settings).lowerCaseIds();
    this.batchSize = builder.batchSize > 0 ? builder.batchSize : batch;
    this.concurrency = builder.concurrency > 0 ? builder.concurrency : threads;
    this.maxWait = builder.maxWait != null ? builder.maxWait : wait;
  }

  /**
   * Returns a sync of the provider and store the settings name ({@value Settings#PROVIDER},
   * {@value Settings#STORE}), with the batch size, concurrency and wait of the settings.
   *
   * @param settings the settings
   * @return the sync; each {@link #run()} creates the provider and store and closes them after
   * @throws IllegalArgumentException listing every invalid sync setting; when no provider is set,
   *     the store is {@code none}, or a named provider or store is not installed
   */
  public static UserSync fromSettings(Settings settings) {
    return builder().settings(settings).build();
  }

  /**
   * Returns a builder, to give the provider and store yourself or set options.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the sync to its end, or until it is stopped early by a failure that waiting and
   * retrying could not overcome, or by an interrupt (the report says why; the interrupt flag is
   * set again). Blocks the calling thread; uses {@code concurrency} threads of its own.
   *
   * @return what the sync did
   * @throws IllegalArgumentException when the provider cannot list its users, or not by update
   *     time when {@link Builder#updatedSince} was set; or the provider's or store's settings
   *     are invalid
   * @throws IllegalStateException when deactivation was asked and the store cannot list the ids
   *     of its users
   */
  public SyncReport run() {
    UserResolver provider = builder.provider != null ? builder.provider
        : providers.apply(settings);
    try {
      UserStore store = builder.store != null ? builder.store : stores.apply(settings);
      try {
        SyncConfig config = new SyncConfig(provider, providerName(provider), store,
            storeName(store), lowerCaseIds, batchSize, concurrency, builder.dryRun,
            builder.limit, builder.since, builder.scope, maxWait, STORE_ATTEMPTS, STORE_BACKOFF);
        return new SyncReport(new SyncEngine(config, events(builder.listener)).run());
      } finally {
        if (builder.store == null) {
          store.close();
        }
      }
    } finally {
      if (builder.provider == null) {
        provider.close();
      }
    }
  }

  /** Shows the provider, the store and the options; never a secret. */
  @Override
  public String toString() {
    return "UserSync[provider=" + (builder.provider != null ? builder.provider
        : settings.provider().orElse("?")) + ", store=" + (builder.store != null ? builder.store
        : settings.store()) + ", batchSize=" + batchSize + ", concurrency=" + concurrency
        + (builder.dryRun ? ", dry run" : "") + (builder.limit >= 0 ? ", limit=" + builder.limit
        : "") + (builder.since != null ? ", since=" + builder.since : "")
        + (builder.scope != null ? ", deactivate missing " + builder.scope : "") + "]";
  }

  private String providerName(UserResolver provider) {
    return builder.provider == null ? settings.provider().orElse("?") : nameOf(provider);
  }

  private String storeName(UserStore store) {
    return builder.store == null ? settings.store() : nameOf(store);
  }

  private static String nameOf(Object component) {
    Class<?> type = component.getClass();
    return type.isHidden() || type.isSynthetic() || type.isAnonymousClass()
        ? "custom" : type.getSimpleName();
  }

  private static SyncEvents events(Listener listener) {
    if (listener == null) {
      return SyncEvents.NONE;
    }
    return new SyncEvents() {
      @Override
      public void onProgress(SyncTally tally) {
        listener.onProgress(new SyncReport(tally));
      }

      @Override
      public void onChange(SyncReport.Change change) {
        listener.onChange(change);
      }

      @Override
      public void onWait(Duration wait, String reason) {
        listener.onWait(wait, reason);
      }
    };
  }

  /**
   * Builds a {@link UserSync}. Unset parts come from the settings: the provider and store they
   * name, the batch size, concurrency and longest wait. Not thread-safe.
   */
  public static final class Builder {
    private Settings settings;
    private UserResolver provider;
    private UserStore store;
    private ClassLoader classLoader = UserSync.class.getClassLoader();
    private Settings.IdCase idCase;
    private int batchSize;
    private int concurrency;
    private Duration maxWait;
    private boolean dryRun;
    private long limit = -1;
    private Instant since;
    private Scope scope;
    private Listener listener;

    private Builder() {}

    private Builder copy() {
      Builder copy = new Builder();
      copy.settings = settings;
      copy.provider = provider;
      copy.store = store;
      copy.classLoader = classLoader;
      copy.idCase = idCase;
      copy.batchSize = batchSize;
      copy.concurrency = concurrency;
      copy.maxWait = maxWait;
      copy.dryRun = dryRun;
      copy.limit = limit;
      copy.since = since;
      copy.scope = scope;
      copy.listener = listener;
      return copy;
    }

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
     * Syncs from this provider instead of the one the settings name; it must list its users
     * ({@link UserResolver#directory()}). The sync does not close it.
     *
     * @param provider the identity provider
     * @return this builder
     */
    public Builder provider(UserResolver provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Syncs into this store instead of the one the settings name. The sync does not close it.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(UserStore store) {
      this.store = Objects.requireNonNull(store, "store");
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
     * Sets how ids are normalised, instead of {@value Settings#ID_CASE}; use the chain's.
     *
     * @param idCase lower-case them, or keep them as listed (trimmed)
     * @return this builder
     */
    public Builder idCase(Settings.IdCase idCase) {
      this.idCase = Objects.requireNonNull(idCase, "idCase");
      return this;
    }

    /**
     * Sets the users read and written per store round trip, instead of {@value #BATCH_SIZE}.
     *
     * @param users at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder batchSize(int users) {
      this.batchSize = atLeastOne("batchSize", users);
      return this;
    }

    /**
     * Sets how many batches are processed at once, instead of {@value #CONCURRENCY}.
     *
     * @param batches at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder concurrency(int batches) {
      this.concurrency = atLeastOne("concurrency", batches);
      return this;
    }

    /**
     * Sets the longest the sync waits for rate limits and retries in all, instead of
     * {@value #MAX_WAIT}; a wait beyond it stops the sync.
     *
     * @param wait a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxWait(Duration wait) {
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("maxWait must be positive, found " + wait);
      }
      this.maxWait = wait;
      return this;
    }

    /**
     * Reads and compares, writes nothing: the report and the listener's changes say what a
     * sync would do.
     *
     * @param dryRun {@code true} for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Syncs at most this many users, then stops listing (entries that are no profile are
     * reported besides).
     *
     * @param users at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder limit(long users) {
      if (users < 1) {
        throw new IllegalArgumentException("limit must be at least 1, found " + users);
      }
      this.limit = users;
      return this;
    }

    /**
     * Syncs only the users created or changed after a time, where the provider can list them so
     * ({@link UserDirectory#supportsUpdatedSince()}: Okta can, Keycloak cannot).
     *
     * @param time the time
     * @return this builder
     */
    public Builder updatedSince(Instant time) {
      this.since = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Deactivates the stored users in scope the provider no longer lists, after a complete
     * listing: writes them back with {@code is_active=false}; never deletes them.
     *
     * @param scope only the users userresolver wrote, or every stored user
     * @return this builder
     */
    public Builder deactivateMissing(Scope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * Tells a listener of the sync's progress, changes and waits.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the sync; creates and sends nothing.
     *
     * @return the sync
     * @throws IllegalArgumentException listing every invalid sync setting; when no provider is
     *     set, the store is {@code none}, or a named provider or store is not installed
     * @throws IllegalStateException when deactivation is asked with a limit or a time: only a
     *     complete listing tells which users the provider no longer lists
     */
    public UserSync build() {
      Settings effective = settings != null ? settings : Settings.fromEnvironment();
      if (scope != null && (limit >= 0 || since != null)) {
        throw new IllegalStateException("deactivating missing users needs the complete "
            + "listing: it cannot be combined with a limit or an update time");
      }
      Function<Settings, UserResolver> providers = null;
      if (provider == null) {
        String name = effective.provider().orElseThrow(() -> new IllegalArgumentException(
            Settings.PROVIDER + " is not set: name the identity provider to sync from (okta, "
                + "google, keycloak or file), or set FLASK_OIDC_PROVIDER_NAME"));
        UserResolverFactory factory = Plugins.provider(name, classLoader);
        providers = factory::create;
      }
      Function<Settings, UserStore> stores = null;
      if (store == null) {
        if (effective.store().equals("none")) {
          throw new IllegalArgumentException(Settings.STORE + " is none: a sync needs a store "
              + "to write to (neo4j, atlas or memory)");
        }
        UserStoreFactory factory = Plugins.store(effective.store(), classLoader);
        stores = factory::create;
      }
      return new UserSync(this, effective, providers, stores);
    }

    private static int atLeastOne(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, found " + value);
      }
      return value;
    }
  }
}
