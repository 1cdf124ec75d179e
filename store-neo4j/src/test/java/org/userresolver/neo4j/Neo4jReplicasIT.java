package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.Transaction;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore.WriteOutcome;

/**
 * Replicas racing on new users: separate stores, each with its own driver, on one real Neo4j,
 * on a graph without the uniqueness constraint on {@code User.key}. Neo4j Community (the
 * harness) has no role-based privileges, so a user without the privilege to create the
 * constraint cannot be modelled directly: the tests take the serialised path by
 * {@code NEO4J_CREATE_CONSTRAINT=false}, and by a graph on which the constraint cannot be
 * created (duplicate keys already there), which is what a refused creation leads to as well.
 */
final class Neo4jReplicasIT {
  private static final int REPLICAS = 8;
  private static final User RACER = User.builder().userId("racer@example.com")
      .email("racer@example.com").fullName("Ada Racer").managerEmail("new-boss@example.com")
      .build();
  private static Neo4jServer server;
  private final List<Neo4jUserStore> replicas = new ArrayList<>();
  private ExecutorService pool;

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
    pool = Executors.newFixedThreadPool(REPLICAS);
  }

  @AfterEach
  void closeReplicas() {
    pool.shutdownNow();
    replicas.forEach(Neo4jUserStore::close);
    replicas.clear();
  }

  private List<Neo4jUserStore> startReplicas(int count, Map<String, String> extra) {
    for (int i = 0; i < count; i++) {
      Map<String, String> settings = new HashMap<>(server.settings());
      settings.put("NEO4J_MAX_TRANSACTION_RETRY_TIME", "PT30S");
      settings.putAll(extra);
      replicas.add(new Neo4jUserStore(Neo4jConfig.from(Settings.of(settings))));
    }
    return replicas;
  }

  /** Runs one task per replica, all released at once; returns their results in order. */
  private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(120, TimeUnit.SECONDS));
    }
    return results;
  }

  private List<WriteOutcome> raceOnOneNewUser(List<Neo4jUserStore> stores) throws Exception {
    List<Callable<WriteOutcome>> writes = new ArrayList<>();
    stores.forEach(store -> writes.add(() -> store.createOrUpdate(RACER)));
    return race(writes);
  }

  private static long usersKeyed(String key) {
    return server.count("MATCH (user:User {key: $key}) RETURN count(user)", Map.of("key", key));
  }

  private static long constraints() {
    return server.count("SHOW CONSTRAINTS YIELD name RETURN count(*)", Map.of());
  }

  private static void assertOneCreationOfOneNode(List<WriteOutcome> outcomes) {
    assertEquals(1, outcomes.stream().filter(WriteOutcome.CREATED::equals).count(),
        outcomes::toString);
    assertEquals(1, usersKeyed("racer@example.com"));
    assertEquals(1, usersKeyed("new-boss@example.com"));
    assertEquals(1, server.count("MATCH (:User {key: 'racer@example.com'})-[r:MANAGE_BY]->() "
        + "RETURN count(r)", Map.of()));
  }

  @Test
  void replicasWithDefaultSettings_createOneNode_throughTheConstraintTheyCreate()
      throws Exception {
    List<Neo4jUserStore> stores = startReplicas(REPLICAS, Map.of());

    assertOneCreationOfOneNode(raceOnOneNewUser(stores));

    assertEquals(1, constraints());
    assertEquals(0, server.count("MATCH (lock:UserresolverLock) RETURN count(lock)", Map.of()));
    for (Neo4jUserStore store : stores) {
      assertTrue(store.checks().get(3).run().detail().endsWith(
          "replicas racing on one new user create one node"));
    }
  }

  @Test
  void replicasNotAllowedToCreateTheConstraint_createOneNode_serialisedOnTheLockNode()
      throws Exception {
    List<Neo4jUserStore> stores =
        startReplicas(REPLICAS, Map.of("NEO4J_CREATE_CONSTRAINT", "false"));

    assertOneCreationOfOneNode(raceOnOneNewUser(stores));

    assertEquals(0, constraints());
    assertTrue(server.count("MATCH (lock:UserresolverLock) RETURN count(lock)", Map.of()) >= 1);
    assertEquals("absent, and NEO4J_CREATE_CONSTRAINT=false: writes are serialised on the "
        + ":UserresolverLock node, so replicas racing on one new user create one node",
        stores.get(0).checks().get(3).run().detail());
  }

  @Test
  void replicasWithDefaultSettings_onAGraphWhereTheConstraintCannotBeCreated_createOneNode()
      throws Exception {
    server.run("CREATE (:User {key: 'twin@example.com', email: 'twin@example.com'}), "
        + "(:User {key: 'twin@example.com', email: 'twin@example.com'})", Map.of());
    List<Neo4jUserStore> stores = startReplicas(REPLICAS, Map.of());

    assertOneCreationOfOneNode(raceOnOneNewUser(stores));

    assertEquals(0, constraints());
    assertTrue(stores.get(0).checks().get(3).run().detail().startsWith(
        "absent, and it could not be created ("));
  }

  @Test
  void replicasWritingOverlappingBatches_createEachUserOnce() throws Exception {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      users.add(User.builder().userId("user" + i + "@example.com")
          .email("user" + i + "@example.com").fullName("User " + i)
          .managerEmail("boss" + (i % 5) + "@example.com").build());
    }
    for (Map<String, String> settings : List.of(Map.of("NEO4J_CREATE_CONSTRAINT", "false"),
        Map.<String, String>of())) {
      server.cleanAll();
      List<Callable<Map<String, WriteOutcome>>> writes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        List<User> rotated = new ArrayList<>(users.subList(i * 10, 50));
        rotated.addAll(users.subList(0, i * 10));
        Neo4jUserStore store = startReplicas(1, settings).get(replicas.size() - 1);
        writes.add(() -> store.createOrUpdateAll(rotated));
      }

      List<Map<String, WriteOutcome>> outcomes = race(writes);

      for (User user : users) {
        assertEquals(1, usersKeyed(user.userId()), user.userId() + " with " + settings);
        assertEquals(1, outcomes.stream()
            .filter(batch -> batch.get(user.userId()) == WriteOutcome.CREATED).count(),
            user.userId() + " with " + settings);
      }
      assertEquals(55, server.count("MATCH (u:User) RETURN count(u)", Map.of()),
          "50 users and 5 manager stubs, with " + settings);
    }
  }

  @Test
  void serialisedWrite_waitsForTheLockHeldByAnotherReplica_thenUpdatesTheNodeItCreated()
      throws Exception {
    Neo4jUserStore replica =
        startReplicas(1, Map.of("NEO4J_CREATE_CONSTRAINT", "false")).get(0);
    replica.createOrUpdate(User.minimal("first@example.com"));
    Future<WriteOutcome> outcome;
    try (Transaction otherReplica = server.begin()) {
      Map<String, Object> row = Map.of("user_id", RACER.userId(),
          "properties", UserNodes.toProperties(RACER), "manager_email", "");
      otherReplica.execute(Cypher.WRITE_ALL_LOCKED,
          Map.of("lock_name", Cypher.LOCK_NAME, "users", List.of(row))).close();

      outcome = pool.submit(() -> replica.createOrUpdate(RACER));
      awaitABlockedUserresolverTransaction();

      assertFalse(outcome.isDone());
      otherReplica.commit();
    }

    assertEquals(WriteOutcome.UPDATED, outcome.get(60, TimeUnit.SECONDS));
    assertEquals(1, usersKeyed("racer@example.com"));
    assertEquals(1, usersKeyed("new-boss@example.com"));
  }

  /** Waits until a transaction of this library's waits for a lock another one holds. */
  private static void awaitABlockedUserresolverTransaction() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.count("SHOW TRANSACTIONS YIELD metaData, status "
        + "WHERE metaData.app = 'userresolver' AND status STARTS WITH 'Blocked' "
        + "RETURN count(*)", Map.of()) == 0) {
      if (System.nanoTime() > deadline) {
        fail("no userresolver transaction waited for the lock");
      }
      Thread.onSpinWait();
    }
  }
}
