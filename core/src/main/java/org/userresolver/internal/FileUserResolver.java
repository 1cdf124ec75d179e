package org.userresolver.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;

/**
 * The {@code file} identity provider: users read once from a JSON array in Amundsen's
 * {@code UserSchema} shape, found by {@code user_id} or {@code email}, case-insensitively.
 * For demos, tests and small teams without an identity provider API. Thread-safe.
 */
public final class FileUserResolver implements UserResolver {
  private final Path file;
  private final Map<String, User> byId;

  /**
   * Reads the users file.
   *
   * @param file the JSON file
   * @throws IllegalArgumentException naming the file and the bad entry when it cannot be read
   *     or holds an invalid user or a duplicate id
   */
  public FileUserResolver(Path file) {
    this.file = file;
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the users file " + file + ": " + e, e);
    }
    List<User> users;
    try {
      users = UserJson.readArray(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid users file " + file + ": " + e.getMessage(), e);
    }
    Map<String, User> index = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      User user = users.get(i);
      String id = key(user.userId());
      User previous = index.put(id, user);
      if (previous != null && previous != user) {
        throw new IllegalArgumentException("invalid users file " + file + ": entry " + i
            + ": user_id " + user.userId() + " appears twice");
      }
    }
    for (User user : users) {
      if (!user.email().isEmpty()) {
        index.putIfAbsent(key(user.email()), user);
      }
    }
    this.byId = Map.copyOf(index);
  }

  @Override
  public User resolve(String userId) {
    User user = byId.get(key(userId));
    if (user == null) {
      throw new UserNotFoundException(userId, "the users file " + file);
    }
    return user;
  }

  @Override
  public List<Check> checks() {
    long count = byId.values().stream().distinct().count();
    return List.of(new Check("provider file " + file, () -> count + " users"));
  }

  @Override
  public String toString() {
    return "FileUserResolver[" + file + "]";
  }

  private static String key(String id) {
    return id.trim().toLowerCase(Locale.ROOT);
  }
}
