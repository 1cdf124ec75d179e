package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Resolution;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/** The whole resolution chain with a scripted identity provider and this store. */
final class Neo4jChainIT {
  private static Neo4jServer server;

  private static final User JANE = User.builder()
      .userId("jane@acme.com")
      .email("jane@acme.com")
      .firstName("Jane")
      .lastName("Doe")
      .teamName("Data Platform")
      .roleName("Engineer")
      .managerEmail("boss@acme.com")
      .managerFullname("Grace Boss")
      .otherKeyValue("okta_id", "00u1jane")
      .build();

  private final AtomicInteger providerCalls = new AtomicInteger();
  private final List<Resolution> resolutions = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startNeo4j() {
    server = Neo4jServer.start();
  }

  @AfterAll
  static void stopNeo4j() {
    server.close();
  }

  @BeforeEach
  void cleanGraph() {
    server.cleanAll();
  }

  /** Knows Jane only, and counts its calls. */
  private User provide(String id) {
    providerCalls.incrementAndGet();
    if (id.equals(JANE.userId())) {
      return JANE;
    }
    throw new UserNotFoundException(id, "the scripted provider");
  }

  /**
   * The chain's settings; a generous deadline, so a slow first query on a loaded machine is
   * not a fallback (these tests are about what is read and written, not how fast).
   */
  private Settings settings(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(server.settings());
    values.put("USER_RESOLVER_TIMEOUT", "PT60S");
    values.putAll(extra);
    return Settings.of(values);
  }

  private UserResolver chainWith(Neo4jUserStore store) {
    return UserResolvers.builder()
        .settings(settings(Map.of()))
        .provider(this::provide)
        .store(store)
        .meterRegistry(new SimpleMeterRegistry())
        .listener(resolutions::add)
        .build();
  }

  private long nodesKeyed(String key) {
    return server.count("MATCH (user:User {key: $key}) RETURN count(user)", Map.of("key", key));
  }

  @Test
  void chain_createsTheUserOnce_andAFreshResolverServesItFromNeo4j(@TempDir Path dir)
      throws Exception {
    Neo4jUserStore store = (Neo4jUserStore) new Neo4jUserStoreFactory().create(settings(Map.of()));
    try (UserResolver first = chainWith(store)) {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<User>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return first.resolve("Jane@Acme.com");
        }));
      }
      start.countDown();
      for (CompletableFuture<User> answer : answers) {
        assertEquals(JANE, answer.get(30, TimeUnit.SECONDS));
      }
    }

    assertEquals(1, providerCalls.get());
    assertEquals(1, nodesKeyed("jane@acme.com"));
    assertEquals("api_create_update_user", server.value(
        "MATCH (user:User {key: 'jane@acme.com'}) RETURN user.published_tag", Map.of()));
    assertEquals(1, server.count("MATCH (:User {key: 'jane@acme.com'})-[:MANAGE_BY]->"
        + "(:User {key: 'boss@acme.com'}) RETURN count(*)", Map.of()));
    assertTrue(resolutions.stream().anyMatch(resolution ->
        resolution.source() == Resolution.Source.PROVIDER
            && resolution.detail().startsWith("created in store")),
        resolutions::toString);
    IllegalStateException closed =
        assertThrows(IllegalStateException.class, () -> store.driver().session());
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());

    resolutions.clear();
    Path noUsers = Files.writeString(dir.resolve("users.json"), "[]");
    try (UserResolver fresh = UserResolvers.builder()
        .settings(settings(Map.of(
            "USER_RESOLVER_STORE", "neo4j",
            "USER_RESOLVER_PROVIDER", "file",
            "USER_RESOLVER_FILE", noUsers.toString())))
        .meterRegistry(new SimpleMeterRegistry())
        .listener(resolutions::add)
        .build()) {
      assertEquals(JANE, fresh.resolve("jane@acme.com"));
    }
    assertEquals(List.of(Resolution.Source.STORE),
        resolutions.stream().map(Resolution::source).toList());
    assertEquals(1, providerCalls.get());
    assertEquals(1, nodesKeyed("jane@acme.com"));
  }

  @Test
  void chain_neverWritesTheFallback_forAnUnknownUser() {
    try (UserResolver chain = chainWith(
        (Neo4jUserStore) new Neo4jUserStoreFactory().create(settings(Map.of())))) {
      assertEquals(User.minimal("nobody@acme.com"), chain.resolve("nobody@acme.com"));
    }

    assertEquals(List.of(Resolution.Source.FALLBACK),
        resolutions.stream().map(Resolution::source).toList());
    assertEquals(0, server.count("MATCH (n) RETURN count(n)", Map.of()));
  }

  @Test
  void chainResolveAll_readsKnownUsersFromNeo4j_andAsksTheProviderForTheRest() {
    server.run("CREATE (:User {key: 'boss@acme.com', email: 'boss@acme.com', "
        + "full_name: 'Grace Boss', is_active: true})", Map.of());
    try (UserResolver chain = chainWith(
        (Neo4jUserStore) new Neo4jUserStoreFactory().create(settings(Map.of())))) {
      Map<String, User> users = chain.resolveAll(List.of("boss@acme.com", "jane@acme.com"));

      assertEquals("Grace Boss", users.get("boss@acme.com").displayName());
      assertEquals(JANE, users.get("jane@acme.com"));
    }
    assertEquals(1, providerCalls.get());
    assertEquals(1, nodesKeyed("jane@acme.com"));
  }
}
