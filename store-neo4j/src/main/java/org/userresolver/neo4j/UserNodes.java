package org.userresolver.neo4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.userresolver.User;
import org.userresolver.UserJson;

/**
 * Maps between {@link User} and the properties of a Neo4j {@code User} node, as Amundsen's
 * metadata service reads them and its databuilder writes them.
 *
 * <p>Reading: properties named as {@code UserSchema} keys fill those fields (missing or
 * {@code null} is the empty string); {@code user_id} falls back to {@code email};
 * {@code is_active} is a boolean (strings and numbers are read the way Amundsen's marshmallow
 * schema reads them) and defaults to {@code true}; an empty {@code manager_fullname} takes the
 * {@code MANAGE_BY} manager's {@code full_name}, and an empty {@code manager_email} the
 * manager's {@code email} (else its {@code key}). Every other property, except the bookkeeping
 * in {@link #RESERVED}, comes back in {@code other_key_values}. Values that are not text read
 * as Amundsen's metadata service shows them, Python's {@code str()} ({@link PythonText}). An
 * owner stub such as Amundsen's {@code add_owner} creates ({@code key} and {@code email}) is
 * the profile it is: just the email. A node with neither {@code email} nor {@code user_id}
 * (such as the key-only manager nodes earlier versions of this store created) cannot be a
 * profile.
 *
 * <p>Writing: every non-empty field becomes a property of its {@code UserSchema} name
 * ({@code is_active} always, as a boolean), and each non-empty {@code other_key_values} entry a
 * property of its own name, unless that name is a {@code UserSchema} key or bookkeeping.
 */
final class UserNodes {

  /** The node's unique key property. */
  static final String KEY = "key";
  /** Set by every write, as Amundsen's {@code create_update_user} does. */
  static final String PUBLISHED_TAG = "published_tag";
  /** The value of {@link #PUBLISHED_TAG} that Amundsen's metadata service writes. */
  static final String PUBLISHED_TAG_VALUE = "api_create_update_user";
  /** Set when the node is created. */
  static final String CREATED_EPOCH_MS = "publisher_created_epoch_ms";
  /** Set by every write. */
  static final String LAST_UPDATED_EPOCH_MS = "publisher_last_updated_epoch_ms";
  /** Databuilder's own time stamp of a user node. */
  static final String UPDATED_AT = "updated_at";
  /**
   * Set by every write of this library, to when it wrote ({@code timestamp()}): tells the users
   * it wrote from those Amundsen's API or databuilder wrote. Amundsen's metadata service shows
   * it only if {@code USER_OTHER_KEYS} names it.
   */
  static final String WRITTEN_EPOCH_MS = "userresolver_last_written_epoch_ms";

  /**
   * Property names that never come back as, and are never written from,
   * {@code other_key_values}: the {@code UserSchema} keys and the bookkeeping of Amundsen,
   * databuilder and this store.
   */
  static final Set<String> RESERVED = reserved();

  private UserNodes() {}

  /**
   * Builds a profile from a node's properties and its manager's.
   *
   * @param node the {@code User} node's properties
   * @param manager the {@code MANAGE_BY} manager's properties, or {@code null}
   * @return the profile, or empty for a node with neither {@code email} nor {@code user_id}
   * @throws IllegalArgumentException when the node fails Amundsen's validation
   */
  static Optional<User> toUser(Map<String, Object> node, Map<String, Object> manager) {
    String email = text(node.get("email"));
    String userId = text(node.get("user_id"));
    if (email.isEmpty() && userId.isEmpty()) {
      return Optional.empty();
    }
    String managerFullname = text(node.get("manager_fullname"));
    String managerEmail = text(node.get("manager_email"));
    if (manager != null) {
      if (managerFullname.isEmpty()) {
        managerFullname = text(manager.get("full_name"));
      }
      if (managerEmail.isEmpty()) {
        managerEmail = text(manager.get("email"));
      }
      if (managerEmail.isEmpty()) {
        managerEmail = text(manager.get(KEY));
      }
    }
    return Optional.of(User.builder()
        .userId(userId.isEmpty() ? email : userId)
        .email(email)
        .firstName(text(node.get("first_name")))
        .lastName(text(node.get("last_name")))
        .fullName(text(node.get("full_name")))
        .displayName(text(node.get("display_name")))
        .isActive(active(node.get("is_active")))
        .githubUsername(text(node.get("github_username")))
        .teamName(text(node.get("team_name")))
        .slackId(text(node.get("slack_id")))
        .employeeType(text(node.get("employee_type")))
        .managerFullname(managerFullname)
        .managerEmail(managerEmail)
        .managerId(text(node.get("manager_id")))
        .roleName(text(node.get("role_name")))
        .profileUrl(text(node.get("profile_url")))
        .otherKeyValues(otherKeyValues(node))
        .build());
  }

  /**
   * Returns the properties to write for a profile: its non-empty fields and
   * {@code other_key_values} entries; never the key or bookkeeping.
   *
   * @param user the profile
   * @return the properties, in schema order then by entry
   */
  static Map<String, Object> toProperties(User user) {
    Map<String, Object> properties = new LinkedHashMap<>();
    UserJson.toMap(user).forEach((name, value) -> {
      if (value instanceof String text && !text.isEmpty()) {
        properties.put(name, text);
      } else if (value instanceof Boolean) {
        properties.put(name, value);
      }
    });
    user.otherKeyValues().forEach((name, value) -> {
      if (writable(name) && !value.isEmpty()) {
        properties.put(name, value);
      }
    });
    return properties;
  }

  /**
   * Returns the {@code other_key_values} names of a profile that cannot be written: blank, or
   * the name of a {@code UserSchema} key or bookkeeping property.
   *
   * @param user the profile
   * @return the names, sorted; empty when all can be written
   */
  static List<String> unwritableKeys(User user) {
    List<String> names = new ArrayList<>();
    for (String name : user.otherKeyValues().keySet()) {
      if (!writable(name)) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  private static boolean writable(String name) {
    return !name.isBlank() && !RESERVED.contains(name);
  }

  private static Map<String, String> otherKeyValues(Map<String, Object> node) {
    Map<String, String> values = new TreeMap<>();
    node.forEach((name, value) -> {
      if (!RESERVED.contains(name) && value != null) {
        values.put(name, PythonText.str(value));
      }
    });
    return values;
  }

  /** Text of a property: strings as they are, other values as Amundsen shows them. */
  private static String text(Object value) {
    return value == null ? "" : PythonText.str(value);
  }

  /** Reads {@code is_active} as Amundsen's schema does: booleans, flags in text, numbers. */
  private static boolean active(Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "", "false", "f", "0", "no", "n", "off" -> false;
      default -> true;
    };
  }

  private static Set<String> reserved() {
    List<String> names = new ArrayList<>(UserJson.KEYS);
    names.addAll(List.of(KEY, PUBLISHED_TAG, CREATED_EPOCH_MS, LAST_UPDATED_EPOCH_MS, UPDATED_AT,
        WRITTEN_EPOCH_MS, Cypher.CREATED_MARKER));
    return Set.copyOf(names);
  }
}
