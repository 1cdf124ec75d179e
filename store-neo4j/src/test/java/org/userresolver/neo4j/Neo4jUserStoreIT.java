package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Config;
import org.neo4j.driver.ConnectionPoolMetrics;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;
import org.userresolver.UserStore.WriteOutcome;
import org.userresolver.testkit.UserStoreContract;

/** The store contract and the Neo4j specifics, against a real in-process Neo4j. */
final class Neo4jUserStoreIT extends UserStoreContract {
  private static Neo4jServer server;

  /** Seeds users as Amundsen's databuilder publishes them: keyed by email, empty strings. */
  private static final String DATABUILDER_GRAPH = """
      CREATE (jane:User {key: 'jane@acme.com', email: 'jane@acme.com', first_name: 'Jane',
          last_name: 'Doe', full_name: 'Jane Doe', github_username: 'jdoe',
          team_name: 'Data Platform', employee_type: 'fte', slack_id: '', role_name: 'Engineer',
          profile_url: '', is_active: true, updated_at: 1714521600, mode_user_id: 'u-42',
          published_tag: '2024-05-01', publisher_last_updated_epoch_ms: 1714521600000})
      CREATE (boss:User {key: 'boss@acme.com', email: 'boss@acme.com', first_name: 'Grace',
          last_name: 'Boss', full_name: 'Grace Boss', github_username: '', team_name: '',
          employee_type: 'fte', slack_id: 'U0BOSS', role_name: '', is_active: true,
          updated_at: 0, published_tag: '2024-05-01',
          publisher_last_updated_epoch_ms: 1714521600000})
      CREATE (jane)-[:MANAGE_BY {published_tag: '2024-05-01'}]->(boss)
      CREATE (boss)-[:MANAGE {published_tag: '2024-05-01'}]->(jane)
      CREATE (:User {key: 'old@acme.com', email: 'old@acme.com', first_name: 'Old',
          last_name: 'Timer', full_name: '', github_username: '', team_name: '',
          employee_type: '', slack_id: '', is_active: false, updated_at: 0})
      CREATE (:User {key: 'legacy@acme.com', email: 'legacy@acme.com', first_name: '',
          last_name: '', full_name: '', github_username: '', team_name: '', employee_type: '',
          slack_id: '', is_active: 'False', updated_at: 0})
      """;

  @BeforeAll
  static void startNeo4j() {
    server = Neo4jServer.start();
  }

  @AfterAll
  static void stopNeo4j() {
    server.close();
  }

  @Override
  protected UserStore createStore() {
    server.clean();
    return storeWith(Map.of());
  }

  private static Neo4jUserStore storeWith(Map<String, String> extra) {
    return storeWith(extra, builder -> builder);
  }

  private static Neo4jUserStore storeWith(Map<String, String> extra,
      Function<Config.ConfigBuilder, Config.ConfigBuilder> driver) {
    Map<String, String> settings = new HashMap<>(server.settings());
    settings.putAll(extra);
    return new Neo4jUserStore(Neo4jConfig.from(Settings.of(settings)), driver::apply);
  }

  private static long nodes() {
    return server.count("MATCH (n) RETURN count(n)", Map.of());
  }

  private static long usersKeyed(String key) {
    return server.count("MATCH (user:User {key: $key}) RETURN count(user)", Map.of("key", key));
  }

  private static Object property(String key, String property) {
    return server.value("MATCH (user:User {key: $key}) RETURN user[$property]",
        Map.of("key", key, "property", property));
  }

