package org.userresolver.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserStore;

/**
 * A {@link UserStore} in memory: the default store, for tests, single-process tools and
 * catalogs that only need the identity provider behind a cache. Thread-safe; holds users until
 * the process ends.
 */
public final class MemoryUserStore implements UserStore {
  private final ConcurrentMap<String, User> users = new ConcurrentHashMap<>();

  @Override
  public Optional<User> find(String userId) {
    return Optional.ofNullable(users.get(userId));
  }

  /**
   * Stores the user; over a stored one, only the non-empty fields are written (and
   * {@code is_active}), so an update never erases what was stored, as in every store.
   */
  @Override
  public WriteOutcome createOrUpdate(User user) {
    boolean[] created = {false};
    users.compute(user.userId(), (id, stored) -> {
      created[0] = stored == null;
      return stored == null ? user : over(stored, user);
    });
    return created[0] ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
  }

  /** The stored profile with every non-empty field of the update written over it. */
  private static User over(User stored, User update) {
    Map<String, Object> merged = new LinkedHashMap<>(UserJson.toMap(stored));
    UserJson.toMap(update).forEach((key, value) -> {
      boolean empty = value instanceof String text && text.isEmpty()
          || value instanceof Map<?, ?> map && map.isEmpty();
      if (!empty) {
        merged.put(key, value);
      }
    });
    Map<String, String> others = new LinkedHashMap<>(stored.otherKeyValues());
    others.putAll(update.otherKeyValues());
    merged.put("other_key_values", others);
    return UserJson.fromMap(merged);
  }

  /** Returns every id held: a memory store holds only what userresolver wrote. */
  @Override
  public Optional<Set<String>> userIds(boolean writtenByUserresolver) {
    return Optional.of(Set.copyOf(users.keySet()));
  }

  /** Returns {@code true}: the map answers at once. */
  @Override
  public boolean neverBlocks() {
    return true;
  }

  @Override
  public List<Check> checks() {
    return List.of(new Check("store memory", () -> users.size() + " users held in memory"));
  }

  @Override
  public String toString() {
    return "MemoryUserStore[" + users.size() + " users]";
  }
}
