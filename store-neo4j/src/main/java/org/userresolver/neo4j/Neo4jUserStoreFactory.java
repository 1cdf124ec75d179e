package org.userresolver.neo4j;

import java.time.Duration;
import org.userresolver.Settings;
import org.userresolver.UserStore;
import org.userresolver.spi.UserStoreFactory;

/**
 * Creates the {@code neo4j} store: user profiles in Amundsen's Neo4j graph (label {@code User},
 * unique property {@code key} = user id), looked up and written as Amundsen's metadata service
 * and databuilder do.
 *
 * <p>Found by {@link java.util.ServiceLoader} and selected with
 * {@code USER_RESOLVER_STORE=neo4j} (or Amundsen's {@code PROXY_CLIENT=NEO4J}); for explicit
 * wiring, pass {@code new Neo4jUserStoreFactory().create(settings)} to
 * {@code UserResolvers.builder().store(...)}. Settings are the {@code NEO4J_*} names below;
 * Amundsen's {@code PROXY_HOST}, {@code PROXY_PORT}, {@code CREDENTIALS_PROXY_USER} and
 * {@code CREDENTIALS_PROXY_PASSWORD} are accepted as aliases, and {@code PROXY_ENCRYPTED} /
 * {@code PROXY_VALIDATE_SSL} choose TLS for a URI built from {@code PROXY_HOST}.
 *
 * <p>Each store owns one driver (a connection pool); closing the store, or the resolver that
 * owns it, closes the driver. Stateless and thread-safe.
 */
public final class Neo4jUserStoreFactory implements UserStoreFactory {

  /** The name that selects this store: {@value}. */
  public static final String NAME = "neo4j";

  /**
   * Bolt URI: {@code bolt://host:7687} for one server, {@code neo4j://host:7687} for cluster
   * routing; {@code +s} (TLS, CA-verified) and {@code +ssc} (TLS, any certificate) variants.
   */
  public static final String URI = "NEO4J_URI";
  /** User name for basic authentication; unset (with no password) means no authentication. */
  public static final String USERNAME = "NEO4J_USERNAME";
  /** Password for basic authentication; never logged or shown. */
  public static final String PASSWORD = "NEO4J_PASSWORD";
  /** Database name; unset means the server's default (home) database. */
  public static final String DATABASE = "NEO4J_DATABASE";
  /** Most connections in the driver's pool. */
  public static final String MAX_CONNECTION_POOL_SIZE = "NEO4J_MAX_CONNECTION_POOL_SIZE";
  /** How long opening a TCP connection may take (ISO-8601 duration). */
  public static final String CONNECTION_TIMEOUT = "NEO4J_CONNECTION_TIMEOUT";
  /** How long a query may wait for a free pooled connection. */
  public static final String CONNECTION_ACQUISITION_TIMEOUT =
      "NEO4J_CONNECTION_ACQUISITION_TIMEOUT";
  /** How long the server lets one transaction run. */
  public static final String TRANSACTION_TIMEOUT = "NEO4J_TRANSACTION_TIMEOUT";
  /** How long the driver keeps retrying a transaction after transient cluster errors. */
  public static final String MAX_TRANSACTION_RETRY_TIME = "NEO4J_MAX_TRANSACTION_RETRY_TIME";
  /**
   * How replicas racing on one new user leave one node: {@code auto} (the default; {@code true}
   * is the same) uses the uniqueness constraint on {@code User.key}, creating it before the
   * first write when it is missing, and serialises writes on a lock node when it cannot be
   * created; {@code false} never creates it, and serialises writes unless it exists.
   */
  public static final String CREATE_CONSTRAINT = "NEO4J_CREATE_CONSTRAINT";

  /** Default of {@value #MAX_CONNECTION_POOL_SIZE}. */
  public static final int DEFAULT_MAX_CONNECTION_POOL_SIZE = 100;
  /** Default of {@value #CONNECTION_TIMEOUT}. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  /** Default of {@value #CONNECTION_ACQUISITION_TIMEOUT}. */
  public static final Duration DEFAULT_CONNECTION_ACQUISITION_TIMEOUT = Duration.ofSeconds(5);
  /** Default of {@value #TRANSACTION_TIMEOUT}. */
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(5);
  /** Default of {@value #MAX_TRANSACTION_RETRY_TIME}. */
  public static final Duration DEFAULT_MAX_TRANSACTION_RETRY_TIME = Duration.ofSeconds(3);

  /** Called by {@link java.util.ServiceLoader}. */
  public Neo4jUserStoreFactory() {}

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
   * Creates the store and its driver; connects lazily, on the first lookup, write or check.
   *
   * @param settings the settings
   * @return a new, thread-safe store that owns its driver
   * @throws IllegalArgumentException naming every missing or invalid Neo4j setting at once
   */
  @Override
  public UserStore create(Settings settings) {
    return new Neo4jUserStore(Neo4jConfig.from(settings));
  }
}
