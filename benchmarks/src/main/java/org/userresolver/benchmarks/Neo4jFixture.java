package org.userresolver.benchmarks;

import java.util.HashMap;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.userresolver.Settings;
import org.userresolver.UserStore;
import org.userresolver.neo4j.Neo4jUserStoreFactory;

/**
 * A Neo4j holding users {@code 0 .. n - 1} in Amundsen's shape (each with a manager): either
 * the server a parent process started and named in the system property {@value #URI_PROPERTY}
 * (so JMH forks share one server, as replicas share one graph), or a real Neo4j started here in
 * process with neo4j-harness, Bolt on a free loopback port.
 */
final class Neo4jFixture implements AutoCloseable {
  /** The Bolt URI of a server that already holds the users. */
  static final String URI_PROPERTY = "userresolver.bench.neo4j.uri";
  /** How many users that server holds. */
  static final String USERS_PROPERTY = "userresolver.bench.neo4j.users";

  private static final int BATCH = 10_000;

  private final Neo4j neo4j;
  private final String boltUri;
  private final int users;

  private Neo4jFixture(Neo4j neo4j, String boltUri, int users) {
    this.neo4j = neo4j;
    this.boltUri = boltUri;
    this.users = users;
  }

  /**
   * Connects to the server named by {@value #URI_PROPERTY}, or starts one holding {@code users}
   * users.
   */
  static Neo4jFixture startOrConnect(int users) {
    String uri = System.getProperty(URI_PROPERTY);
    if (uri != null) {
      return new Neo4jFixture(null, uri, Integer.getInteger(USERS_PROPERTY, users));
    }
    return start(users);
  }

  /** Starts an in-process Neo4j and creates {@code users} users in it. */
  static Neo4jFixture start(int users) {
    Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
        .withDisabledServer()
        .withConfig(BoltConnector.enabled, true)
        .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
        .withConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
        .build();
    populate(neo4j.defaultDatabaseService(), users);
    return new Neo4jFixture(neo4j, "bolt://127.0.0.1:" + neo4j.boltURI().getPort(), users);
  }

  private static void populate(GraphDatabaseService db, int users) {
    db.executeTransactionally(
        "CREATE CONSTRAINT bench_user_key IF NOT EXISTS FOR (u:User) REQUIRE u.key IS UNIQUE");
    db.executeTransactionally("CALL db.awaitIndexes(300)");
    for (int from = 0; from < users; from += BATCH) {
      Map<String, Object> range = Map.of("from", from, "to", Math.min(users, from + BATCH) - 1);
      db.executeTransactionally("""
          UNWIND range($from, $to) AS i
          WITH i, 'user' + i + '@example.com' AS id
          CREATE (:User {key: id, email: id, first_name: 'Firstname' + i,
              last_name: 'Lastname' + i, full_name: 'Firstname' + i + ' Lastname' + i,
              display_name: 'Firstname' + i + ' Lastname' + i, is_active: true,
              team_name: 'Data Platform', role_name: 'Senior Data Engineer',
              employee_type: 'full_time', github_username: 'user' + i + '-gh',
              profile_url: 'https://acme.okta.com/api/v1/users/00u' + i,
              published_tag: 'benchmark'})
          """, range);
    }
    for (int from = 0; from < users; from += BATCH) {
      Map<String, Object> range = Map.of("from", from, "to", Math.min(users, from + BATCH) - 1);
      db.executeTransactionally("""
          UNWIND range($from, $to) AS i
          MATCH (u:User {key: 'user' + i + '@example.com'})
          MATCH (m:User {key: 'user' + (i % 100) + '@example.com'})
          WHERE u <> m
          CREATE (u)-[:MANAGE_BY]->(m), (m)-[:MANAGE]->(u)
          """, range);
    }
  }

  /** Returns the Bolt URI. */
  String boltUri() {
    return boltUri;
  }

  /** Returns how many users the server holds ({@code user0..user<n-1>@example.com}). */
  int users() {
    return users;
  }

  /** Returns the chain settings that point at this server. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("NEO4J_URI", boltUri);
    settings.put("NEO4J_TRANSACTION_TIMEOUT", "PT60S");
    return settings;
  }

  /** Creates a Neo4j store (its own driver) for this server, as the chain creates it. */
  UserStore newStore() {
    return new Neo4jUserStoreFactory().create(Settings.of(settings()));
  }

  /** Returns the system properties that let a JMH fork reuse this server. */
  String[] forkProperties() {
    return new String[] {"-D" + URI_PROPERTY + "=" + boltUri, "-D" + USERS_PROPERTY + "=" + users};
  }

  /** Stops the server when this fixture started it. */
  @Override
  public void close() {
    if (neo4j != null) {
      neo4j.close();
    }
  }
}
