package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.http.ProfileMapping;

/**
 * Maps between {@link User} and Atlas entities of Amundsen's type {@code User}: unique
 * attribute {@code qualifiedName} = user id, and the 13 optional string attributes of
 * Amundsen's Atlas typedef, named as the {@code UserSchema} keys.
 *
 * <p>Reading: {@code qualifiedName} is the user id, as it is; each other attribute fills the
 * field of its name (trimmed; {@code null}, missing and databuilder's empty strings are empty
 * fields); {@code is_active} is text: {@code "false"} in any case (and the other words
 * Amundsen's schema reads as false: {@code f}, {@code 0}, {@code no}, {@code n}, {@code off}) is
 * inactive, anything else or nothing is active. Amundsen's load rules then derive
 * {@code full_name} and {@code display_name}. An entity with no email and no name (what
 * Amundsen's {@code add_owner} creates: only {@code qualifiedName}) is no profile.
 *
 * <p>Writing: {@code qualifiedName} and every non-empty field that has an attribute;
 * {@code is_active} always, as {@code "true"} or {@code "false"}. Atlas's typedef has no place
 * for {@code display_name} (derived), {@code manager_fullname}, {@code manager_id} or
 * {@code other_key_values}, and Atlas drops attributes its type does not define, so these are
 * never sent. {@code updated_at} (databuilder's time stamp) is neither read nor written.
 */
final class UserEntities {
  private static final Logger LOG = LoggerFactory.getLogger(UserEntities.class);

  /** The entity type. */
  static final String TYPE = "User";
  /** The unique attribute holding the user id. */
  static final String QUALIFIED_NAME = "qualifiedName";
  /** The label every write carries; Atlas sets it only on the entity a write creates. */
  static final String LABEL = "userresolver";
  /** The attributes of Amundsen's {@code User} type ({@code 02_user.json}), in its order. */
  static final List<String> ATTRIBUTES = List.of("email", "first_name", "last_name",
      "full_name", "github_username", "team_name", "employee_type", "manager_email", "slack_id",
      "is_active", "profile_url", "updated_at", "role_name");

  /** The attributes a write sets: all but databuilder's time stamp {@code updated_at}. */
  static final List<String> WRITTEN = ATTRIBUTES.stream()
      .filter(name -> !name.equals("updated_at")).toList();

  /** Builds the JSON bodies. */
  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> INACTIVE = Set.of("false", "f", "0", "no", "n", "off");

  private UserEntities() {}

  /**
   * Builds a profile from an Atlas entity.
   *
   * @param entity the entity: an object with {@code attributes}
   * @return the profile; empty for an entity with no email and no name, or one that fails
   *     Amundsen's validation (a warning is logged)
   */
  static Optional<User> toUser(JsonNode entity) {
    JsonNode attributes = entity.path("attributes");
    String userId = qualifiedName(entity);
    String email = text(attributes, "email");
    String firstName = text(attributes, "first_name");
    String lastName = text(attributes, "last_name");
    String fullName = text(attributes, "full_name");
    if (userId.isEmpty() || (email + firstName + lastName + fullName).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(User.builder()
          .userId(userId)
          .email(email)
          .firstName(firstName)
          .lastName(lastName)
          .fullName(fullName)
          .isActive(active(attributes.path("is_active")))
          .githubUsername(text(attributes, "github_username"))
          .teamName(text(attributes, "team_name"))
          .slackId(text(attributes, "slack_id"))
          .employeeType(text(attributes, "employee_type"))
          .managerEmail(text(attributes, "manager_email"))
          .roleName(text(attributes, "role_name"))
          .profileUrl(text(attributes, "profile_url"))
          .build());
    } catch (IllegalArgumentException e) {
      LOG.warn("the Atlas {} entity {} is not a profile, treated as unknown: {}", TYPE, userId,
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Returns the qualified name of an entity or entity header.
   *
   * @param entity the entity
   * @return the qualified name, or empty text
   */
  static String qualifiedName(JsonNode entity) {
    JsonNode name = entity.path("attributes").path(QUALIFIED_NAME);
    return name.isTextual() ? name.asText() : ProfileMapping.text(name);
  }

  /**
   * Returns the entity to send for a profile: type, the attributes to write and the label.
   *
   * @param user the profile
   * @return the entity, an {@code AtlasEntity} in JSON
   */
  static ObjectNode toEntity(User user) {
    ObjectNode entity = JSON.createObjectNode();
    entity.put("typeName", TYPE);
    ObjectNode attributes = entity.putObject("attributes");
    toAttributes(user).forEach(attributes::put);
    entity.putArray("labels").add(LABEL);
    return entity;
  }

  /**
   * Returns the attributes to write for a profile: {@code qualifiedName}, the non-empty fields
   * that have an attribute, and {@code is_active}.
   *
   * @param user the profile
   * @return the attributes, {@code qualifiedName} first, then in the type's order
   */
  static Map<String, String> toAttributes(User user) {
    Map<String, Object> fields = UserJson.toMap(user);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(QUALIFIED_NAME, user.userId());
    for (String name : WRITTEN) {
      if (name.equals("is_active")) {
        attributes.put(name, String.valueOf(user.isActive()));
      } else if (fields.get(name) instanceof String value && !value.isEmpty()) {
        attributes.put(name, value);
      }
    }
    return attributes;
  }

  private static String text(JsonNode attributes, String name) {
    return ProfileMapping.text(attributes.path(name));
  }

  private static boolean active(JsonNode value) {
    String text = ProfileMapping.text(value).toLowerCase(Locale.ROOT);
    return !INACTIVE.contains(text);
  }
}
