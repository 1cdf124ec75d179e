package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;
import org.userresolver.spi.UserStoreFactory;

final class Neo4jUserStoreFactoryTest {

  /** A loopback port with nothing listening on it. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Neo4jUserStore unreachableStore() throws IOException {
    return (Neo4jUserStore) new Neo4jUserStoreFactory().create(Settings.of(Map.of(
        "NEO4J_URI", "bolt://127.0.0.1:" + closedPort(),
        "NEO4J_USERNAME", "neo4j",
        "NEO4J_PASSWORD", "hunter2-secret",
        "NEO4J_MAX_TRANSACTION_RETRY_TIME", "PT0.1S")));
  }

  @Test
  void serviceLoader_findsTheFactory_byItsName() {
    List<String> names = ServiceLoader.load(UserStoreFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(factory -> factory instanceof Neo4jUserStoreFactory)
        .map(UserStoreFactory::name)
        .toList();

    assertEquals(List.of("neo4j"), names);
  }

  @Test
  void create_readsAmundsenProxySettings_throughSettings() {
    Settings settings = Settings.of(Map.of(
        "PROXY_CLIENT", "NEO4J",
        "PROXY_HOST", "graph.internal",
        "PROXY_PORT", "7688",
        "CREDENTIALS_PROXY_USER", "amundsen",
        "CREDENTIALS_PROXY_PASSWORD", "hunter2-secret"));

    try (UserStore store = new Neo4jUserStoreFactory().create(settings)) {
      Neo4jConfig config = ((Neo4jUserStore) store).config();
      assertEquals("neo4j", settings.store());
      assertEquals("bolt://graph.internal:7688", config.uri().toString());
      assertEquals("amundsen", config.username());
      assertEquals("hunter2-secret", config.password());
      assertEquals("Neo4jUserStore[bolt://graph.internal:7688, the default database]",
          store.toString());
    }
  }

  @Test
  void create_rejectsBadSettings_allAtOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Neo4jUserStoreFactory().create(Settings.of(Map.of(
            "NEO4J_URI", "http://graph", "NEO4J_CREATE_CONSTRAINT", "maybe"))));

    assertEquals("Invalid Neo4j settings:\n"
        + "  - NEO4J_URI must use one of the schemes bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, "
        + "neo4j+ssc, found \"http://graph\"\n"
        + "  - NEO4J_CREATE_CONSTRAINT must be auto, true or false, found \"maybe\"",
        e.getMessage());
  }

  @Test
  void find_failsTransiently_whenNeo4jIsUnreachable_namingUriNotPassword() throws IOException {
    try (Neo4jUserStore store = unreachableStore()) {
      ResolutionException e = assertThrows(ResolutionException.class,
          () -> store.find("jdoe@acme.com"));

      assertTrue(e.isTransient());
      assertTrue(e.getMessage().startsWith("Neo4j at " + store.config().displayUri()
          + " (the default database) is unavailable while looking up user jdoe@acme.com: "),
          e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void createOrUpdate_failsTransiently_whenNeo4jIsUnreachable() throws IOException {
    try (Neo4jUserStore store = unreachableStore()) {
      ResolutionException e = assertThrows(ResolutionException.class,
          () -> store.createOrUpdate(User.minimal("jdoe@acme.com")));

      assertTrue(e.isTransient());
      assertTrue(e.getMessage().contains("is unavailable while listing constraints before "
          + "writing user jdoe@acme.com"), e.getMessage());
    }
  }

  @Test
  void connectivityCheck_fails_whenNeo4jIsUnreachable() throws IOException {
    try (Neo4jUserStore store = unreachableStore()) {
      List<Check.Result> results = store.checks().stream().map(Check::run).toList();

      assertEquals(List.of("neo4j connectivity", "neo4j authentication", "neo4j database",
          "neo4j constraint on :User(key)", "neo4j users"),
          results.stream().map(Check.Result::name).toList());
      Check.Result connectivity = results.get(0);
      assertFalse(connectivity.ok());
      assertTrue(connectivity.detail().startsWith("Neo4j at " + store.config().displayUri()
          + " (the default database) is unavailable while connecting: "), connectivity.detail());
      results.forEach(result -> assertFalse(result.detail().contains("hunter2"), result.detail()));
    }
  }

  @Test
  void close_closesTheDriver_andIsIdempotent() throws IOException {
    Neo4jUserStore store = unreachableStore();

    store.close();
    store.close();

    IllegalStateException driverClosed =
        assertThrows(IllegalStateException.class, () -> store.driver().session());
    assertTrue(driverClosed.getMessage().contains("closed"), driverClosed.getMessage());
    IllegalStateException storeClosed =
        assertThrows(IllegalStateException.class, () -> store.find("jdoe@acme.com"));
    assertEquals("the Neo4j store for " + store.config().displayUri() + " is closed",
        storeClosed.getMessage());
  }
}
