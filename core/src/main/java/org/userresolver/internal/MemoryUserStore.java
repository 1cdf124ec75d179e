package org.userresolver.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.userresolver.Check;
import org.userresolver.User;
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

  @Override
  public WriteOutcome createOrUpdate(User user) {
    return users.put(user.userId(), user) == null ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
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
