package org.userresolver.reliability;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * A store that counts, per user id, the writes that succeeded, and passes everything else to
 * the store it wraps unchanged (also whether it blocks, its checks and its closing).
 */
final class RecordingStore implements UserStore {
  private final UserStore store;
  private final ConcurrentMap<String, AtomicLong> writes = new ConcurrentHashMap<>();

  RecordingStore(UserStore store) {
    this.store = store;
  }

  /** Writes of this id that succeeded. */
  long writes(String id) {
    AtomicLong count = writes.get(id);
    return count == null ? 0 : count.get();
  }

  /** Writes that succeeded, all ids. */
  long writes() {
    return writes.values().stream().mapToLong(AtomicLong::get).sum();
  }

  @Override
  public Optional<User> find(String userId) {
    return store.find(userId);
  }

  @Override
  public Map<String, User> findAll(Collection<String> userIds) {
    return store.findAll(userIds);
  }

  @Override
  public WriteOutcome createOrUpdate(User user) {
    WriteOutcome outcome = store.createOrUpdate(user);
    writes.computeIfAbsent(user.userId(), id -> new AtomicLong()).incrementAndGet();
    return outcome;
  }

  @Override
  public Map<String, WriteOutcome> createOrUpdateAll(Collection<User> users) {
    Map<String, WriteOutcome> outcomes = store.createOrUpdateAll(users);
    users.forEach(user -> writes.computeIfAbsent(user.userId(), id -> new AtomicLong())
        .incrementAndGet());
    return outcomes;
  }

  @Override
  public Optional<Set<String>> userIds(boolean writtenByUserresolver) {
    return store.userIds(writtenByUserresolver);
  }

  @Override
  public boolean neverBlocks() {
    return store.neverBlocks();
  }

  @Override
  public List<Check> checks() {
    return store.checks();
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
