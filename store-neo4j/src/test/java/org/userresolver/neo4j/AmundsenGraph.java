package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.graphdb.Result;
import org.userresolver.User;
import org.userresolver.UserJson;

/**
 * Writes and reads the graph exactly as Amundsen does: its metadata service 3.13
 * ({@code Neo4jProxy.add_resource_owner}, {@code create_update_user}, {@code get_user}) and
 * databuilder 7.5 (the {@code User} model through {@code Neo4jCsvPublisher}), with their Cypher
 * and their property shapes, values typed as their Python code types them: {@code str} as text,
 * {@code int} as an integer, {@code float} as a float, {@code bool} as a boolean. Databuilder's
 * values are typed as pandas reads its CSV files back: booleans, integers and floats as such,
 * anything else, lists included, as the text Python wrote for it.
 */
final class AmundsenGraph {

  /** Databuilder's publish tag in these tests. */
  static final String PUBLISH_TAG = "2024-05-01";

  /** {@code Neo4jProxy.add_resource_owner}, first statement: the owner stub. */
  private static final String CREATE_OWNER = """
      MERGE (u:User {key: $user_email})
      on CREATE SET u={email: $user_email, key: $user_email}
      """;

  /** {@code Neo4jProxy.add_resource_owner}, second statement, for a table. */
  private static final String UPSERT_OWNER_RELATION = """
      MATCH (n1:User {key: $user_email}), (n2:Table {key: $res_key})
      MERGE (n1)-[r1:OWNER_OF]->(n2)-[r2:OWNER]->(n1)
      RETURN n1.key, n2.key
      """;

  /** {@code Neo4jProxy.get_user}. */
  private static final String GET_USER = """
      MATCH (user:User {key: $user_id})
      OPTIONAL MATCH (user)-[:MANAGE_BY]->(manager:User)
      RETURN properties(user) as user_record, properties(manager) as manager_record
      """;

  /** {@code Neo4jCsvPublisher.create_relationship_merge_statement} for the manager relation. */
  private static final String PUBLISH_MANAGER_RELATION = """
      MATCH (n1:User {key: $START_KEY}), (n2:User {key: $END_KEY})
      MERGE (n1)-[r1:MANAGE_BY]->(n2)-[r2:MANAGE]->(n1)
      ON CREATE SET r1.published_tag = '2024-05-01',
          r1.publisher_last_updated_epoch_ms = timestamp() ,
          r2.published_tag = '2024-05-01', r2.publisher_last_updated_epoch_ms = timestamp()
      ON MATCH SET r1.published_tag = '2024-05-01',
          r1.publisher_last_updated_epoch_ms = timestamp() ,
          r2.published_tag = '2024-05-01', r2.publisher_last_updated_epoch_ms = timestamp()
      RETURN n1.key, n2.key
      """;

  /** {@code publisher_utils.create_neo4j_node_key_constraint}, run before any node is written. */
  static final String DATABUILDER_CONSTRAINT = """
      CREATE CONSTRAINT ON (node:User) ASSERT node.key IS UNIQUE
      """;

  private final Neo4jServer server;

  AmundsenGraph(Neo4jServer server) {
    this.server = server;
  }

  /**
   * {@code Neo4jProxy.add_resource_owner} (also what {@code add_resource_relation_by_user}
   * does for followers and readers): the owner stub, {@code {email, key}}, then the
   * {@code OWNER_OF} / {@code OWNER} pair to the table, in one transaction.
   */
  void addOwner(String tableKey, String owner) {
    server.inTransaction(tx -> {
      tx.execute(CREATE_OWNER, Map.of("user_email", owner)).close();
      try (Result result = tx.execute(UPSERT_OWNER_RELATION,
          Map.of("user_email", owner, "res_key", tableKey))) {
        if (!result.hasNext()) {
          throw new IllegalStateException("Failed to create relation between owner " + owner
              + " and resource " + tableKey);
        }
      }
    });
  }

