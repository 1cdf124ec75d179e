package org.userresolver.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j started in process by neo4j-harness (Bolt on a free loopback port, HTTP off,
 * authentication on, user {@code neo4j} with a registered secret password). {@link #shared()}
 * is one server for the whole test JVM, stopped when the JVM exits; {@link #startOwn()} starts
 * one a test may stop.
 */
final class SharedNeo4j implements AutoCloseable {
  private static SharedNeo4j shared;

  private final Neo4j neo4j;
  private final String password;

  private SharedNeo4j(Neo4j neo4j, String password) {
    this.neo4j = neo4j;
    this.password = password;
  }

  /** The server every test class shares; started on first use. */
  static synchronized SharedNeo4j shared() {
    if (shared == null) {
      shared = startOwn();
      SharedNeo4j server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "neo4j-shutdown"));
    }
    return shared;
  }

  /** A server of the caller's own. */
  static SharedNeo4j startOwn() {
    String password = Secrets.make("neo4j-password");
    Neo4j neo4j = builder()
        .withConfig(GraphDatabaseSettings.auth_enabled, true)
        .withConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
        .build();
    neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
        .executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
            Map.of("password", password));
    return new SharedNeo4j(neo4j, password);
  }

  private static Neo4jBuilder builder() {
    return Neo4jBuilders.newInProcessBuilder()
        .withDisabledServer()
        .withConfig(BoltConnector.enabled, true)
        .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
        .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024);
  }

  /** The Bolt port. */
  int boltPort() {
    return neo4j.boltURI().getPort();
  }

  /** The settings of a {@code neo4j} store reaching the server on this port. */
  Map<String, String> settings(int port) {
    Map<String, String> settings = new HashMap<>();
    settings.put("USER_RESOLVER_STORE", "neo4j");
    settings.put("NEO4J_URI", "bolt://127.0.0.1:" + port);
    settings.put("NEO4J_USERNAME", "neo4j");
    settings.put("NEO4J_PASSWORD", password);
    return settings;
  }

  /** Deletes every node and relationship (constraints stay). */
  void clean() {
    db().executeTransactionally("MATCH (n) DETACH DELETE n");
  }

  /** Runs a statement. */
  void run(String cypher, Map<String, Object> parameters) {
    db().executeTransactionally(cypher, parameters);
  }

  /** Runs a query returning one number. */
  long count(String cypher, Map<String, Object> parameters) {
    return db().executeTransactionally(cypher, parameters,
        result -> ((Number) result.next().values().iterator().next()).longValue());
  }

  /** Runs a query and returns its rows. */
  List<Map<String, Object>> rows(String cypher, Map<String, Object> parameters) {
    return db().executeTransactionally(cypher, parameters,
        result -> result.stream().<Map<String, Object>>map(HashMap::new).toList());
  }

  private GraphDatabaseService db() {
    return neo4j.defaultDatabaseService();
  }

  @Override
  public void close() {
    neo4j.close();
  }
}
