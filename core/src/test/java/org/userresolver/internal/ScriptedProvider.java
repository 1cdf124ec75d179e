package org.userresolver.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;

/** A provider whose answers the test scripts; records every call and when it happened. */
final class ScriptedProvider implements UserResolver {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<Long> callTimes = new CopyOnWriteArrayList<>();
  volatile Function<String, User> behaviour = id -> {
    throw new UserNotFoundException(id, "the script");
  };
  volatile boolean closed;

  static User profile(String id) {
    return User.builder().email(id).firstName("First").lastName("Last").roleName("Engineer")
        .build();
  }

  ScriptedProvider knowing(String... ids) {
    List<String> known = List.of(ids);
    behaviour = id -> {
      if (known.contains(id)) {
        return profile(id);
      }
      throw new UserNotFoundException(id, "the script");
    };
    return this;
  }

  @Override
  public User resolve(String userId) {
    calls.add(userId);
    callTimes.add(System.nanoTime());
    return behaviour.apply(userId);
  }

  @Override
  public void close() {
    closed = true;
  }
}