  /**
   * {@code PUT /user}: {@code UserSchema().load} of the body (this library's {@link User}
   * applies the same rules), then {@code Neo4jProxy.create_update_user} with
   * {@code UserSchema().dump} of it: each truthy value {@code usr.k = $k}, then the publisher
   * properties; created when {@code publisher_created_epoch_ms = timestamp()}.
   *
   * @param body the JSON body's keys and values
   * @return Amundsen's created flag
   */
  boolean createUpdateUser(Map<String, Object> body) {
    Map<String, Object> userData = UserJson.toMap(UserJson.fromMap(body));
    List<String> props = new ArrayList<>();
    for (Map.Entry<String, Object> entry : userData.entrySet()) {
      if (truthy(entry.getValue())) {
        props.add("usr." + entry.getKey() + " = $" + entry.getKey());
      }
    }
    props.add("usr.published_tag = 'api_create_update_user'");
    props.add("usr.publisher_last_updated_epoch_ms = timestamp()");
    String userProps = String.join(", ", props);
    String query = """
        MERGE (usr:User {key: $user_id})
        on CREATE SET %s, usr.publisher_created_epoch_ms=timestamp()
        on MATCH SET %s
        RETURN usr, usr.publisher_created_epoch_ms = timestamp() as created
        """.formatted(userProps, userProps);
    boolean[] created = {false};
    server.inTransaction(tx -> {
      try (Result result = tx.execute(query, userData)) {
        created[0] = Boolean.TRUE.equals(result.next().get("created"));
      }
    });
    return created[0];
  }

  private static boolean truthy(Object value) {
    return value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
        && !(value instanceof Map<?, ?> map && map.isEmpty());
  }

