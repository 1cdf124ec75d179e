package org.userresolver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link User} in Amundsen's {@code UserSchema} JSON shape.
 *
 * <p>Writing emits every key, in schema order. Reading ignores unknown keys, accepts
 * {@code null} for any field, and applies Amundsen's derivations; errors name the offending
 * key. Thread-safe.
 */
public final class UserJson {

  /** The {@code UserSchema} keys, in the order they are written. */
  public static final List<String> KEYS = List.of(
      "user_id", "email", "first_name", "last_name", "full_name", "display_name", "is_active",
      "github_username", "team_name", "slack_id", "employee_type", "manager_fullname",
      "manager_email", "manager_id", "role_name", "profile_url", "other_key_values");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private UserJson() {}

  /**
   * Returns the JSON text of a user on one line, with every {@code UserSchema} key.
   *
   * @param user the user
   * @return the JSON object text
   */
  public static String write(User user) {
    try {
      return MAPPER.writeValueAsString(toMap(user));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write user " + user.userId() + " as JSON", e);
    }
  }

  /**
   * Parses one JSON object in {@code UserSchema} shape.
   *
   * @param json the JSON object text
   * @return the user, with Amundsen's derivations applied
   * @throws IllegalArgumentException when the text is not a JSON object, a field has the
   *     wrong type, or the profile is invalid
   */
  public static User read(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromNode(node);
  }

  /**
   * Parses a JSON array of objects in {@code UserSchema} shape.
   *
   * @param json the JSON array text
   * @return the users in array order
   * @throws IllegalArgumentException naming the first bad entry by its index
   */
  public static List<User> readArray(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException("expected a JSON array of users, found "
          + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
    }
    List<User> users = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      try {
        users.add(fromNode(node.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + i + ": " + e.getMessage(), e);
      }
    }
    return Collections.unmodifiableList(users);
  }

  /**
   * Returns a user's fields keyed by their {@code UserSchema} names: text values as
   * {@link String}, {@code is_active} as {@link Boolean}, {@code other_key_values} as a
   * {@code Map<String, String>}. Every key is present.
   *
   * @param user the user
   * @return a new mutable map in schema order
   */
  public static Map<String, Object> toMap(User user) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("user_id", user.userId());
    map.put("email", user.email());
    map.put("first_name", user.firstName());
    map.put("last_name", user.lastName());
    map.put("full_name", user.fullName());
    map.put("display_name", user.displayName());
    map.put("is_active", user.isActive());
    map.put("github_username", user.githubUsername());
    map.put("team_name", user.teamName());
    map.put("slack_id", user.slackId());
    map.put("employee_type", user.employeeType());
    map.put("manager_fullname", user.managerFullname());
    map.put("manager_email", user.managerEmail());
    map.put("manager_id", user.managerId());
    map.put("role_name", user.roleName());
    map.put("profile_url", user.profileUrl());
    map.put("other_key_values", new LinkedHashMap<>(user.otherKeyValues()));
    return map;
  }

  /**
   * Builds a user from values keyed by their {@code UserSchema} names, as {@link #toMap}
   * writes them; unknown keys are ignored, missing ones take their defaults.
   *
   * @param values the field values
   * @return the user, with Amundsen's derivations applied
   * @throws IllegalArgumentException when a field has the wrong type or the profile is invalid
   */
  public static User fromMap(Map<String, ?> values) {
    return fromNode(MAPPER.valueToTree(values));
  }

  private static User fromNode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, found "
          + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
    }
    ObjectNode object = (ObjectNode) node;
    return User.builder()
        .userId(text(object, "user_id"))
        .email(text(object, "email"))
        .firstName(text(object, "first_name"))
        .lastName(text(object, "last_name"))
        .fullName(text(object, "full_name"))
        .displayName(text(object, "display_name"))
        .isActive(bool(object, "is_active"))
        .githubUsername(text(object, "github_username"))
        .teamName(text(object, "team_name"))
        .slackId(text(object, "slack_id"))
        .employeeType(text(object, "employee_type"))
        .managerFullname(text(object, "manager_fullname"))
        .managerEmail(text(object, "manager_email"))
        .managerId(text(object, "manager_id"))
        .roleName(text(object, "role_name"))
        .profileUrl(text(object, "profile_url"))
        .otherKeyValues(map(object, "other_key_values"))
        .build();
  }

  private static String text(ObjectNode object, String key) {
    JsonNode value = object.get(key);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isValueNode()) {
      throw new IllegalArgumentException(key + " must be a string, found "
          + value.getNodeType().toString().toLowerCase());
    }
    return value.asText();
  }

  private static boolean bool(ObjectNode object, String key) {
    JsonNode value = object.get(key);
    if (value == null || value.isNull()) {
      return true;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.textValue().equalsIgnoreCase("true")
        || value.textValue().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value.textValue());
    }
    throw new IllegalArgumentException(key + " must be true or false, found " + value);
  }

  private static Map<String, String> map(ObjectNode object, String key) {
    JsonNode value = object.get(key);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new IllegalArgumentException(key + " must be an object of strings, found "
          + value.getNodeType().toString().toLowerCase());
    }
    Map<String, String> map = new LinkedHashMap<>();
    value.fields().forEachRemaining(entry -> {
      JsonNode v = entry.getValue();
      if (!v.isValueNode()) {
        throw new IllegalArgumentException(key + "." + entry.getKey() + " must be a string, found "
            + v.getNodeType().toString().toLowerCase());
      }
      map.put(entry.getKey(), v.isNull() ? "" : v.asText());
    });
    return map;
  }
}
