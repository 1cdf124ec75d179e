package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        "team_name", "user_id", "userresolver_last_written_epoch_ms"),
        sortedKeys("ada@example.com"));
  }

  private static List<String> sortedKeys(String key) {
    Object keys = server.value("MATCH (user:User {key: $key}) RETURN keys(user)",
        Map.of("key", key));
    return ((List<?>) keys).stream().map(Object::toString).sorted().toList();
  }

  @Test
  void createOrUpdate_linksTheManager_bothWays_throughAnAmundsenShapedStub() {
    store.createOrUpdate(fullUser("ada@example.com"));

    assertEquals(1, server.count("MATCH (ada:User {key: 'ada@example.com'})-[:MANAGE_BY]->"
        + "(manager:User {key: 'charles@example.com'})-[:MANAGE]->(ada) RETURN count(*)",
        Map.of()));
    assertEquals(2, nodes());
    assertEquals(List.of("email", "key"), sortedKeys("charles@example.com"));
    assertEquals("charles@example.com", property("charles@example.com", "email"));
    assertEquals(Optional.of(User.minimal("charles@example.com")),
        store.find("charles@example.com"), "a stub is the user it is: just the email");
    assertEquals(Set.of("ada@example.com"), store.userIds(true).orElseThrow(),
        "a stub is not a profile this library wrote");

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
    try (Neo4jUserStore racing = storeWith(Map.of("NEO4J_MAX_TRANSACTION_RETRY_TIME", "PT30S"))) {
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
  void defaultSettings_createTheUniquenessConstraint_beforeTheFirstWrite() {
    server.cleanAll();
    store.createOrUpdate(User.minimal("ada@example.com"));

    assertEquals("created (userresolver_user_key) before the first write: replicas racing on "
        + "one new user create one node", check(store, 3).detail());
    assertEquals(1, server.count("SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
        + "WHERE labelsOrTypes = ['User'] AND properties = ['key'] RETURN count(*)", Map.of()));
    assertEquals(0, lockNodes());
  }

  @Test
  void check_settlesThePathAsTheFirstWriteWould_andSaysWhichItIs() {
    server.cleanAll();
    assertEquals("created (userresolver_user_key) before the first write: replicas racing on "
        + "one new user create one node", check(store, 3).detail());

    assertEquals(1, server.count("SHOW CONSTRAINTS YIELD name RETURN count(*)", Map.of()));
    assertEquals(0, nodes());
  }

  @Test
  void createConstraint_keepsAnEquivalentExistingConstraint() {
    server.cleanAll();
    server.run("CREATE CONSTRAINT databuilder_user_key FOR (n:User) REQUIRE n.key IS UNIQUE",
        Map.of());
    try (Neo4jUserStore constrained = storeWith(Map.of("NEO4J_CREATE_CONSTRAINT", "true"))) {
      constrained.createOrUpdate(User.minimal("ada@example.com"));

      assertEquals("present (databuilder_user_key): replicas racing on one new user create one "
          + "node", check(constrained, 3).detail());
      assertEquals(1, server.count("SHOW CONSTRAINTS YIELD name RETURN count(*)", Map.of()));
      assertEquals(Optional.of(User.minimal("ada@example.com")),
          constrained.find("ada@example.com"));
    }
  }

  @Test
  void createConstraintFalse_neverCreatesIt_andSerialisesWritesOnTheLockNode() {
    server.cleanAll();
    try (Neo4jUserStore serialised = storeWith(Map.of("NEO4J_CREATE_CONSTRAINT", "false"))) {
      assertEquals(WriteOutcome.CREATED, serialised.createOrUpdate(fullUser("ada@example.com")));

      assertEquals("absent, and NEO4J_CREATE_CONSTRAINT=false: writes are serialised on the "
          + ":UserresolverLock node, so replicas racing on one new user create one node",
          check(serialised, 3).detail());
      assertEquals(0, server.count("SHOW CONSTRAINTS YIELD name RETURN count(*)", Map.of()));
      assertEquals(1, lockNodes());
      assertEquals(Optional.of(fullUser("ada@example.com")), serialised.find("ada@example.com"));
      assertEquals(WriteOutcome.UPDATED, serialised.createOrUpdate(fullUser("ada@example.com")));
      assertEquals(1, lockNodes());
    }
  }

  @Test
  void auto_serialisesWrites_whenTheConstraintCannotBeCreated() {
    server.cleanAll();
    server.run("CREATE (:User {key: 'twin@example.com', email: 'twin@example.com'}), "
        + "(:User {key: 'twin@example.com', email: 'twin@example.com'})", Map.of());

    String detail = check(store, 3).detail();

    assertTrue(detail.startsWith("absent, and it could not be created (Neo4j at "
        + server.boltUri() + " (the default database) failed while creating the uniqueness "
        + "constraint on :User(key) before checking: "), detail);
    assertTrue(detail.contains("twin@example.com"), detail);
    assertTrue(detail.endsWith("): writes are serialised on the :UserresolverLock node, so "
        + "replicas racing on one new user create one node"), detail);
    assertEquals(1, lockNodes());
    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(fullUser("ada@example.com")));
    assertEquals(Optional.of(fullUser("ada@example.com")), store.find("ada@example.com"));
  }

  private static long lockNodes() {
    return server.count("MATCH (lock:UserresolverLock) RETURN count(lock)", Map.of());
  }

  @Test
  void checks_pass_andDescribeTheServer() {
    server.cleanAll();
    store.createOrUpdate(fullUser("ada@example.com"));

    List<Check.Result> results = store.checks().stream().map(Check::run).toList();

    assertEquals(List.of(
        new Check.Result("neo4j connectivity", true,
            "reachable at " + server.boltUri() + ", unencrypted"),
        new Check.Result("neo4j authentication", true,
            "the server accepts clients without authentication"),
        new Check.Result("neo4j database", true, "default database 'neo4j' is available"),
        new Check.Result("neo4j constraint on :User(key)", true,
            "created (userresolver_user_key) before the first write: replicas racing on one "
                + "new user create one node"),
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

  private static User named(String id, String fullName, String managerEmail) {
    return User.builder().userId(id).email(id).fullName(fullName).managerEmail(managerEmail)
        .build();
  }

  @Test
  void createOrUpdateAll_writesAThousandUsers_inOneTransaction() {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      users.add(named("user" + i + "@example.com", "User " + i, "user" + (i / 10)
          + "@example.com").toBuilder().teamName("Team " + (i % 7))
          .otherKeyValue("cost_center", String.valueOf(i % 13)).build());
    }
    try (Neo4jUserStore counted = storeWith(Map.of(), Config.ConfigBuilder::withDriverMetrics)) {
      counted.createOrUpdate(User.minimal("settles-the-write-path@example.com"));

      long before = acquired(counted);
      Map<String, WriteOutcome> outcomes = counted.createOrUpdateAll(users);
      long roundTrips = acquired(counted) - before;

      assertEquals(1, roundTrips, "connections used by one batch of 1,000 users");
      assertEquals(users.stream().map(User::userId).toList(), List.copyOf(outcomes.keySet()));
      assertEquals(Set.of(WriteOutcome.CREATED), Set.copyOf(outcomes.values()));
      assertEquals(1001, server.count("MATCH (u:User) RETURN count(u)", Map.of()));
      assertEquals(999, server.count("MATCH (u:User)-[:MANAGE_BY]->(m:User)-[:MANAGE]->(u) "
          + "RETURN count(*)", Map.of()), "all but user0, its own manager");
      Map<String, User> found = counted.findAll(users.stream().map(User::userId).toList());
      for (int i = 0; i < users.size(); i++) {
        assertEquals(users.get(i).toBuilder().managerFullname(i == 0 ? "" : "User " + (i / 10))
            .build(), found.get(users.get(i).userId()), "with the manager's full name");
      }
      assertEquals(Set.of(WriteOutcome.UPDATED),
          Set.copyOf(counted.createOrUpdateAll(users).values()));
      assertEquals(1001, server.count("MATCH (u:User) RETURN count(u)", Map.of()));
    }
  }

  @Test
  void createOrUpdateAll_linksManagers_inTheBatch_alreadyPresent_orAbsent() {
    store.createOrUpdate(named("grace@example.com", "Grace Hopper", ""));

    Map<String, WriteOutcome> outcomes = store.createOrUpdateAll(List.of(
        named("ada@example.com", "Ada Lovelace", "charles@example.com"),
        named("charles@example.com", "Charles Babbage", "grace@example.com"),
        named("alan@example.com", "Alan Turing", "absent@example.com"),
        named("joan@example.com", "Joan Clarke", "absent@example.com")));

    assertEquals(Map.of("ada@example.com", WriteOutcome.CREATED,
        "charles@example.com", WriteOutcome.CREATED,
        "alan@example.com", WriteOutcome.CREATED,
        "joan@example.com", WriteOutcome.CREATED), outcomes);
    assertEquals(List.of("charles@example.com"), managersOf("ada@example.com"));
    assertEquals(List.of("grace@example.com"), managersOf("charles@example.com"));
    assertEquals(List.of("absent@example.com"), managersOf("alan@example.com"));
    assertEquals(List.of("absent@example.com"), managersOf("joan@example.com"));
    assertEquals(1, usersKeyed("absent@example.com"));
    assertEquals(List.of("email", "key"), sortedKeys("absent@example.com"));
    assertEquals("Charles Babbage",
        store.find("ada@example.com").orElseThrow().managerFullname());
    assertEquals(named("charles@example.com", "Charles Babbage", "grace@example.com")
        .toBuilder().managerFullname("Grace Hopper").build(),
        store.find("charles@example.com").orElseThrow());
    assertEquals(6, nodes());
  }

  @Test
  void createOrUpdate_isABatchOfOne_writingWhatABatchWrites() {
    User single = fullUser("single@example.com").toBuilder()
        .managerEmail("boss@example.com").build();
    User batched = fullUser("batched@example.com").toBuilder()
        .managerEmail("boss@example.com").build();

    store.createOrUpdate(single);
    store.createOrUpdateAll(List.of(batched));

    assertEquals(sortedKeys("single@example.com"), sortedKeys("batched@example.com"));
    assertEquals(List.of("boss@example.com"), managersOf("single@example.com"));
    assertEquals(List.of("boss@example.com"), managersOf("batched@example.com"));
    assertEquals("api_create_update_user", property("batched@example.com", "published_tag"));
    assertTrue(sortedKeys("batched@example.com").contains("userresolver_last_written_epoch_ms"));
    assertEquals(single.toBuilder().userId("batched@example.com").email("batched@example.com")
        .build(), store.find("batched@example.com").orElseThrow());
  }

  @Test
  void createOrUpdateAll_thatFails_leavesNothingWritten() {
    store.createOrUpdate(named("boss@example.com", "Grace Boss", ""));
    server.run("CREATE CONSTRAINT slack_id_unique FOR (u:User) REQUIRE u.slack_id IS UNIQUE",
        Map.of());
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      users.add(named("user" + i + "@example.com", "User " + i, i % 2 == 0
          ? "boss@example.com" : "absent" + i + "@example.com").toBuilder()
          .slackId(i == 99 ? "U0" : "U" + i).build());
    }
    long before = nodes();

    ResolutionException e =
        assertThrows(ResolutionException.class, () -> store.createOrUpdateAll(users));

    assertEquals(false, e.isTransient(), e.getMessage());
    assertTrue(e.getMessage().contains("while writing 100 users"), e.getMessage());
    assertEquals(before, nodes());
    assertEquals(0, server.count("MATCH ()-[r]->() RETURN count(r)", Map.of()));
    assertEquals(0, usersKeyed("user0@example.com"));
  }

  @Test
  void createOrUpdateAll_rejectsRepeatedIds_andWritesNothing() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.createOrUpdateAll(List.of(User.minimal("a@example.com"),
            User.minimal("b@example.com"), fullUser("a@example.com"))));

    assertEquals("users must have distinct user ids, found \"a@example.com\" more than once",
        e.getMessage());
    assertEquals(0, nodes());
    assertEquals(Map.of(), store.createOrUpdateAll(List.of()));
  }

  @Test
  void userIds_listsTheUsersThisLibraryWrote_orEveryUser() {
    server.run(DATABUILDER_GRAPH, Map.of());
    server.run("CREATE (:User {key: 'owner@acme.com', email: 'owner@acme.com'}), "
        + "(:User {key: 'bare@acme.com'}), "
        + "(:User {key: 'api@acme.com', email: 'api@acme.com', full_name: 'Api User', "
        + "published_tag: 'api_create_update_user'})", Map.of());
    store.createOrUpdateAll(List.of(named("ada@example.com", "Ada", "charles@example.com"),
        store.find("jane@acme.com").orElseThrow()));
    store.createOrUpdate(named("owner@acme.com", "Owen Owner", ""));

    assertEquals(Optional.of(Set.of("ada@example.com", "jane@acme.com", "owner@acme.com")),
        store.userIds(true));
    assertEquals(Optional.of(Set.of("ada@example.com", "jane@acme.com", "owner@acme.com",
        "charles@example.com", "boss@acme.com", "old@acme.com", "legacy@acme.com",
        "bare@acme.com", "api@acme.com")), store.userIds(false));
    assertFalse(store.find("ada@example.com").orElseThrow().otherKeyValues()
        .containsKey("userresolver_last_written_epoch_ms"));
  }
}
