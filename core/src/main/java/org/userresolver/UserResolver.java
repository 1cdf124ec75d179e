package org.userresolver;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Something that turns a user id into a {@link User}: an identity provider, or the whole
 * resolution chain that {@link UserResolvers} builds.
 *
 * <p>An identity provider implements {@link #resolve} alone; it throws
 * {@link UserNotFoundException} for an unknown user and {@link ResolutionException} for any
 * other failure (transient or permanent), and is called by the chain from several threads at
 * once, so it must be thread-safe. The chain itself never throws for a lookup: an unknown or
 * unreachable user comes back as the minimal {@code {email, user_id}} profile.
 */
public interface UserResolver extends AutoCloseable {

  /**
   * Returns the profile of one user.
   *
   * @param userId the user id, usually an email address
   * @return the profile, never {@code null}
   * @throws UserNotFoundException when an identity provider does not know the user
   * @throws ResolutionException when an identity provider fails
   * @throws IllegalArgumentException when the id is null, blank, too long or has control
   *     characters
   */
  User resolve(String userId);

  /**
   * Returns the profile of one user without blocking the caller. The default runs
   * {@link #resolve} on the common pool.
   *
   * @param userId the user id
   * @return a future completing with the profile, or exceptionally as {@link #resolve} throws
   */
  default CompletableFuture<User> resolveAsync(String userId) {
    return CompletableFuture.supplyAsync(() -> resolve(userId));
  }

  /**
   * Returns the profiles of several users, keyed by the ids as given. The chain answers every
   * id (fallbacks included) and reads the store once for all ids where the store can; the
   * default for a provider resolves one by one and leaves out users it does not know.
   *
   * @param userIds the user ids
   * @return the profiles, in the order of the ids
   */
  default Map<String, User> resolveAll(Collection<String> userIds) {
    Map<String, User> users = new LinkedHashMap<>();
    for (String userId : userIds) {
      try {
        users.put(userId, resolve(userId));
      } catch (UserNotFoundException e) {
        // unknown users are left out
      }
    }
    return users;
  }

  /**
   * Returns this provider's list of users, for a bulk sync, when it can list them. The default
   * has none.
   *
   * @return the directory, or empty when users can only be looked up one by one
   */
  default Optional<UserDirectory> directory() {
    return Optional.empty();
  }

  /**
   * Returns the steps {@code user-resolver check} runs to verify this resolver's
   * configuration end to end (discovery document, token, a lookup). The default has none.
   *
   * @return the checks, in the order to run them
   */
  default List<Check> checks() {
    return List.of();
  }

  /** Releases connections and threads; the default does nothing. Idempotent. */
  @Override
  default void close() {}
}