  @Test
  void find_readsDatabuilderUsers_asAmundsenDoes() {
    server.run(DATABUILDER_GRAPH, Map.of());

    assertEquals(Optional.of(User.builder()
        .userId("jane@acme.com")
        .email("jane@acme.com")
        .firstName("Jane")
        .lastName("Doe")
        .fullName("Jane Doe")
        .displayName("Jane Doe")
        .isActive(true)
        .githubUsername("jdoe")
        .teamName("Data Platform")
        .employeeType("fte")
        .roleName("Engineer")
        .managerFullname("Grace Boss")
        .managerEmail("boss@acme.com")
        .otherKeyValues(Map.of("mode_user_id", "u-42"))
        .build()), store.find("jane@acme.com"));
    assertEquals(Optional.of(User.builder()
        .userId("old@acme.com")
        .email("old@acme.com")
        .firstName("Old")
        .lastName("Timer")
        .fullName("Old Timer")
        .displayName("Old Timer")
        .isActive(false)
        .build()), store.find("old@acme.com"));
    User legacy = store.find("legacy@acme.com").orElseThrow();
    assertEquals("legacy@acme.com", legacy.displayName());
    assertEquals(false, legacy.isActive());
    assertEquals("U0BOSS", store.find("boss@acme.com").orElseThrow().slackId());
  }

  @Test
  void findAll_readsDatabuilderUsers_likeFind() {
    server.run(DATABUILDER_GRAPH, Map.of());
    List<String> ids = List.of("old@acme.com", "nobody@acme.com", "jane@acme.com",
        "boss@acme.com", "legacy@acme.com");

    Map<String, User> found = store.findAll(ids);

    assertEquals(List.of("old@acme.com", "jane@acme.com", "boss@acme.com", "legacy@acme.com"),
        List.copyOf(found.keySet()));
    for (String id : found.keySet()) {
      assertEquals(store.find(id).orElseThrow(), found.get(id), id);
    }
  }

