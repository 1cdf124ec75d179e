package org.userresolver.neo4j;

/**
 * The Cypher statements of the Neo4j store. Every value, user ids and property names included,
 * travels as a parameter; nothing is built from input.
 */
final class Cypher {

  /**
   * A property set only while the creating transaction runs, and removed before it commits: it
   * tells the creating write from a concurrent matching one exactly, where Amundsen's
   * {@code publisher_created_epoch_ms = timestamp()} cannot tell two writes in one millisecond
   * apart. Never visible outside the transaction.
   */
  static final String CREATED_MARKER = "userresolver_created_in_this_transaction";

  /** Amundsen's lookup: one user and its manager. Parameter {@code user_id}. */
  static final String FIND = """
      MATCH (user:User {key: $user_id})
      OPTIONAL MATCH (user)-[:MANAGE_BY]->(manager:User)
      RETURN user AS user_record, manager AS manager_record
      ORDER BY manager_record.key
      LIMIT 1
      """;

  /** The batched lookup: all users of a list in one round trip. Parameter {@code user_ids}. */
  static final String FIND_ALL = """
      UNWIND $user_ids AS user_id
      MATCH (user:User {key: user_id})
      OPTIONAL MATCH (user)-[:MANAGE_BY]->(manager:User)
      WITH user_id, user, manager
      ORDER BY manager.key
      RETURN user_id, user AS user_record, collect(manager)[0] AS manager_record
      """;

  /**
   * Amundsen's create-or-update: one {@code MERGE} on the key, the non-empty properties on both
   * create and match, Amundsen's publisher properties, the created flag, and for a manager the
   * {@code MANAGE_BY} / {@code MANAGE} pair to a manager node merged by its email, relations to
   * any previous manager removed. Parameters {@code user_id}, {@code properties},
   * {@code manager_email} (empty for none). Plain clauses only (no subqueries), so it runs on
   * every Neo4j the driver supports, from 4.4 on.
   */
  static final String CREATE_OR_UPDATE = """
      MERGE (usr:User {key: $user_id})
      ON CREATE SET usr += $properties,
          usr.published_tag = 'api_create_update_user',
          usr.publisher_created_epoch_ms = timestamp(),
          usr.publisher_last_updated_epoch_ms = timestamp(),
          usr.%1$s = true
      ON MATCH SET usr += $properties,
          usr.published_tag = 'api_create_update_user',
          usr.publisher_last_updated_epoch_ms = timestamp()
      WITH usr, usr.%1$s IS NOT NULL AS created
      REMOVE usr.%1$s
      WITH usr, created
      OPTIONAL MATCH (usr)-[stale:MANAGE_BY]->(previous:User)
      WHERE $manager_email <> '' AND previous.key <> $manager_email
      OPTIONAL MATCH (previous)-[staleReverse:MANAGE]->(usr)
      DELETE stale, staleReverse
      WITH DISTINCT usr, created
      FOREACH (manager_key IN CASE
          WHEN $manager_email <> '' AND $manager_email <> $user_id THEN [$manager_email]
          ELSE [] END |
        MERGE (manager:User {key: manager_key})
        MERGE (usr)-[:MANAGE_BY]->(manager)
        MERGE (manager)-[:MANAGE]->(usr))
      RETURN created
      """.formatted(CREATED_MARKER);

  /** Creates the uniqueness constraint on {@code User.key} unless an equivalent one exists. */
  static final String CREATE_CONSTRAINT = """
      CREATE CONSTRAINT userresolver_user_key IF NOT EXISTS
      FOR (user:User) REQUIRE user.key IS UNIQUE
      """;

  /** Names the uniqueness (or node key) constraints on exactly {@code User.key}. */
  static final String FIND_CONSTRAINT = """
      SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
      WHERE type IN ['UNIQUENESS', 'NODE_PROPERTY_UNIQUENESS', 'NODE_KEY']
        AND labelsOrTypes = ['User'] AND properties = ['key']
      RETURN name
      """;

  /** Counts the {@code User} nodes (from the count store; cheap on any graph size). */
  static final String COUNT_USERS = "MATCH (user:User) RETURN count(user) AS users";

  /** A trivial query whose summary names the database that answered. */
  static final String PING = "RETURN 1";

  private Cypher() {}
}