  /**
   * Databuilder's {@code User} model published by {@code Neo4jCsvPublisher}: first every node,
   * one {@code MERGE} per record with every attribute on create and on match plus the publish
   * tag; then one relation statement per user with a manager, which relates only nodes that
   * both exist. Runs on Neo4j 3.5 or 4.x, after {@link #DATABUILDER_CONSTRAINT}; on Neo4j 5 that
   * statement fails first (see the tests), so these tests create the constraint with Neo4j 5's
   * syntax when they want it.
   *
   * @param users the users, as {@link #databuilderUser} builds them
   */
  void publishWithDatabuilder(List<DatabuilderUser> users) {
    server.inTransaction(tx -> {
      for (DatabuilderUser user : users) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("LABEL", "User");
        record.put("KEY", user.email());
        record.putAll(user.attributes());
        List<String> props = new ArrayList<>();
        for (String name : user.attributes().keySet()) {
          props.add("node." + name + " = $" + name);
        }
        props.add("node.published_tag = '" + PUBLISH_TAG + "'");
        props.add("node.publisher_last_updated_epoch_ms = timestamp()");
        String body = String.join(", ", props);
        tx.execute("""
            MERGE (node:User {key: $KEY})
            ON CREATE SET %s
            ON MATCH SET %s
            """.formatted(body, body), record).close();
      }
    });
    server.inTransaction(tx -> {
      for (DatabuilderUser user : users) {
        if (!user.managerEmail().isEmpty()) {
          tx.execute(PUBLISH_MANAGER_RELATION, Map.of("START_KEY", user.email(),
              "END_KEY", user.managerEmail())).close();
        }
      }
    });
  }

  /**
   * A user as databuilder's {@code User(...)} model makes it, {@code get_user_node()}: every
   * attribute, empty ones as {@code ''}, {@code is_active} a boolean, {@code updated_at} an
   * integer, then the extra keyword attributes; {@code manager_email} is not a node property,
   * only a relation.
   *
   * @param email the email, also the key
   * @param fullName the full name, or empty
   * @param managerEmail the manager's email, or empty
   * @param isActive the active flag
   * @param extra the keyword attributes, typed as pandas reads them back
   * @return the user
   */
  static DatabuilderUser databuilderUser(String email, String fullName, String managerEmail,
      boolean isActive, Map<String, Object> extra) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("email", email);
    attributes.put("is_active", isActive);
    attributes.put("profile_url", "");
    int space = fullName.indexOf(' ');
    attributes.put("first_name", space < 0 ? "" : fullName.substring(0, space));
    attributes.put("last_name", space < 0 ? "" : fullName.substring(space + 1));
    attributes.put("full_name", fullName);
    attributes.put("github_username", "");
    attributes.put("team_name", "");
    attributes.put("employee_type", "fte");
    attributes.put("slack_id", "");
    attributes.put("role_name", "");
    attributes.put("updated_at", 1714521600L);
    extra.forEach(attributes::putIfAbsent);
    return new DatabuilderUser(email, managerEmail, attributes);
  }

  /**
   * One databuilder user record.
   *
   * @param email the key
   * @param managerEmail the manager, related if that node exists
   * @param attributes the node's attributes
   */
  record DatabuilderUser(String email, String managerEmail, Map<String, Object> attributes) {}

  /**
   * {@code GET /user/<id>}: {@code Neo4jProxy.get_user} then {@code UserSchema().dump}, as a
   * map of the JSON keys to the raw property values Amundsen puts there (its dump applies
   * {@code str()} to text fields; these tests compare text fields only). {@code display_name},
   * {@code manager_email} and {@code manager_id} are always {@code null}.
   *
   * @param id the user id
   * @param userOtherKeys the metadata service's {@code USER_OTHER_KEYS}
   * @return the answer, or empty for Amundsen's 404
   */
  Optional<Map<String, Object>> getUser(String id, Set<String> userOtherKeys) {
    List<Map<String, Object>> records = server.rows(GET_USER, Map.of("user_id", id));
    if (records.isEmpty()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> user = (Map<String, Object>) records.get(0).get("user_record");
    @SuppressWarnings("unchecked")
    Map<String, Object> manager = (Map<String, Object>) records.get(0).get("manager_record");
    return Optional.of(buildUserFromRecord(user, manager, userOtherKeys));
  }

  /** {@code Neo4jProxy._build_user_from_record}, then {@code UserSchema().dump}. */
  private static Map<String, Object> buildUserFromRecord(Map<String, Object> record,
      Map<String, Object> managerRecord, Set<String> userOtherKeys) {
    Object managerName = managerRecord == null ? "" : managerRecord.getOrDefault("full_name", "");
    Map<String, Object> otherKeyValues = new TreeMap<>();
    for (String key : userOtherKeys) {
      if (record.containsKey(key)) {
        otherKeyValues.put(key, record.get(key));
      }
    }
    Map<String, Object> dumped = new HashMap<>();
    dumped.put("email", record.get("email"));
    dumped.put("user_id", record.getOrDefault("user_id", record.get("email")));
    for (String key : List.of("first_name", "last_name", "full_name", "profile_url",
        "github_username", "team_name", "slack_id", "employee_type", "role_name")) {
      dumped.put(key, record.get(key));
    }
    dumped.put("is_active", record.getOrDefault("is_active", true));
    dumped.put("manager_fullname", record.getOrDefault("manager_fullname", managerName));
    dumped.put("display_name", null);
    dumped.put("manager_email", null);
    dumped.put("manager_id", null);
    dumped.put("other_key_values", otherKeyValues);
    return dumped;
  }

  private static boolean nonBlankText(Object value) {
    return value instanceof String text && !text.isBlank();
  }

  /**
   * Asserts that Amundsen can show every {@code User} node: its {@code get_user} answers a
   * non-empty {@code email} and {@code user_id}, and its frontend's {@code UserSchema().load}
   * of that answer passes validation. Also that every {@code MANAGE_BY} has its {@code MANAGE}.
   */
  void assertEveryUserNodeIsOneAmundsenCanShow() {
    List<Map<String, Object>> records = server.rows("""
        MATCH (user:User)
        OPTIONAL MATCH (user)-[:MANAGE_BY]->(manager:User)
        RETURN properties(user) AS user_record, properties(manager) AS manager_record
        """, Map.of());
    assertFalse(records.isEmpty(), "no User nodes to check");
    for (Map<String, Object> row : records) {
      @SuppressWarnings("unchecked")
      Map<String, Object> user = (Map<String, Object>) row.get("user_record");
      @SuppressWarnings("unchecked")
      Map<String, Object> manager = (Map<String, Object>) row.get("manager_record");
      Map<String, Object> answer = buildUserFromRecord(user, manager, Set.of());
      Object key = user.get("key");
      if (!nonBlankText(answer.get("email")) || !nonBlankText(answer.get("user_id"))) {
        fail("Amundsen's get_user answers email " + answer.get("email") + " and user_id "
            + answer.get("user_id") + " for the User node " + user);
      }
      Map<String, Object> loadable = new HashMap<>(answer);
      loadable.values().removeIf(value -> value == null);
      try {
        UserJson.fromMap(loadable);
      } catch (IllegalArgumentException e) {
        fail("Amundsen's frontend cannot load the User node " + key + ": " + e.getMessage());
      }
    }
    assertEquals(0L, server.count("""
        MATCH (user:User)-[:MANAGE_BY]->(manager:User)
        WHERE NOT (manager)-[:MANAGE]->(user)
        RETURN count(*)
        """, Map.of()), "MANAGE_BY without MANAGE");
  }
}
