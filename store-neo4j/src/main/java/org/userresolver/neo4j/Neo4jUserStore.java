package org.userresolver.neo4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.UnsupportedFeatureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * The {@code neo4j} store: user profiles as {@code User} nodes keyed by {@code key}, read with
 * Amundsen's lookup and written with Amundsen's {@code MERGE}, in managed transactions that the
 * driver retries on transient cluster errors.
 *
 * <p>Owns one driver; {@link #close()} closes it. Thread-safe.
 */
final class Neo4jUserStore implements UserStore {
  private static final Logger LOG = LoggerFactory.getLogger(Neo4jUserStore.class);

  private final Neo4jConfig config;
  private final AuthToken auth;
  private final Driver driver;
  private final SessionConfig sessionConfig;
  private final TransactionConfig transactionConfig;
  private final Object constraintLock = new Object();
  private volatile boolean constraintSettled;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the store and its driver; connects lazily.
   *
   * @param config the settings
   */
  Neo4jUserStore(Neo4jConfig config) {
    this(config, builder -> {});
  }

  /**
   * Creates the store, letting a test adjust the driver's configuration (for example to turn
   * on the driver's metrics).
   *
   * @param config the settings
   * @param driverCustomizer applied to the driver configuration after the settings
   */
  Neo4jUserStore(Neo4jConfig config, Consumer<Config.ConfigBuilder> driverCustomizer) {
    this.config = config;
    this.auth = config.username().isEmpty()
        ? AuthTokens.none() : AuthTokens.basic(config.username(), config.password());
    Config.ConfigBuilder builder = Config.builder()
        .withMaxConnectionPoolSize(config.maxPoolSize())
        .withConnectionTimeout(config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .withConnectionAcquisitionTimeout(config.acquisitionTimeout().toMillis(),
            TimeUnit.MILLISECONDS)
        .withMaxTransactionRetryTime(config.maxRetryTime().toMillis(), TimeUnit.MILLISECONDS)
        .withLogging(Logging.slf4j())
        .withUserAgent("userresolver");
    driverCustomizer.accept(builder);
    try {
      this.driver = GraphDatabase.driver(config.uri(), auth, builder.build());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid Neo4j settings:\n  - the Neo4j driver "
          + "rejected the settings for " + config.displayUri() + ": " + e.getMessage(), e);
    }
    SessionConfig.Builder session = SessionConfig.builder();
    config.database().ifPresent(session::withDatabase);
    this.sessionConfig = session.build();
    this.transactionConfig = TransactionConfig.builder()
        .withTimeout(config.transactionTimeout())
        .withMetadata(Map.of("app", "userresolver"))
        .build();
  }

  @Override
  public Optional<User> find(String userId) {
    Objects.requireNonNull(userId, "userId");
    List<Record> records = read("looking up user " + userId,
        tx -> tx.run(Cypher.FIND, Map.of("user_id", userId)).list());
    return records.isEmpty() ? Optional.empty() : toUser(userId, records.get(0));
  }

  @Override
  public Map<String, User> findAll(Collection<String> userIds) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
    ids.forEach(id -> Objects.requireNonNull(id, "userIds must not contain null"));
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<Record> records = read("looking up " + ids.size() + " users",
        tx -> tx.run(Cypher.FIND_ALL, Map.of("user_ids", ids)).list());
    Map<String, User> found = new HashMap<>();
    for (Record record : records) {
      String id = record.get("user_id").asString();
      toUser(id, record).ifPresent(user -> found.put(id, user));
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (String id : ids) {
      User user = found.get(id);
      if (user != null) {
        users.put(id, user);
      }
    }
    return users;
  }

  @Override
  public WriteOutcome createOrUpdate(User user) {
    Objects.requireNonNull(user, "user");
    prepareForWrites();
    List<String> unwritable = UserNodes.unwritableKeys(user);
    if (!unwritable.isEmpty()) {
      LOG.warn("other_key_values {} of user {} are not written to {}: their names are "
          + "UserSchema keys or bookkeeping properties", unwritable, user.userId(), config.where());
    }
    Map<String, Object> parameters = Map.of(
        "user_id", user.userId(),
        "properties", UserNodes.toProperties(user),
        "manager_email", user.managerEmail());
    boolean created = write("writing user " + user.userId(),
        tx -> tx.run(Cypher.CREATE_OR_UPDATE, parameters).single().get("created").asBoolean());
    return created ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
  }

  /**
   * Returns the checks {@code user-resolver check} runs: connectivity, authentication, the
   * database, the uniqueness constraint on {@code User.key} (present or not; absence passes
   * with a warning), and the number of {@code User} nodes.
   *
   * @return the checks, in the order to run them
   */
  @Override
  public List<Check> checks() {
    return List.of(
        new Check("neo4j connectivity", this::checkConnectivity),
        new Check("neo4j authentication", this::checkAuthentication),
        new Check("neo4j database", this::checkDatabase),
        new Check("neo4j constraint on :User(key)", this::checkConstraint),
        new Check("neo4j users", this::checkUsers));
  }

  /** Closes the driver and its connections; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      driver.close();
    }
  }

  /** Names the server and database; never the password. */
  @Override
  public String toString() {
    return "Neo4jUserStore[" + config.displayUri() + ", " + config.displayDatabase() + "]";
  }

  /**
   * Returns the settings, for tests.
   *
   * @return the settings
   */
  Neo4jConfig config() {
    return config;
  }

  /**
   * Returns the driver, for tests.
   *
   * @return the driver this store owns
   */
  Driver driver() {
    return driver;
  }

  private Optional<User> toUser(String userId, Record record) {
    Map<String, Object> node = record.get("user_record").asNode().asMap();
    Value manager = record.get("manager_record");
    try {
      return UserNodes.toUser(node, manager.isNull() ? null : manager.asNode().asMap());
    } catch (IllegalArgumentException e) {
      LOG.warn("user node {} in {} is not a valid Amundsen profile ({}); treating the user as "
          + "unknown, so the identity provider's profile replaces it", userId, config.where(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Before the first write: creates the uniqueness constraint on {@code User.key} when asked
   * to, else warns once when there is none. Without it, Neo4j does not serialise concurrent
   * {@code MERGE}s of one new key, and replicas racing on one new user create duplicates.
   */
  private void prepareForWrites() {
    if (constraintSettled) {
      return;
    }
    synchronized (constraintLock) {
      if (constraintSettled) {
        return;
      }
      ensureOpen();
      if (config.createConstraint()) {
        createConstraint();
      } else {
        warnWithoutConstraint();
      }
    }
  }

  private void createConstraint() {
    try (Session session = driver.session(Session.class, sessionConfig)) {
      session.run(Cypher.CREATE_CONSTRAINT).consume();
      LOG.info("the uniqueness constraint on :User(key) is in place in {}", config.where());
      constraintSettled = true;
    } catch (Neo4jException e) {
      ResolutionException error =
          Neo4jErrors.map(e, "creating the uniqueness constraint on :User(key)", config);
      if (error.isTransient()) {
        throw error;
      }
      constraintSettled = true;
      LOG.warn("{}; writing without it, so replicas racing on one new user may create "
          + "duplicate nodes", error.getMessage());
    }
  }

  private void warnWithoutConstraint() {
    try (Session session = driver.session(Session.class, sessionConfig)) {
      boolean present = session.executeRead(tx -> tx.run(Cypher.FIND_CONSTRAINT).hasNext(),
          transactionConfig);
      constraintSettled = true;
      if (!present) {
        LOG.warn("{} has no uniqueness constraint on :User(key): replicas racing on one new "
            + "user may create duplicate nodes; set {}=true or create it", config.where(),
            Neo4jUserStoreFactory.CREATE_CONSTRAINT);
      }
    } catch (Neo4jException e) {
      ResolutionException error = Neo4jErrors.map(e, "listing constraints", config);
      constraintSettled = !error.isTransient();
      LOG.debug("could not tell whether {} has a uniqueness constraint on :User(key): {}",
          config.where(), error.getMessage());
    }
  }

  private String checkConnectivity() {
    ensureOpen();
    try {
      driver.verifyConnectivity();
    } catch (AuthenticationException e) {
      return "reachable at " + config.displayUri() + " (credentials are checked next)";
    } catch (Neo4jException e) {
      throw Neo4jErrors.map(e, "connecting", config);
    }
    return "reachable at " + config.displayUri()
        + (driver.isEncrypted() ? ", encrypted" : ", unencrypted");
  }

  private String checkAuthentication() {
    ensureOpen();
    boolean accepted;
    try {
      accepted = driver.verifyAuthentication(auth);
    } catch (UnsupportedFeatureException e) {
      try {
        driver.verifyConnectivity();
        accepted = true;
      } catch (AuthenticationException rejected) {
        accepted = false;
      }
    } catch (AuthenticationException e) {
      accepted = false;
    } catch (Neo4jException e) {
      throw Neo4jErrors.map(e, "checking the credentials", config);
    }
    if (!accepted) {
      throw new IllegalStateException(config.where() + " rejected the credentials of "
          + (config.username().isEmpty()
              ? "an unauthenticated client: set NEO4J_USERNAME and NEO4J_PASSWORD"
              : "user '" + config.username() + "': check NEO4J_PASSWORD"));
    }
    return config.username().isEmpty()
        ? "the server accepts clients without authentication"
        : "authenticated as '" + config.username() + "'";
  }

  private String checkDatabase() {
    String name = read("checking the database",
        tx -> tx.run(Cypher.PING).consume().database().name());
    return (config.database().isPresent() ? "database '" : "default database '") + name
        + "' is available";
  }

  private String checkConstraint() {
    List<String> names = read("listing constraints",
        tx -> tx.run(Cypher.FIND_CONSTRAINT).list(record -> record.get("name").asString()));
    if (!names.isEmpty()) {
      return "present (" + String.join(", ", names) + ")";
    }
    if (config.createConstraint()) {
      return "absent; it is created before the first write (NEO4J_CREATE_CONSTRAINT=true)";
    }
    return "absent: replicas racing on one new user may create duplicate nodes; set "
        + "NEO4J_CREATE_CONSTRAINT=true, or run: CREATE CONSTRAINT FOR (user:User) "
        + "REQUIRE user.key IS UNIQUE";
  }

  private String checkUsers() {
    long users = read("counting users",
        tx -> tx.run(Cypher.COUNT_USERS).single().get("users").asLong());
    return users + (users == 1 ? " User node" : " User nodes");
  }

  private <T> T read(String action, TransactionCallback<T> work) {
    ensureOpen();
    try (Session session = driver.session(Session.class, sessionConfig)) {
      return session.executeRead(work, transactionConfig);
    } catch (Neo4jException e) {
      throw Neo4jErrors.map(e, action, config);
    }
  }

  private <T> T write(String action, TransactionCallback<T> work) {
    ensureOpen();
    try (Session session = driver.session(Session.class, sessionConfig)) {
      return session.executeWrite(work, transactionConfig);
    } catch (Neo4jException e) {
      throw Neo4jErrors.map(e, action, config);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the Neo4j store for " + config.displayUri()
          + " is closed");
    }
  }
}
