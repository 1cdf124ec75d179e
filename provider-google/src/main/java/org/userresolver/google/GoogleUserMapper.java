package org.userresolver.google;

import static org.userresolver.http.ProfileMapping.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.http.OtherKeys;
import org.userresolver.http.ProfileUrlTemplate;
import org.userresolver.http.ProfileMapping;

/**
 * Maps a Directory API {@code User} resource to a {@link User}: {@code primaryEmail},
 * {@code name.givenName}/{@code familyName}/{@code fullName} (and {@code displayName}),
 * {@code suspended} or {@code archived} as inactive, the title, department and description
 * (the Admin console's "Type of employee") of the primary organization (the one with
 * {@code primary: true}, else the first), and the {@code value} of the relation whose
 * {@code type} is {@code manager}. The thumbnail photo URL and the attributes named in
 * {@value GoogleUserResolverFactory#OTHER_KEYS} go to {@code other_key_values}; nested ones are
 * named by path: {@code externalIds.<type>}, {@code organization.<field>},
 * {@code relations.<type>}, {@code customSchemas.<schema>.<field>}. Immutable and thread-safe.
 */
final class GoogleUserMapper {
  /** The {@code other_key_values} key of the thumbnail photo URL, Google's own name. */
  static final String THUMBNAIL = "thumbnailPhotoUrl";
  /** Members mapped to named fields, flattened, or noise: never copied as they are by "*". */
  static final Set<String> MAPPED = Set.of("kind", "etag", "primaryEmail", "name", "suspended",
      "archived", "organizations", "relations", "externalIds", "customSchemas", "emails",
      "aliases", "nonEditableAliases", THUMBNAIL, "thumbnailPhotoEtag");
  /** Fields of the primary organization mapped to named fields. */
  private static final Set<String> ORGANIZATION_MAPPED =
      Set.of("title", "department", "description", "primary");
  private static final String MANAGER = "manager";

  private final OtherKeys otherKeys;
  /** The placeholders of {@value GoogleUserResolverFactory#PROFILE_URL}, with samples. */
  static final Map<String, String> SAMPLES = Collections.unmodifiableMap(new TreeMap<>(Map.of(
      "email", "user@example.com",
      "id", "100000000000000000001")));

  private final ProfileUrlTemplate profileUrl;

  /**
   * Creates the mapper.
   *
   * @param otherKeys the attributes copied to {@code other_key_values}
   * @param profileUrl the profile link template, or {@code null} for none
   */
  GoogleUserMapper(OtherKeys otherKeys, ProfileUrlTemplate profileUrl) {
    this.otherKeys = otherKeys;
    this.profileUrl = profileUrl;
  }

  /**
   * Tells whether a user Google returned for an id is the user asked for: for an email, the
   * primary email, an alias ({@code aliases}, {@code nonEditableAliases}) or one of
   * {@code emails[].address} must be the id, ignoring case (see
   * {@link ProfileMapping#isRequestedUser}). An alias lookup answers with the primary address:
   * the same person.
   */
  static boolean isRequestedUser(String userId, JsonNode user) {
    List<String> identifiers = new ArrayList<>();
    identifiers.add(text(user.path("primaryEmail")));
    identifiers.addAll(ProfileMapping.texts(user.path("aliases")));
    identifiers.addAll(ProfileMapping.texts(user.path("nonEditableAliases")));
    user.path("emails").forEach(email -> identifiers.add(text(email.path("address"))));
    return ProfileMapping.isRequestedUser(userId, identifiers.toArray(String[]::new));
  }

