package org.userresolver.reliability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.User;

/**
 * The {@code neo4j} store against the shared in-process Neo4j, reached through a
 * {@link TcpProxy} that takes it down and brings it back; store settings left at their
 * defaults but for the URI and credentials. Reads for the checks go to the server directly.
 */
final class Neo4jStoreFixture extends ProxiedStoreFixture {
  private SharedNeo4j neo4j;

  @Override
  public String name() {
    return "neo4j";
  }

  @Override
  public void start() {
    neo4j = SharedNeo4j.shared();
    // three rounds: Neo4j plans each query on its first runs
    proxyTo(neo4j.boltPort(), 3);
  }

  @Override
  protected void empty() {
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

}
