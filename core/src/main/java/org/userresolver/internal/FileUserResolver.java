package org.userresolver.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserJson;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;

/**
 * The {@code file} identity provider: users read once from a JSON array in Amundsen's
 * {@code UserSchema} shape, found by {@code user_id} or {@code email}, case-insensitively.
 * For demos, tests and small teams without an identity provider API. Thread-safe.
 */
public final class FileUserResolver implements UserResolver {
  /** Users per page of the directory. */
  static final int PAGE_SIZE = 500;

  private final Path file;
  private final Map<String, User> byId;
  private final List<User> users;

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
    this.users = List.copyOf(users);
  }

  @Override
  public User resolve(String userId) {
    User user = byId.get(key(userId));
    if (user == null) {
      throw new UserNotFoundException(userId, "the users file " + file);
    }
    return user;
  }

  /**
   * Lists the file's users in file order, {@value #PAGE_SIZE} a page; the cursor is an index,
   * and the count is the file's size.
   */
  @Override
  public Optional<UserDirectory> directory() {
    return Optional.of(new UserDirectory() {
      @Override
      public Page page(Request request, String cursor) {
        requireAll(request);
        int from;
        try {
          from = cursor == null ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a cursor of the file provider: " + cursor);
        }
        if (from < 0 || from > users.size()) {
          throw new IllegalArgumentException("not a cursor of the file provider: " + cursor);
        }
        int to = Math.min(users.size(), from + PAGE_SIZE);
        return Page.of(users.subList(from, to), List.of(),
            to < users.size() ? Integer.toString(to) : null);
      }

      @Override
      public OptionalLong count(Request request) {
        requireAll(request);
        return OptionalLong.of(users.size());
      }
    });
  }

  private static void requireAll(UserDirectory.Request request) {
    if (request.updatedSince().isPresent()) {
      throw new IllegalArgumentException("the file provider cannot list users by update time");
    }
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