  /**
   * Maps one user.
   *
   * @param userId the profile's {@code user_id}: the id looked up, or the primary email when
   *     listing
   * @param user the {@code User} resource
   * @throws ResolutionException permanent when Amundsen could not show the profile
   */
  User map(String userId, JsonNode user) {
    JsonNode name = user.path("name");
    String first = text(name.path("givenName"));
    String last = text(name.path("familyName"));
    String fullName = text(name.path("fullName"));
    if (fullName.isEmpty()) {
      fullName = (first + " " + last).strip();
    }
    String displayName = text(name.path("displayName"));
    String email = text(user.path("primaryEmail"));
    JsonNode organization = primaryOrganization(user.path("organizations"));
    String manager = managerOf(user.path("relations"));
    boolean inactive = user.path("suspended").asBoolean(false)
        || user.path("archived").asBoolean(false);
    User.Builder builder = User.builder()
        .userId(userId)
        .email(email)
        .firstName(first)
        .lastName(last)
        .fullName(fullName)
        .displayName(displayName.isEmpty() ? fullName : displayName)
        .isActive(!inactive)
        .roleName(text(organization.path("title")))
        .teamName(text(organization.path("department")))
        .employeeType(text(organization.path("description")));
    if (manager.contains("@")) {
      builder.managerEmail(manager);
    } else {
      builder.managerFullname(manager);
    }
    if (profileUrl != null) {
      builder.profileUrl(profileUrl.expand(Map.of("email", email, "id",
          text(user.path("id")))));
    }
    String thumbnail = text(user.path(THUMBNAIL));
    if (!thumbnail.isEmpty()) {
      builder.otherKeyValue(THUMBNAIL, thumbnail);
    }
    otherKeys.copy(attributes(user, organization), MAPPED, builder);
    return ProfileMapping.build(builder, "Google", text(user.path("id")));
  }

  /** The organization with {@code primary: true}, else the first; a missing node for none. */
  static JsonNode primaryOrganization(JsonNode organizations) {
    for (JsonNode organization : organizations) {
      if (organization.path("primary").asBoolean(false)) {
        return organization;
      }
    }
    return organizations.path(0);
  }

  /** The {@code value} of the relation whose {@code type} is {@code manager}, else empty. */
  static String managerOf(JsonNode relations) {
    for (JsonNode relation : relations) {
      if (text(relation.path("type")).toLowerCase(Locale.ROOT).equals(MANAGER)) {
        return text(relation.path("value"));
      }
    }
    return "";
  }

  /**
   * The user's attributes as {@link OtherKeys} sees them: the top-level members, and the
   * nested ones flattened by path.
   */
  private static JsonNode attributes(JsonNode user, JsonNode organization) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : user.properties()) {
      attributes.set(member.getKey(), member.getValue());
    }
    user.path("externalIds").forEach(id -> add(attributes, "externalIds." + typeOf(id),
        id.path("value")));
    user.path("relations").forEach(relation -> add(attributes, "relations." + typeOf(relation),
        relation.path("value")));
    for (Map.Entry<String, JsonNode> field : organization.properties()) {
      if (!ORGANIZATION_MAPPED.contains(field.getKey())) {
        add(attributes, "organization." + field.getKey(), field.getValue());
      }
    }
    for (Map.Entry<String, JsonNode> schema : user.path("customSchemas").properties()) {
      for (Map.Entry<String, JsonNode> field : schema.getValue().properties()) {
        add(attributes, "customSchemas." + schema.getKey() + "." + field.getKey(),
            valuesOf(field.getValue()));
      }
    }
    return attributes;
  }

  /** An entry's {@code type}, or its {@code customType} when the type is {@code custom}. */
  private static String typeOf(JsonNode entry) {
    String type = text(entry.path("type"));
    String custom = text(entry.path("customType"));
    return (type.isEmpty() || type.equals("custom")) && !custom.isEmpty() ? custom
        : type.isEmpty() ? "other" : type;
  }

  /** A multi-valued custom field ({@code [{"type", "value"}]}) as its values. */
  private static JsonNode valuesOf(JsonNode field) {
    if (!field.isArray()) {
      return field;
    }
    ArrayNode values = JsonNodeFactory.instance.arrayNode();
    field.forEach(item -> values.add(item.isObject() ? item.path("value") : item));
    return values;
  }

  /** Sets a flattened attribute; a second value for one name joins the first in an array. */
  private static void add(ObjectNode attributes, String name, JsonNode value) {
    JsonNode existing = attributes.get(name);
    if (existing == null) {
      attributes.set(name, value);
      return;
    }
    ArrayNode values = JsonNodeFactory.instance.arrayNode();
    if (existing.isArray()) {
      values.addAll((ArrayNode) existing);
    } else {
      values.add(existing);
    }
    values.add(value);
    attributes.set(name, values);
  }

  @Override
  public String toString() {
    return "GoogleUserMapper[otherKeys=" + otherKeys + ", profileUrl=" + profileUrl + "]";
  }
}
