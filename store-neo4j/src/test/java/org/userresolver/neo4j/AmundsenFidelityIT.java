package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.userresolver.neo4j.AmundsenGraph.databuilderUser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.QueryExecutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserStore.WriteOutcome;

/**
 * The graph as Amundsen's metadata service and databuilder write it, read by this store; this
 * store's writes checked against what Amundsen's {@code get_user} needs. Each claim the README
 * makes about Amundsen is shown here on a real Neo4j.
 */
final class AmundsenFidelityIT {
  private static final String TABLE = "hive://gold.core/orders";
  private static Neo4jServer server;
  private static AmundsenGraph amundsen;
  private Neo4jUserStore store;

  @BeforeAll
  static void startNeo4j() {
    server = Neo4jServer.start();
    amundsen = new AmundsenGraph(server);
  }

  @AfterAll
  static void stopNeo4j() {
    server.close();
  }

  @BeforeEach
  void openStore() {
    server.cleanAll();
    server.run("CREATE (:Table {key: $key, name: 'orders'})", Map.of("key", TABLE));
    store = new Neo4jUserStore(Neo4jConfig.from(Settings.of(server.settings())));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static List<String> propertyNames(String key) {
    Object names = server.value("MATCH (user:User {key: $key}) RETURN keys(user)",
        Map.of("key", key));
    return ((List<?>) names).stream().map(Object::toString).sorted().toList();
  }

  /**
   * Asserts that every field Amundsen's {@code GET /user} answers with a value, this store's
   * {@code find} answers with the same value; where Amundsen answers null or empty, this store
   * may answer more (the superset the README lists).
   */
  private void assertAgreesWithAmundsensGetUser(String id) {
    Map<String, Object> theirs = amundsen.getUser(id, Set.of()).orElseThrow();
    Map<String, Object> ours = UserJson.toMap(store.find(id).orElseThrow());
    theirs.forEach((field, value) -> {
      if (value != null && !"".equals(value) && !field.equals("other_key_values")) {
        assertEquals(value, ours.get(field), field + " of " + id);
      }
    });
  }

  @Test
  void amundsensOwnerStub_isFoundAsTheUserItIs() {
    amundsen.addOwner(TABLE, "owner@acme.com");

    assertEquals(List.of("email", "key"), propertyNames("owner@acme.com"));
    assertEquals(Optional.of(User.minimal("owner@acme.com")), store.find("owner@acme.com"));
    assertEquals(Map.of("owner@acme.com", User.minimal("owner@acme.com")),
        store.findAll(List.of("owner@acme.com")));
    assertAgreesWithAmundsensGetUser("owner@acme.com");
  }

  @Test
  void ourManagerStub_isShapedAsAmundsensOwnerStub() {
    amundsen.addOwner(TABLE, "owner@acme.com");

    store.createOrUpdate(User.builder().userId("ada@acme.com").email("ada@acme.com")
        .fullName("Ada Lovelace").managerEmail("boss@acme.com").build());

    assertEquals(propertyNames("owner@acme.com"), propertyNames("boss@acme.com"));
    assertEquals("boss@acme.com",
        server.value("MATCH (u:User {key: 'boss@acme.com'}) RETURN u.email", Map.of()));
    assertEquals(Optional.of(User.minimal("boss@acme.com")), store.find("boss@acme.com"));
    Map<String, Object> answer = amundsen.getUser("boss@acme.com", Set.of()).orElseThrow();
    assertEquals("boss@acme.com", answer.get("email"));
    assertEquals("boss@acme.com", answer.get("user_id"));
    amundsen.assertEveryUserNodeIsOneAmundsenCanShow();
  }

  @Test
  void amundsensGetUser_answersNullEmailAndUserId_forAKeyOnlyNode_whichThisStoreNeverShows() {
    server.run("CREATE (:User {key: 'bare@acme.com'})", Map.of());

    Map<String, Object> answer = amundsen.getUser("bare@acme.com", Set.of()).orElseThrow();
    assertNull(answer.get("email"));
    assertNull(answer.get("user_id"));
    assertEquals(Optional.empty(), store.find("bare@acme.com"));

    User bare = User.builder().userId("bare@acme.com").email("bare@acme.com")
        .fullName("Bare Bones").build();
    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(bare));
    assertEquals(Optional.of(bare), store.find("bare@acme.com"));
    assertAgreesWithAmundsensGetUser("bare@acme.com");
    amundsen.assertEveryUserNodeIsOneAmundsenCanShow();
  }

