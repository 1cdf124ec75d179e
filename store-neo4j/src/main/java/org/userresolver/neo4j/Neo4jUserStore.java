package org.userresolver.neo4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
import org.neo4j.driver.types.TypeSystem;
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
  private final TransactionConfig schemaTransactionConfig;
  private final Object writePathLock = new Object();
  private volatile WritePath writePath;
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
    this.schemaTransactionConfig = TransactionConfig.builder()
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

  /** Writes the user as a batch of one: see {@link #createOrUpdateAll}. */
  @Override
  public WriteOutcome createOrUpdate(User user) {
    Objects.requireNonNull(user, "user");
    return createOrUpdateAll(List.of(user)).get(user.userId());
  }

  /**
   * Writes all the users with one {@code UNWIND ... MERGE} statement in one managed transaction
   * (retried by the driver on transient errors): the same properties, tags and manager
   * relations as a single write, each user reported created or updated exactly. A batch that
   * fails leaves nothing written. Before the first write, settles how concurrent creations of
   * one key are kept to one node (see {@link #checks()}). The caller chooses the batch size;
   * {@code NEO4J_TRANSACTION_TIMEOUT} bounds how long one batch may take.
   *
   * @param users the profiles, distinct user ids
   * @return created or updated, by user id, in the order given
   * @throws IllegalArgumentException when two users share an id
   */
  @Override
  public Map<String, WriteOutcome> createOrUpdateAll(Collection<User> users) {
    List<Map<String, Object>> rows = rows(users);
    if (rows.isEmpty()) {
      return Map.of();
    }
    String action = rows.size() == 1 ? "writing user " + rows.get(0).get("user_id")
        : "writing " + rows.size() + " users";
    WritePath path = writePath(action);
    Map<String, Object> parameters = path.locked()
        ? Map.of("lock_name", Cypher.LOCK_NAME, "users", rows)
        : Map.of("users", rows);
    String statement = path.locked() ? Cypher.WRITE_ALL_LOCKED : Cypher.WRITE_ALL;
    Map<String, Boolean> created = write(action, tx -> {
      Map<String, Boolean> flags = new HashMap<>();
      tx.run(statement, parameters).forEachRemaining(record ->
          flags.put(record.get("user_id").asString(), record.get("created").asBoolean()));
      return flags;
    });
    Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      String id = (String) row.get("user_id");
      Boolean flag = created.get(id);
      if (flag == null) {
        throw ResolutionException.permanentFailure(config.where() + " did not confirm "
            + action + ": no outcome for user " + id);
      }
      outcomes.put(id, flag ? WriteOutcome.CREATED : WriteOutcome.UPDATED);
    }
    return outcomes;
  }

  /**
   * Returns the keys of the {@code User} nodes: those this library wrote a profile to (marked
   * by {@code userresolver_last_written_epoch_ms}; not the manager stubs it creates, nor users
   * only Amundsen or databuilder wrote), or all of them.
   *
   * @param writtenByUserresolver {@code true} for the users this library wrote
   * @return the keys, never empty
   */
  @Override
  public Optional<Set<String>> userIds(boolean writtenByUserresolver) {
    String statement = writtenByUserresolver ? Cypher.WRITTEN_KEYS : Cypher.ALL_KEYS;
    List<Value> keys = read("listing user ids", tx -> tx.run(statement).list(r -> r.get("key")));
    Set<String> ids = new LinkedHashSet<>();
    for (Value key : keys) {
      if (key.hasType(TypeSystem.getDefault().STRING())) {
        ids.add(key.asString());
      }
    }
    return Optional.of(Collections.unmodifiableSet(ids));
  }

  /** The parameter rows of a batch: one map per user; rejects null users and repeated ids. */
  private List<Map<String, Object>> rows(Collection<User> users) {
    Objects.requireNonNull(users, "users");
    Set<String> ids = new HashSet<>();
    List<Map<String, Object>> rows = new ArrayList<>(users.size());
    for (User user : users) {
      Objects.requireNonNull(user, "users must not contain null");
      if (!ids.add(user.userId())) {
        throw new IllegalArgumentException("users must have distinct user ids, found \""
            + user.userId() + "\" more than once");
      }
      List<String> unwritable = UserNodes.unwritableKeys(user);
      if (!unwritable.isEmpty()) {
        LOG.warn("other_key_values {} of user {} are not written to {}: their names are "
            + "UserSchema keys or bookkeeping properties", unwritable, user.userId(),
            config.where());
      }
      rows.add(Map.of(
          "user_id", user.userId(),
          "properties", UserNodes.toProperties(user),
          "manager_email", user.managerEmail()));
    }
    return rows;
  }

  /**
   * Returns the checks {@code user-resolver check} runs: connectivity, authentication, the
   * database, how replicas racing on one new user leave one node (settled as the first write
   * would settle it: the uniqueness constraint on {@code User.key}, found or created, or writes
   * serialised on a lock node), and the number of {@code User} nodes.
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
   * How writes keep one node per key, settled before the first write (or check) and kept for
   * the store's life: the uniqueness constraint when it exists or can be created, else a lock
   * node every write takes first. A transient failure settles nothing, so the next write tries
   * again.
   *
   * @param purpose what needs it, for messages: {@code "writing user jdoe@acme.com"}
   */
  private WritePath writePath(String purpose) {
    WritePath path = writePath;
    if (path != null) {
      return path;
    }
    synchronized (writePathLock) {
      if (writePath == null) {
        ensureOpen();
        writePath = settleWritePath(" before " + purpose);
        if (writePath.locked()) {
          LOG.warn("{}: {}", config.where(), writePath.detail());
        } else {
          LOG.info("{}: uniqueness constraint on :User(key) {}", config.where(),
              writePath.detail());
        }
      }
      return writePath;
    }
  }

  private WritePath settleWritePath(String before) {
    Optional<String> present = presentConstraints(before);
    if (present.isPresent()) {
      return WritePath.constraint("present (" + present.get() + ")");
    }
    if (!config.createConstraint()) {
      createLock(before);
      return WritePath.locked("absent, and " + Neo4jUserStoreFactory.CREATE_CONSTRAINT
          + "=false: " + WritePath.SERIALISED);
    }
    String refusal;
    try {
      writeSchema(Cypher.CREATE_CONSTRAINT, before);
      return WritePath.constraint("created ("
          + presentConstraints(before).orElse(Cypher.CONSTRAINT_NAME) + ") before the first write");
    } catch (ResolutionException e) {
      if (e.isTransient()) {
        throw e;
      }
      refusal = e.getMessage();
    }
    present = presentConstraints(before);
    if (present.isPresent()) {
      return WritePath.constraint("present (" + present.get() + ")");
    }
    createLock(before);
    return WritePath.locked("absent, and it could not be created (" + refusal + "): "
        + WritePath.SERIALISED);
  }

  /**
   * Names the uniqueness constraints on {@code User.key}, comma-separated; empty when there is
   * none, or when they cannot be listed (no privilege to), so creating it is tried next.
   */
  private Optional<String> presentConstraints(String before) {
    List<String> names;
    try {
      names = read("listing constraints" + before,
          tx -> tx.run(Cypher.FIND_CONSTRAINT).list(record -> record.get("name").asString()));
    } catch (ResolutionException e) {
      if (e.isTransient()) {
        throw e;
      }
      LOG.debug("cannot list the constraints of {}: {}", config.where(), e.getMessage());
      return Optional.empty();
    }
    return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
  }

  /** Runs a schema statement, without the data transactions' timeout: populating may be slow. */
  private void writeSchema(String statement, String before) {
    ensureOpen();
    try (Session session = driver.session(Session.class, sessionConfig)) {
      session.executeWrite(tx -> tx.run(statement).consume(), schemaTransactionConfig);
    } catch (Neo4jException e) {
      throw Neo4jErrors.map(e, "creating the uniqueness constraint on :User(key)" + before,
          config);
    }
  }

  private void createLock(String before) {
    write("creating the :" + Cypher.LOCK_LABEL + " node" + before,
        tx -> tx.run(Cypher.CREATE_LOCK, Map.of("name", Cypher.LOCK_NAME)).consume());
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
    return writePath("checking").detail();
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

  /**
   * How this store's writes keep one node per {@code User.key} when replicas race on one new
   * user, and how {@code check} says so.
   *
   * @param locked {@code true} when every write first locks the lock node, {@code false} when
   *     the uniqueness constraint serialises creations
   * @param detail the check's detail
   */
  private record WritePath(boolean locked, String detail) {
    static final String SERIALISED = "writes are serialised on the :" + Cypher.LOCK_LABEL
        + " node, so replicas racing on one new user create one node";

    static WritePath constraint(String state) {
      return new WritePath(false, state + ": replicas racing on one new user create one node");
    }

    static WritePath locked(String detail) {
      return new WritePath(true, detail);
    }
  }
}
