package org.userresolver.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserStore;

/** A memory store that counts calls (each write attempt in {@code writes}) and can be told to fail. */
final class ScriptedStore implements UserStore {
  final MemoryUserStore users = new MemoryUserStore();
  final AtomicInteger finds = new AtomicInteger();
  final AtomicInteger findAlls = new AtomicInteger();
  final List<User> writes = new CopyOnWriteArrayList<>();
  volatile boolean failWrites;
  final AtomicInteger transientWriteFailures = new AtomicInteger();
  volatile boolean failReads;
  volatile boolean closed;
  /** What the store adds to a stored user when it is read (Neo4j adds the manager's name). */
  volatile java.util.function.UnaryOperator<User> onFind = user -> user;

  @Override
  public Optional<User> find(String userId) {
    finds.incrementAndGet();
    if (failReads) {
      throw ResolutionException.permanentFailure("store is down");
    }
    return users.find(userId).map(onFind);
  }

  @Override
  public Map<String, User> findAll(Collection<String> userIds) {
    findAlls.incrementAndGet();
    if (failReads) {
      throw ResolutionException.permanentFailure("store is down");
    }
    return users.findAll(userIds);
  }

  @Override
  public WriteOutcome createOrUpdate(User user) {
    writes.add(user);
    if (transientWriteFailures.getAndDecrement() > 0) {
      throw ResolutionException.transientFailure("store cluster is electing a leader");
    }
    if (failWrites) {
      throw ResolutionException.permanentFailure("store refuses writes");
    }
    return users.createOrUpdate(user);
  }

  @Override
  public void close() {
    closed = true;
  }
}
