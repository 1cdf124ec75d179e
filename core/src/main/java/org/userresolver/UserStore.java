package org.userresolver;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A metadata store that holds user profiles keyed by user id (Amundsen's Neo4j graph, Apache
 * Atlas, or memory).
 *
 * <p>Implementations are thread-safe: the resolution chain calls them from many threads. They
 * throw {@link ResolutionException} for failures, transient or permanent, and store ids
 * literally.
 */
public interface UserStore extends AutoCloseable {

  /** What {@link #createOrUpdate} did. */
  enum WriteOutcome {
    /** The user was new and has been created. */
    CREATED,
    /** The user existed and has been updated. */
    UPDATED
  }

  /**
   * Looks one user up.
   *
   * @param userId the user id (the store's key)
   * @return the profile, or empty when the store does not know the user
   * @throws ResolutionException when the store fails
   */
  Optional<User> find(String userId);

  /**
   * Looks several users up; stores that can do so answer in one round trip. The default calls
   * {@link #find} for each id.
   *
   * @param userIds the user ids
   * @return the users the store knows, keyed by id; unknown ids are absent
   * @throws ResolutionException when the store fails
   */
  default Map<String, User> findAll(Collection<String> userIds) {
    Map<String, User> users = new LinkedHashMap<>();
    for (String userId : userIds) {
      find(userId).ifPresent(user -> users.put(userId, user));
    }
    return users;
  }

  /**
   * Creates the user, or updates it when one with the same {@link User#userId()} exists.
   * Idempotent: replicas racing on one new user leave one user.
   *
   * @param user the profile to write
   * @return whether the user was created or updated
   * @throws ResolutionException when the store fails; nothing is half-written
   */
  WriteOutcome createOrUpdate(User user);

  /**
   * Creates or updates many users, each as {@link #createOrUpdate} would, in as few round trips
   * as the store can (Neo4j: one {@code UNWIND ... MERGE} in one transaction). The default writes
   * them one by one.
   *
   * @param users the profiles to write, distinct user ids
   * @return what happened to each, by user id, in the order given
   * @throws ResolutionException when the store fails; a store with transactions writes nothing
   *     of a failed batch (the default may have written the users before the failing one)
   */
  default Map<String, WriteOutcome> createOrUpdateAll(Collection<User> users) {
    Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
    for (User user : users) {
      outcomes.put(user.userId(), createOrUpdate(user));
    }
    return outcomes;
  }

  /**
   * Returns the ids of the users this store holds, for a sync to find the users its provider no
   * longer lists: those userresolver wrote (a lookup's or a sync's write), or every user. The
   * default cannot tell.
   *
   * @param writtenByUserresolver {@code true} for only the users userresolver wrote,
   *     {@code false} for all, whoever wrote them (Amundsen's databuilder, say)
   * @return the ids, or empty when the store cannot list them
   * @throws ResolutionException when the store fails
   */
  default Optional<Set<String>> userIds(boolean writtenByUserresolver) {
    return Optional.empty();
  }

  /**
   * Returns the {@code UserSchema} keys ({@link UserJson#KEYS}) this store keeps; a field it
   * does not keep is neither written nor read back (Atlas's {@code User} entity has no
   * {@code display_name} and no {@code other_key_values}). A sync compares only these fields
   * when it decides whether a stored user is unchanged, so a field the store cannot hold never
   * makes it write the user again. The default: every key.
   *
   * @return the kept keys, {@code user_id} aside
   */
  default Set<String> keptFields() {
    return Set.copyOf(UserJson.KEYS);
  }

  /**
   * Tells whether every call returns without waiting on I/O or on other threads (an
   * in-process store, such as {@code memory}). The chain calls such a store on the caller's
   * thread, once, instead of handing the call to a worker under the retry policy and deadline;
   * so only a store that cannot block or fail transiently may say so. The default is
   * {@code false}.
   *
   * @return {@code true} for a store that never blocks
   */
  default boolean neverBlocks() {
    return false;
  }

  /**
   * Returns the steps {@code user-resolver check} runs to verify this store's configuration
   * (connectivity, authentication, schema). The default has none.
   *
   * @return the checks, in the order to run them
   */
  default List<Check> checks() {
    return List.of();
  }

  /** Releases connections; the default does nothing. Idempotent. */
  @Override
  default void close() {}
}
