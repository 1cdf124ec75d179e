package org.userresolver.reliability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * The {@code neo4j} store against the shared in-process Neo4j, reached through a
 * {@link TcpProxy} that takes it down and brings it back; store settings left at their
 * defaults but for the URI and credentials. Reads for the checks go to the server directly.
 */
final class Neo4jStoreFixture implements StoreFixture {
  private SharedNeo4j neo4j;
  private TcpProxy proxy;

  @Override
  public String name() {
    return "neo4j";
  }

  @Override
  public void start() {
    neo4j = SharedNeo4j.shared();
    proxy = new TcpProxy(neo4j.boltPort());
    reset();
    warmUp();
  }

  /**
   * Writes and reads a user through a store once, so that the tests' deadlines measure the
   * library, not a cold JVM's first connection, class loading and query planning.
   */
  private void warmUp() {
    try (UserStore store = newStore()) {
      for (int i = 0; i < 3; i++) {
        String id = "warm-up-" + i + "@example.com";
        store.createOrUpdate(User.builder().userId(id).email(id).firstName("Warm")
            .lastName("Up").build());
        store.find(id).orElseThrow();
        store.findAll(List.of(id, "nobody@example.com"));
      }
    }
    neo4j.clean();
  }

  @Override
  public void reset() {
    proxy.restore();
    neo4j.clean();
  }

  @Override
  public Map<String, String> settings() {
    return neo4j.settings(proxy.port());
  }

  @Override
  public Map<String, String> settingsWithWrongSecrets() {
    Map<String, String> settings = new java.util.HashMap<>(settings());
    settings.put("NEO4J_PASSWORD", Secrets.make("neo4j-wrong-password"));
    return settings;
  }

  @Override
  public List<BadSetting> badSettings() {
    return List.of(
        new BadSetting("NEO4J_URI", "http://127.0.0.1:7474"),
        new BadSetting("NEO4J_URI", "bolt://neo4j:" + Secrets.make("neo4j-uri-password")
            + "@127.0.0.1:7687"),
        new BadSetting("NEO4J_URI", "bolt://"),
        new BadSetting("NEO4J_URI", "bolt://[::1"),
        new BadSetting("NEO4J_USERNAME", null),
        new BadSetting("NEO4J_MAX_CONNECTION_POOL_SIZE", "0"),
        new BadSetting("NEO4J_CONNECTION_TIMEOUT", "fast"),
        new BadSetting("NEO4J_CREATE_CONSTRAINT", "yes"));
  }

  @Override
  public UserStore newStore() {
    return Plugins.store(Settings.of(settings()));
  }

  @Override
  public long stored(String id) {
    return neo4j.count("MATCH (user:User {key: $key}) RETURN count(user)", Map.of("key", id));
  }

  @Override
  public Optional<User> peek(String id) {
    List<Map<String, Object>> rows = neo4j.rows("MATCH (user:User {key: $key}) "
        + "RETURN user.email AS email, user.first_name AS first, user.last_name AS last",
        Map.of("key", id));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> row = rows.get(0);
    return Optional.of(User.builder().userId(id)
        .email(text(row.get("email"))).firstName(text(row.get("first")))
        .lastName(text(row.get("last"))).build());
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  @Override
  public void putStub(String id) {
    neo4j.run("MERGE (user:User {key: $key}) ON CREATE SET user.email = $key",
        Map.of("key", id));
  }

  @Override
  public void down() {
    proxy.cut();
  }

  @Override
  public void up() {
    proxy.restore();
  }

  @Override
  public void close() {
    proxy.close();
  }

  @Override
  public String toString() {
    return name();
  }
}
