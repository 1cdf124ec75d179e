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
   * The label of the node that serialises writes when {@code User.key} has no uniqueness
   * constraint: every write first locks it, so writes of one new key never overlap.
   */
  static final String LOCK_LABEL = "UserresolverLock";

  /** The {@code name} of the lock node: what it guards. */
  static final String LOCK_NAME = "User.key";

  /**
   * Creates the lock node unless one exists, in its own transaction before the first
   * serialised write; once committed, every later write sees it. Parameter {@code name}.
   */
  static final String CREATE_LOCK = """
      MERGE (lock:%s {name: $name})
      RETURN count(lock) AS locks
      """.formatted(LOCK_LABEL);

  /**
   * The prefix of a serialised write: locks every lock node (an exclusive lock held until the
   * transaction ends; {@code MERGE} recreates one deleted since), and the aggregation finishes
   * locking before any user is merged. Parameter {@code lock_name}.
   */
  private static final String LOCK_PREFIX = """
      MERGE (lock:%s {name: $lock_name})
      SET lock.last_acquired_epoch_ms = timestamp()
      WITH count(lock) AS locks
      """.formatted(LOCK_LABEL);

  /**
   * Amundsen's create-or-update for a batch of users in one statement, where the uniqueness
   * constraint on {@code User.key} serialises concurrent creations of one key. First, per user, one
   * {@code MERGE} on the key with the non-empty properties on both create and match,
   * Amundsen's publisher properties, this library's own write stamp, and the created flag.
   * Then, once every user of the batch is merged (the {@code collect}), the manager links: the
   * {@code MANAGE_BY} / {@code MANAGE} pair to the node keyed by {@code manager_email}, created
   * as Amundsen's stubs are ({@code key} and {@code email} only) when absent, and the relations
   * to any previous manager removed. So a manager written in the same batch is a user, never a
   * stub, and is reported as created when it was new. Parameter {@code users}: a list of maps
   * {@code {user_id, properties, manager_email}} (empty for none) with distinct ids. Plain
   * clauses only (no subqueries), so it runs on every Neo4j the driver supports, from 4.4 on.
   */
  static final String WRITE_ALL = """
      UNWIND $users AS row
      MERGE (usr:User {key: row.user_id})
      ON CREATE SET usr += row.properties,
          usr.published_tag = 'api_create_update_user',
          usr.publisher_created_epoch_ms = timestamp(),
          usr.publisher_last_updated_epoch_ms = timestamp(),
          usr.%1$s = timestamp(),
          usr.%2$s = true
      ON MATCH SET usr += row.properties,
          usr.published_tag = 'api_create_update_user',
          usr.publisher_last_updated_epoch_ms = timestamp(),
          usr.%1$s = timestamp()
      WITH row, usr, usr.%2$s IS NOT NULL AS created
      REMOVE usr.%2$s
      WITH collect({row: row, usr: usr, created: created}) AS written
      UNWIND written AS each
      WITH each.row AS row, each.usr AS usr, each.created AS created
      WITH row, usr, created, CASE WHEN row.manager_email = '' THEN [] ELSE
          [(usr)-[link:MANAGE_BY]->(previous:User)
              WHERE previous.key <> row.manager_email | link]
          + [(usr)<-[link:MANAGE]-(previous:User)
              WHERE previous.key <> row.manager_email | link] END AS stale
      FOREACH (link IN stale | DELETE link)
      FOREACH (manager_key IN CASE
          WHEN row.manager_email <> '' AND row.manager_email <> row.user_id
          THEN [row.manager_email] ELSE [] END |
        MERGE (manager:User {key: manager_key})
        ON CREATE SET manager.email = manager_key
        MERGE (usr)-[:MANAGE_BY]->(manager)
        MERGE (manager)-[:MANAGE]->(usr))
      RETURN row.user_id AS user_id, created
      """.formatted(UserNodes.WRITTEN_EPOCH_MS, CREATED_MARKER);

  /**
   * {@link #WRITE_ALL} serialised on the lock node, for a graph without the uniqueness
   * constraint. Parameters {@code lock_name} and {@code users}.
   */
  static final String WRITE_ALL_LOCKED = LOCK_PREFIX + WRITE_ALL;

  /** The keys of every {@code User} node. */
  static final String ALL_KEYS = """
      MATCH (user:User) WHERE user.key IS NOT NULL
      RETURN user.key AS key
      """;

  /** The keys of the {@code User} nodes this library wrote a profile to. */
  static final String WRITTEN_KEYS = """
      MATCH (user:User) WHERE user.key IS NOT NULL AND user.%s IS NOT NULL
      RETURN user.key AS key
      """.formatted(UserNodes.WRITTEN_EPOCH_MS);

  /** The name this store gives the uniqueness constraint it creates. */
  static final String CONSTRAINT_NAME = "userresolver_user_key";

  /** Creates the uniqueness constraint on {@code User.key} unless an equivalent one exists. */
  static final String CREATE_CONSTRAINT = """
      CREATE CONSTRAINT %s IF NOT EXISTS
      FOR (user:User) REQUIRE user.key IS UNIQUE
      """.formatted(CONSTRAINT_NAME);

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