  @Test
  void usersAmundsensApiWrote_readAsAmundsenReadsThem_plusTheFieldsItLeavesOut() {
    assertTrue(amundsen.createUpdateUser(Map.of("email", "api@acme.com", "first_name", "Api",
        "last_name", "User", "team_name", "Data", "role_name", "Engineer",
        "manager_email", "boss@acme.com", "manager_id", "00u1boss")));

    assertEquals(Optional.of(User.builder().userId("api@acme.com").email("api@acme.com")
        .firstName("Api").lastName("User").fullName("Api User").displayName("Api User")
        .teamName("Data").roleName("Engineer").managerEmail("boss@acme.com")
        .managerId("00u1boss").build()), store.find("api@acme.com"));
    assertAgreesWithAmundsensGetUser("api@acme.com");
    Map<String, Object> answer = amundsen.getUser("api@acme.com", Set.of()).orElseThrow();
    assertEquals("Api User", server.value(
        "MATCH (u:User {key: 'api@acme.com'}) RETURN u.display_name", Map.of()));
    assertNull(answer.get("display_name"), "Amundsen never returns the stored display_name");
    assertNull(answer.get("manager_email"), "nor manager_email");
    assertNull(answer.get("manager_id"), "nor manager_id");
    assertEquals(0L, server.count("MATCH (:User {key: 'api@acme.com'})-[r]-() RETURN count(r)",
        Map.of()), "Amundsen's create_update_user relates no manager");
    assertEquals(Set.of(), store.userIds(true).orElseThrow(),
        "a user only Amundsen's API wrote is not one this library wrote");
  }

  @Test
  void amundsensApi_dropsAFalseIsActive_andFailsOnOtherKeyValues_whereOurWriteDoesNeither() {
    amundsen.createUpdateUser(Map.of("email", "gone@acme.com", "full_name", "Gone Away",
        "is_active", true));
    amundsen.createUpdateUser(Map.of("email", "gone@acme.com", "full_name", "Gone Away",
        "is_active", false));

    assertEquals(Boolean.TRUE, server.value(
        "MATCH (u:User {key: 'gone@acme.com'}) RETURN u.is_active", Map.of()));
    assertEquals(Boolean.TRUE,
        amundsen.getUser("gone@acme.com", Set.of()).orElseThrow().get("is_active"));
    QueryExecutionException refused = assertThrows(QueryExecutionException.class,
        () -> amundsen.createUpdateUser(Map.of("email", "gone@acme.com",
            "other_key_values", Map.of("office", "London"))));
    assertTrue(refused.getMessage().contains("Property values can only be of primitive types"),
        refused.getMessage());

    User gone = store.find("gone@acme.com").orElseThrow().toBuilder().isActive(false)
        .otherKeyValue("office", "London").build();
    store.createOrUpdate(gone);

    assertEquals(Boolean.FALSE, server.value(
        "MATCH (u:User {key: 'gone@acme.com'}) RETURN u.is_active", Map.of()));
    assertEquals(Optional.of(gone), store.find("gone@acme.com"));
    assertEquals(Boolean.FALSE,
        amundsen.getUser("gone@acme.com", Set.of()).orElseThrow().get("is_active"));
  }

  @Test
  void databuilderUsers_readAsAmundsenReadsThem_extraAttributesAsAmundsenShowsThem() {
    Map<String, Object> extra = new HashMap<>();
    extra.put("mode_user_id", "u-42");
    extra.put("is_contractor", false);
    extra.put("level", 7L);
    extra.put("fte", 0.5);
    extra.put("budget", 1e20);
    extra.put("groups", "['data', 'platform']");
    amundsen.publishWithDatabuilder(List.of(
        databuilderUser("jane@acme.com", "Jane Doe", "boss@acme.com", true, extra),
        databuilderUser("boss@acme.com", "Grace Boss", "", true, Map.of())));
    server.run("MATCH (u:User {key: 'jane@acme.com'}) SET u.badges = $badges",
        Map.of("badges", List.of("mentor", "on-call")));

    User jane = store.find("jane@acme.com").orElseThrow();

    assertEquals(User.builder().userId("jane@acme.com").email("jane@acme.com")
        .firstName("Jane").lastName("Doe").fullName("Jane Doe").employeeType("fte")
        .managerFullname("Grace Boss").managerEmail("boss@acme.com")
        .otherKeyValues(Map.of("mode_user_id", "u-42", "is_contractor", "False", "level", "7",
            "fte", "0.5", "budget", "1e+20", "groups", "['data', 'platform']",
            "badges", "['mentor', 'on-call']"))
        .build(), jane);
    assertAgreesWithAmundsensGetUser("jane@acme.com");
    Map<String, Object> answer = amundsen.getUser("jane@acme.com",
        Set.of("is_contractor", "level", "fte", "budget")).orElseThrow();
    assertEquals(Map.of("is_contractor", false, "level", 7L, "fte", 0.5, "budget", 1e20),
        answer.get("other_key_values"),
        "the values Amundsen's str() renders: a bool, an int and floats");
    assertEquals("Grace Boss", answer.get("manager_fullname"));
  }

