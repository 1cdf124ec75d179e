package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;
import org.userresolver.UserStore.WriteOutcome;

/** Credentials against a real Neo4j that requires authentication. */
final class Neo4jAuthenticationIT {
  private static final String PASSWORD = "correct-horse-battery";
  private static final String WRONG_PASSWORD = "wrong-horse-battery";
  private static Neo4jServer server;

  @BeforeAll
  static void startNeo4j() {
    server = Neo4jServer.startWithAuthentication(PASSWORD);
  }

  @AfterAll
  static void stopNeo4j() {
    server.close();
  }

  @BeforeEach
  void cleanGraph() {
    server.cleanAll();
  }

  private static UserStore store(Map<String, String> credentials) {
    Map<String, String> settings = new HashMap<>(server.settings());
    settings.putAll(credentials);
    return new Neo4jUserStoreFactory().create(Settings.of(settings));
  }

  private static List<Check.Result> checks(UserStore store) {
    return store.checks().stream().map(Check::run).toList();
  }

  @Test
  void rightPassword_passesEveryCheck_andReadsAndWrites() {
    try (UserStore store = store(Map.of("NEO4J_USERNAME", "neo4j", "NEO4J_PASSWORD", PASSWORD))) {
      List<Check.Result> results = checks(store);

      results.forEach(result -> assertTrue(result.ok(), result.name() + ": " + result.detail()));
      assertEquals("authenticated as 'neo4j'", results.get(1).detail());
      assertEquals(WriteOutcome.CREATED, store.createOrUpdate(User.minimal("ada@example.com")));
      assertEquals(User.minimal("ada@example.com"), store.find("ada@example.com").orElseThrow());
    }
  }

  @Test
  void amundsenProxySettings_authenticate() {
    Map<String, String> amundsen = Map.of(
        "PROXY_CLIENT", "NEO4J",
        "PROXY_HOST", "bolt://127.0.0.1",
        "PROXY_PORT", server.boltUri().substring(server.boltUri().lastIndexOf(':') + 1),
        "CREDENTIALS_PROXY_USER", "neo4j",
        "CREDENTIALS_PROXY_PASSWORD", PASSWORD);
    try (UserStore store = new Neo4jUserStoreFactory().create(Settings.of(amundsen))) {
      assertEquals(new Check.Result("neo4j authentication", true, "authenticated as 'neo4j'"),
          checks(store).get(1));
    }
  }

  @Test
  void wrongPassword_failsTheAuthenticationCheck_withoutShowingThePassword() {
    try (UserStore store = store(Map.of("NEO4J_USERNAME", "neo4j",
        "NEO4J_PASSWORD", WRONG_PASSWORD))) {
      List<Check.Result> results = checks(store);

      assertEquals(new Check.Result("neo4j connectivity", true,
          "reachable at " + server.boltUri() + " (credentials are checked next)"), results.get(0));
      assertEquals(new Check.Result("neo4j authentication", false, "Neo4j at " + server.boltUri()
          + " (the default database) rejected the credentials of user 'neo4j': check "
          + "NEO4J_PASSWORD"), results.get(1));
      assertFalse(results.get(2).ok());
      results.forEach(result -> assertFalse(result.detail().contains(WRONG_PASSWORD),
          result.detail()));
    }
  }

  @Test
  void wrongPassword_failsLookupsAndWritesPermanently_withoutShowingThePassword() {
    try (UserStore store = store(Map.of("NEO4J_USERNAME", "neo4j",
        "NEO4J_PASSWORD", WRONG_PASSWORD))) {
      ResolutionException find =
          assertThrows(ResolutionException.class, () -> store.find("ada@example.com"));
      ResolutionException write = assertThrows(ResolutionException.class,
          () -> store.createOrUpdate(User.minimal("ada@example.com")));

      for (ResolutionException e : List.of(find, write)) {
        assertFalse(e.isTransient(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Neo4j at " + server.boltUri()
            + " (the default database) rejected the credentials of user 'neo4j' while "),
            e.getMessage());
        assertFalse(e.getMessage().contains(WRONG_PASSWORD), e.getMessage());
      }
    }
  }

  @Test
  void noCredentials_failTheAuthenticationCheck_askingForThem() {
    try (UserStore store = store(Map.of())) {
      Check.Result authentication = checks(store).get(1);

      assertEquals(new Check.Result("neo4j authentication", false, "Neo4j at " + server.boltUri()
          + " (the default database) rejected the credentials of an unauthenticated client: "
          + "set NEO4J_USERNAME and NEO4J_PASSWORD"), authentication);
    }
  }
}
