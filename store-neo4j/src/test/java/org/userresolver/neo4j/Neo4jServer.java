package org.userresolver.neo4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Consumer;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j started in process by neo4j-harness, Bolt on a free loopback port, HTTP off; one
 * per test class.
 */
final class Neo4jServer implements AutoCloseable {
  private final Neo4j neo4j;

  private Neo4jServer(Neo4j neo4j) {
    this.neo4j = neo4j;
  }

  /** Starts a server without authentication. */
  static Neo4jServer start() {
    return new Neo4jServer(builder().build());
  }

  /** Starts a server with authentication; user {@code neo4j} has the given password. */
  static Neo4jServer startWithAuthentication(String password) {
    Neo4j neo4j = builder()
        .withConfig(GraphDatabaseSettings.auth_enabled, true)
        .withConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
        .build();
    neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
        .executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
            Map.of("password", password));
    return new Neo4jServer(neo4j);
  }

  private static Neo4jBuilder builder() {
    return Neo4jBuilders.newInProcessBuilder()
        .withDisabledServer()
        .withConfig(BoltConnector.enabled, true)
        .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
        .withConfig(GraphDatabaseSettings.pagecache_memory, 8L * 1024 * 1024);
  }

  /** Returns the Bolt URI, {@code bolt://127.0.0.1:<port>}. */
  String boltUri() {
    return "bolt://127.0.0.1:" + neo4j.boltURI().getPort();
  }

  /** Returns settings that point a store at this server, without authentication. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("NEO4J_URI", boltUri());
    settings.put("NEO4J_MAX_TRANSACTION_RETRY_TIME", "PT0.5S");
    settings.put("NEO4J_TRANSACTION_TIMEOUT", "PT60S");
    return settings;
  }

  /**
   * Deletes every node and relationship and drops every constraint but the one this library's
   * store creates ({@link Cypher#CONSTRAINT_NAME}), which tests would otherwise recreate one by
   * one (a schema change takes about a second); {@link #cleanAll()} drops that one too.
   */
  void clean() {
    clean(name -> !name.equals(Cypher.CONSTRAINT_NAME));
  }

  /** Deletes every node and relationship and drops every constraint. */
  void cleanAll() {
    clean(name -> true);
  }

  private void clean(Predicate<String> dropped) {
    GraphDatabaseService db = neo4j.defaultDatabaseService();
    db.executeTransactionally("MATCH (n) DETACH DELETE n");
    List<String> constraints = db.executeTransactionally("SHOW CONSTRAINTS YIELD name",
        Map.of(), result -> result.stream().map(row -> (String) row.get("name")).toList());
    for (String name : constraints) {
      if (dropped.test(name)) {
        db.executeTransactionally("DROP CONSTRAINT `" + name.replace("`", "``") + "`");
      }
    }
  }

  /** Runs a statement on the default database. */
  void run(String cypher, Map<String, Object> parameters) {
    neo4j.defaultDatabaseService().executeTransactionally(cypher, parameters);
  }

  /** Runs a query returning one number in its first column. */
  long count(String cypher, Map<String, Object> parameters) {
    return neo4j.defaultDatabaseService().executeTransactionally(cypher, parameters,
        result -> ((Number) result.next().values().iterator().next()).longValue());
  }

  /**
   * Runs a query and returns every row, column name to value; nodes are valid only inside the
   * transaction, so return them as {@code properties(n)}.
   */
  List<Map<String, Object>> rows(String cypher, Map<String, Object> parameters) {
    return neo4j.defaultDatabaseService().executeTransactionally(cypher, parameters,
        result -> result.stream().<Map<String, Object>>map(HashMap::new).toList());
  }

  /**
   * Opens a transaction on the default database, as another client's would be; the caller
   * commits or closes it.
   */
  Transaction begin() {
    return neo4j.defaultDatabaseService().beginTx();
  }

  /** Runs the work in one transaction and commits it; rolls back when the work throws. */
  void inTransaction(Consumer<Transaction> work) {
    try (Transaction tx = begin()) {
      work.accept(tx);
      tx.commit();
    }
  }

  /** Runs a query and returns the value of one column of its first row. */
  Object value(String cypher, Map<String, Object> parameters) {
    return neo4j.defaultDatabaseService().executeTransactionally(cypher, parameters,
        result -> result.next().values().iterator().next());
  }

  @Override
  public void close() {
    neo4j.close();
  }
}
