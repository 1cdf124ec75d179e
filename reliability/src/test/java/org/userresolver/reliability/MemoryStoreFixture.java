package org.userresolver.reliability;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * The {@code memory} store: one instance per test, made by its factory; "down" makes every
 * call through {@link #newStore()} fail as a store that cannot be reached does (transiently).
 */
final class MemoryStoreFixture implements StoreFixture {
  /** The store of the current test; {@link #newStore()} stores reach whichever is current. */
  private volatile UserStore store;
  private volatile boolean down;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public void start() {
    reset();
  }

  @Override
  public void reset() {
    store = Plugins.store(Settings.of(settings()));
    down = false;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("USER_RESOLVER_STORE", "memory");
  }

  @Override
  public Map<String, String> settingsWithWrongSecrets() {
    return Map.of();
  }

  /** The memory store has no settings of its own. */
  @Override
  public List<BadSetting> badSettings() {
    return List.of();
  }

  @Override
  public UserStore newStore() {
    return new UserStore() {
      @Override
      public Optional<User> find(String userId) {
        reachable();
        return store.find(userId);
      }

      @Override
      public Map<String, User> findAll(Collection<String> userIds) {
        reachable();
        return store.findAll(userIds);
      }

      @Override
      public WriteOutcome createOrUpdate(User user) {
        reachable();
        return store.createOrUpdate(user);
      }

      @Override
      public boolean neverBlocks() {
        return store.neverBlocks();
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }

  private void reachable() {
    if (down) {
      throw ResolutionException.transientFailure("the memory store is down (test outage)");
    }
  }

  @Override
  public long stored(String id) {
    return store.find(id).isPresent() ? 1 : 0;
  }

  @Override
  public Optional<User> peek(String id) {
    return store.find(id);
  }

  @Override
  public void putStub(String id) {
    if (store.find(id).isEmpty()) {
      store.createOrUpdate(User.builder().userId(id).email(id).build());
    }
  }

  @Override
  public void down() {
    down = true;
  }

  @Override
  public void up() {
    down = false;
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return name();
  }
}