  @Test
  void databuilderRelatesOnlyUsersThatBothExist_whileOurWriteCreatesAnAmundsenShapedStub() {
    amundsen.publishWithDatabuilder(List.of(
        databuilderUser("jane@acme.com", "Jane Doe", "absent@acme.com", true, Map.of())));

    assertEquals(0L, server.count("MATCH (u:User {key: 'absent@acme.com'}) RETURN count(u)",
        Map.of()));
    assertEquals(0L, server.count("MATCH (:User)-[r]-(:User) RETURN count(r)", Map.of()));
    assertEquals("", store.find("jane@acme.com").orElseThrow().managerEmail(),
        "databuilder writes no manager_email property");

    store.createOrUpdate(store.find("jane@acme.com").orElseThrow().toBuilder()
        .managerEmail("absent@acme.com").build());

    assertEquals(List.of("email", "key"), propertyNames("absent@acme.com"));
    assertEquals("absent@acme.com", store.find("jane@acme.com").orElseThrow().managerEmail());
    amundsen.assertEveryUserNodeIsOneAmundsenCanShow();
  }

  @Test
  void databuildersConstraintStatement_failsOnNeo4j5() {
    QueryExecutionException e = assertThrows(QueryExecutionException.class,
        () -> server.run(AmundsenGraph.DATABUILDER_CONSTRAINT, Map.of()));

    assertEquals("Neo.ClientError.Statement.SyntaxError", e.getStatusCode());
    assertEquals(0L, server.count("SHOW CONSTRAINTS YIELD name RETURN count(*)", Map.of()));
  }

  @Test
  void theNeo4j5FormOfDatabuildersConstraint_isFoundAndKept() {
    server.run("CREATE CONSTRAINT FOR (node:User) REQUIRE node.key IS UNIQUE", Map.of());
    String name = (String) server.value("SHOW CONSTRAINTS YIELD name RETURN name", Map.of());

    store.createOrUpdate(User.minimal("ada@acme.com"));

    assertEquals("present (" + name + "): replicas racing on one new user create one node",
        store.checks().get(3).run().detail());
    assertEquals(1L, server.count("SHOW CONSTRAINTS YIELD name RETURN count(*)", Map.of()));
  }

  @Test
  void everyNode_afterAmundsenAndThisStoreWroteTheGraph_isOneAmundsenCanShow() {
    amundsen.publishWithDatabuilder(List.of(
        databuilderUser("jane@acme.com", "Jane Doe", "boss@acme.com", true, Map.of()),
        databuilderUser("boss@acme.com", "Grace Boss", "", true, Map.of())));
    amundsen.addOwner(TABLE, "owner@acme.com");
    amundsen.createUpdateUser(Map.of("email", "api@acme.com", "full_name", "Api User"));

    store.createOrUpdateAll(List.of(
        User.builder().userId("ada@acme.com").email("ada@acme.com").fullName("Ada Lovelace")
            .managerEmail("charles@acme.com").build(),
        User.builder().userId("charles@acme.com").email("charles@acme.com")
            .fullName("Charles Babbage").managerEmail("boss@acme.com").build(),
        User.builder().userId("alan@acme.com").email("alan@acme.com").fullName("Alan Turing")
            .managerEmail("absent@acme.com").build(),
        User.builder().userId("owner@acme.com").email("owner@acme.com").fullName("Owen Owner")
            .managerEmail("api@acme.com").build()));
    store.createOrUpdate(User.builder().userId("grace@acme.com").email("grace@acme.com")
        .fullName("Grace Hopper").managerEmail("other-absent@acme.com").build());

    amundsen.assertEveryUserNodeIsOneAmundsenCanShow();
    assertEquals(0L, server.count("MATCH (u:User) WHERE u.email IS NULL RETURN count(u)",
        Map.of()));
    for (String id : List.of("jane@acme.com", "boss@acme.com", "owner@acme.com", "api@acme.com",
        "ada@acme.com", "charles@acme.com", "alan@acme.com", "absent@acme.com",
        "grace@acme.com", "other-absent@acme.com")) {
      assertAgreesWithAmundsensGetUser(id);
    }
    assertFalse(store.find("owner@acme.com").orElseThrow().otherKeyValues()
        .containsKey(UserNodes.WRITTEN_EPOCH_MS));
  }
}