  @Test
  void findAll_isOneRoundTrip_whateverTheNumberOfIds() {
    try (Neo4jUserStore counted = storeWith(Map.of(), Config.ConfigBuilder::withDriverMetrics)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        ids.add("user" + i + "@acme.com");
        counted.createOrUpdate(User.minimal("user" + i + "@acme.com"));
      }
      ids.add("unknown@acme.com");

      long beforeFindAll = acquired(counted);
      Map<String, User> found = counted.findAll(ids);
      long findAllRoundTrips = acquired(counted) - beforeFindAll;

      long beforeFinds = acquired(counted);
      ids.forEach(counted::find);
      long findRoundTrips = acquired(counted) - beforeFinds;

      assertEquals(25, found.size());
      assertEquals(1, findAllRoundTrips, "connections used by one findAll of 26 ids");
      assertEquals(26, findRoundTrips, "connections used by 26 finds");
    }
  }

  private static long acquired(Neo4jUserStore store) {
    return store.driver().metrics().connectionPoolMetrics().stream()
        .mapToLong(ConnectionPoolMetrics::acquired).sum();
  }

  @Test
  void createOrUpdate_writesAmundsensProperties_andRoundTripsEveryField() {
    User ada = fullUser("ada@example.com");

    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(ada));

    assertEquals(Optional.of(ada), store.find("ada@example.com"));
    assertEquals(Map.of("ada@example.com", ada), store.findAll(List.of("ada@example.com")));
    assertEquals("api_create_update_user", property("ada@example.com", "published_tag"));
    long created = (Long) property("ada@example.com", "publisher_created_epoch_ms");
    long updated = (Long) property("ada@example.com", "publisher_last_updated_epoch_ms");
    assertTrue(created > 0 && created == updated, created + " / " + updated);
    assertEquals(Boolean.FALSE, property("ada@example.com", "is_active"));
    assertEquals("London", property("ada@example.com", "office"));
    assertEquals("1815", property("ada@example.com", "cost_center"));
    assertEquals(List.of("cost_center", "display_name", "email", "employee_type", "first_name",
        "full_name", "github_username", "is_active", "key", "last_name", "manager_email",
        "manager_fullname", "manager_id", "office", "profile_url", "published_tag",
        "publisher_created_epoch_ms", "publisher_last_updated_epoch_ms", "role_name", "slack_id",
        "team_name", "user_id"),
        sortedKeys("ada@example.com"));
  }

  private static List<String> sortedKeys(String key) {
    Object keys = server.value("MATCH (user:User {key: $key}) RETURN keys(user)",
        Map.of("key", key));
    return ((List<?>) keys).stream().map(Object::toString).sorted().toList();
  }

  @Test
  void createOrUpdate_linksTheManager_bothWays_throughABareManagerNode() {
    store.createOrUpdate(fullUser("ada@example.com"));

    assertEquals(1, server.count("MATCH (ada:User {key: 'ada@example.com'})-[:MANAGE_BY]->"
        + "(manager:User {key: 'charles@example.com'})-[:MANAGE]->(ada) RETURN count(*)",
        Map.of()));
    assertEquals(2, nodes());
    assertEquals(Optional.empty(), store.find("charles@example.com"),
        "a bare manager node is a placeholder, not a profile");

    User charles = User.builder().userId("charles@example.com").email("charles@example.com")
        .fullName("Charles Babbage").build();
    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(charles));
    assertEquals(Optional.of(charles), store.find("charles@example.com"));
    assertEquals(2, nodes());
  }

  @Test
  void createOrUpdate_movesManagerRelations_whenTheManagerChanges() {
    User ada = fullUser("ada@example.com");
    store.createOrUpdate(ada);

    store.createOrUpdate(ada.toBuilder().managerEmail("mary@example.com").managerFullname("")
        .build());

    assertEquals(List.of("mary@example.com"), managersOf("ada@example.com"));
    assertEquals(0, server.count("MATCH (:User {key: 'charles@example.com'})-[r]-() "
        + "RETURN count(r)", Map.of()));
    assertEquals("mary@example.com", store.find("ada@example.com").orElseThrow().managerEmail());
  }

  private static List<String> managersOf(String key) {
    Object managers = server.value("MATCH (user:User {key: $key})-[:MANAGE_BY]->(m:User) "
        + "WHERE (m)-[:MANAGE]->(user) RETURN collect(m.key)", Map.of("key", key));
    return ((List<?>) managers).stream().map(Object::toString).toList();
  }

  @Test
  void createOrUpdate_keepsStoredValues_forFieldsLeftEmpty() {
    store.createOrUpdate(fullUser("ada@example.com"));

    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(User.minimal("ada@example.com")));

    User found = store.find("ada@example.com").orElseThrow();
    assertEquals("Analytical Engines", found.teamName());
    assertEquals("ada@example.com", found.displayName());
    assertEquals(true, found.isActive());
  }

  @Test
  void createOrUpdate_updatesADatabuilderUser_inPlace() {
    server.run(DATABUILDER_GRAPH, Map.of());
    long before = nodes();
    User jane = store.find("jane@acme.com").orElseThrow();

    assertEquals(WriteOutcome.UPDATED,
        store.createOrUpdate(jane.toBuilder().roleName("Staff Engineer").build()));

    assertEquals(before, nodes());
    assertEquals(1, usersKeyed("jane@acme.com"));
    assertEquals("api_create_update_user", property("jane@acme.com", "published_tag"));
    assertEquals(1714521600L, property("jane@acme.com", "updated_at"));
    assertEquals(null, property("jane@acme.com", "publisher_created_epoch_ms"));
    assertEquals(jane.toBuilder().roleName("Staff Engineer").build(),
        store.find("jane@acme.com").orElseThrow());
    assertEquals(List.of("boss@acme.com"), managersOf("jane@acme.com"));
  }

  @Test
  void createOrUpdate_neverLetsOtherKeyValuesOverwriteTheKeyOrSchemaFields() {
    User ada = User.builder().userId("ada@example.com").email("ada@example.com")
        .otherKeyValue("key", "mallory@example.com")
        .otherKeyValue("email", "mallory@example.com")
        .otherKeyValue("office", "London")
        .build();

    store.createOrUpdate(ada);

    assertEquals(1, usersKeyed("ada@example.com"));
    assertEquals(0, usersKeyed("mallory@example.com"));
    User found = store.find("ada@example.com").orElseThrow();
    assertEquals("ada@example.com", found.email());
    assertEquals(Map.of("office", "London"), found.otherKeyValues());
  }

  @Test
  void createOrUpdate_fromManyThreads_createsOneNode_andReportsOneCreation() throws Exception {
    User racer = fullUser("racer@example.com");
    int threads = 32;
    try (Neo4jUserStore racing = storeWith(Map.of("NEO4J_CREATE_CONSTRAINT", "true",
        "NEO4J_MAX_TRANSACTION_RETRY_TIME", "PT30S"))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<WriteOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        outcomes.add(pool.submit(() -> {
          start.await();
          return racing.createOrUpdate(racer);
        }));
      }
      start.countDown();
      Map<WriteOutcome, Long> counts = new HashMap<>();
      for (Future<WriteOutcome> outcome : outcomes) {
        counts.merge(outcome.get(60, TimeUnit.SECONDS), 1L, Long::sum);
      }
      pool.shutdown();

      assertEquals(Map.of(WriteOutcome.CREATED, 1L, WriteOutcome.UPDATED, 31L), counts);
      assertEquals(1, usersKeyed("racer@example.com"));
      assertEquals(1, usersKeyed("charles@example.com"));
      assertEquals(List.of("charles@example.com"), managersOf("racer@example.com"));
      assertEquals(Optional.of(racer), racing.find("racer@example.com"));
    }
  }

  @Test
  void cypherInAUserId_isStoredLiterally_andDeletesNothing() {
    server.run(DATABUILDER_GRAPH, Map.of());
    long before = nodes();
    String hostile = "x'}) DETACH DELETE (n) //";
    User user = User.builder().userId(hostile).email(hostile).build();

    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(user));

    assertEquals(before + 1, nodes());
    assertEquals(1, usersKeyed(hostile));
    assertEquals(Optional.of(user), store.find(hostile));
    assertEquals(Optional.empty(), store.find("x"));
    assertEquals(5, store.findAll(List.of(hostile, "jane@acme.com", "boss@acme.com",
        "old@acme.com", "legacy@acme.com")).size());
  }

  @Test
  void cypherInAnOtherKeyValuesName_becomesOneLiteralProperty() {
    server.run(DATABUILDER_GRAPH, Map.of());
    long before = nodes();
    String hostile = "office`}) DETACH DELETE n //";
    User user = User.builder().userId("ada@example.com").email("ada@example.com")
        .otherKeyValue(hostile, "London").build();

    store.createOrUpdate(user);

    assertEquals(before + 1, nodes());
    assertEquals("London", property("ada@example.com", hostile));
    assertEquals(Map.of(hostile, "London"),
        store.find("ada@example.com").orElseThrow().otherKeyValues());
  }

  @Test
  void find_treatsAnInvalidNode_asUnknown_soTheProviderCanReplaceIt() {
    server.run("CREATE (:User {key: 'u1', user_id: 'u1'})", Map.of());

    assertEquals(Optional.empty(), store.find("u1"));
    assertEquals(Map.of(), store.findAll(List.of("u1")));

    User fixed = User.builder().userId("u1").fullName("User One").build();
    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(fixed));
    assertEquals(Optional.of(fixed), store.find("u1"));
  }

  @Test
  void createConstraint_createsTheUniquenessConstraint_beforeTheFirstWrite() {
    try (Neo4jUserStore constrained = storeWith(Map.of("NEO4J_CREATE_CONSTRAINT", "true"))) {
      assertEquals("absent; it is created before the first write "
          + "(NEO4J_CREATE_CONSTRAINT=true)", check(constrained, 3).detail());

      constrained.createOrUpdate(User.minimal("ada@example.com"));

      assertEquals("present (userresolver_user_key)", check(constrained, 3).detail());
      assertEquals(1, server.count("SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
          + "WHERE labelsOrTypes = ['User'] AND properties = ['key'] RETURN count(*)", Map.of()));
    }
  }

  @Test
  void createConstraint_keepsAnEquivalentExistingConstraint() {
    server.run("CREATE CONSTRAINT databuilder_user_key FOR (n:User) REQUIRE n.key IS UNIQUE",
        Map.of());
    try (Neo4jUserStore constrained = storeWith(Map.of("NEO4J_CREATE_CONSTRAINT", "true"))) {
      constrained.createOrUpdate(User.minimal("ada@example.com"));

      assertEquals("present (databuilder_user_key)", check(constrained, 3).detail());
      assertEquals(Optional.of(User.minimal("ada@example.com")),
          constrained.find("ada@example.com"));
    }
  }

  @Test
  void checks_pass_andDescribeTheServer() {
    store.createOrUpdate(fullUser("ada@example.com"));

    List<Check.Result> results = store.checks().stream().map(Check::run).toList();

    assertEquals(List.of(
        new Check.Result("neo4j connectivity", true,
            "reachable at " + server.boltUri() + ", unencrypted"),
        new Check.Result("neo4j authentication", true,
            "the server accepts clients without authentication"),
        new Check.Result("neo4j database", true, "default database 'neo4j' is available"),
        new Check.Result("neo4j constraint on :User(key)", true,
            "absent: replicas racing on one new user may create duplicate nodes; set "
                + "NEO4J_CREATE_CONSTRAINT=true, or run: CREATE CONSTRAINT FOR (user:User) "
                + "REQUIRE user.key IS UNIQUE"),
        new Check.Result("neo4j users", true, "2 User nodes")), results);
  }

  @Test
  void checks_failForAMissingDatabase_andLookupsFailPermanently() {
    try (Neo4jUserStore missing = storeWith(Map.of("NEO4J_DATABASE", "nosuchdb"))) {
      Check.Result database = check(missing, 2);

      assertEquals(false, database.ok());
      assertTrue(database.detail().startsWith("Neo4j at " + server.boltUri()
          + " (database 'nosuchdb') cannot serve database 'nosuchdb' while checking the "
          + "database (does the database exist?): "), database.detail());
      ResolutionException e =
          assertThrows(ResolutionException.class, () -> missing.find("ada@example.com"));
      assertEquals(false, e.isTransient());
      assertTrue(e.getMessage().contains("(database 'nosuchdb') cannot serve database "
          + "'nosuchdb' while looking up user ada@example.com"), e.getMessage());
    }
  }

  @Test
  void namedDatabase_isUsed() {
    try (Neo4jUserStore named = storeWith(Map.of("NEO4J_DATABASE", "neo4j"))) {
      named.createOrUpdate(User.minimal("ada@example.com"));

      assertEquals("database 'neo4j' is available", check(named, 2).detail());
      assertEquals(1, usersKeyed("ada@example.com"));
    }
  }

  @Test
  void routingUri_readsAndWrites_againstASingleServer() {
    String routing = server.boltUri().replace("bolt://", "neo4j://");
    try (Neo4jUserStore routed = storeWith(Map.of("NEO4J_URI", routing))) {
      assertEquals(WriteOutcome.CREATED, routed.createOrUpdate(fullUser("ada@example.com")));

      assertEquals(Optional.of(fullUser("ada@example.com")), routed.find("ada@example.com"));
      assertEquals(new Check.Result("neo4j connectivity", true,
          "reachable at " + routing + ", unencrypted"), check(routed, 0));
    }
  }

  private static Check.Result check(UserStore store, int index) {
    return store.checks().get(index).run();
  }

  @Test
  void createOrUpdate_reportsCreatedForNewUsersOnly_andLeavesNoMarkerBehind() {
    List<WriteOutcome> outcomes = List.of("a@x.com", "b@x.com", "a@x.com").stream()
        .map(id -> store.createOrUpdate(User.minimal(id)))
        .toList();

    assertEquals(List.of(WriteOutcome.CREATED, WriteOutcome.CREATED, WriteOutcome.UPDATED),
        outcomes);
    assertEquals(0, server.count("MATCH (user:User) WHERE user[$marker] IS NOT NULL "
        + "RETURN count(user)", Map.of("marker", Cypher.CREATED_MARKER)));
  }
}
