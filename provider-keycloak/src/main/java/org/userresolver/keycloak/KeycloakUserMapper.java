package org.userresolver.keycloak;

import static org.userresolver.http.ProfileMapping.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.http.OtherKeys;
import org.userresolver.http.ProfileMapping;
import org.userresolver.http.ProfileUrlTemplate;
import org.userresolver.keycloak.KeycloakRealm.Location;

/**
 * Maps a Keycloak {@code UserRepresentation} to a {@link User}: {@code email},
 * {@code firstName}, {@code lastName}, "first last" as full and display name (else the email,
 * else the {@code username}), {@code enabled} as {@code is_active}; attributes (lists of
 * strings) named in {@value KeycloakUserResolverFactory#ATTRIBUTE_MAP} fill profile fields
 * with their first value, and those in {@value KeycloakUserResolverFactory#OTHER_KEYS} go to
 * {@code other_key_values}, values joined with ", "; {@code profile_url} comes from the
 * {@link ProfileUrlTemplate} unless an attribute maps to it. Immutable and thread-safe.
 */
final class KeycloakUserMapper {
  /** Root fields a server may repeat among the attributes; never copied by {@code *}. */
  private static final Set<String> ROOT = Set.of("username", "email", "firstName", "lastName");

  /** A profile field an attribute can fill, by its {@code UserSchema} key. */
  enum Field {
    DISPLAY_NAME(User.Builder::displayName),
    FULL_NAME(User.Builder::fullName),
    ROLE_NAME(User.Builder::roleName),
    TEAM_NAME(User.Builder::teamName),
    EMPLOYEE_TYPE(User.Builder::employeeType),
    MANAGER_EMAIL(User.Builder::managerEmail),
    MANAGER_FULLNAME(User.Builder::managerFullname),
    MANAGER_ID(User.Builder::managerId),
    GITHUB_USERNAME(User.Builder::githubUsername),
    SLACK_ID(User.Builder::slackId),
    PROFILE_URL(User.Builder::profileUrl);

    private final BiConsumer<User.Builder, String> setter;

    Field(BiConsumer<User.Builder, String> setter) {
      this.setter = setter;
    }

    /** The {@code UserSchema} key, such as {@code role_name}. */
    String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Field> of(String key) {
      return Arrays.stream(values()).filter(f -> f.key().equalsIgnoreCase(key)).findFirst();
    }

    static String keys() {
      return Arrays.stream(values()).map(Field::key).collect(Collectors.joining(", "));
    }
  }

  private final Map<String, Field> attributeMap;
  private final Set<String> mapped;
  private final OtherKeys otherKeys;
  /** The placeholders of {@value KeycloakUserResolverFactory#PROFILE_URL}, with samples. */
  static final Map<String, String> SAMPLES = samples();

  private final ProfileUrlTemplate profileUrl;

  /**
   * Creates the mapper.
   *
   * @param attributeMap attribute name to the field it fills
   * @param otherKeys attributes copied to {@code other_key_values}; {@code *} for every
   *     unmapped one
   * @param profileUrl the profile link template, or {@code null} for none
   */
  KeycloakUserMapper(Map<String, Field> attributeMap, Set<String> otherKeys,
      ProfileUrlTemplate profileUrl) {
    this.attributeMap = Map.copyOf(attributeMap);
    Set<String> notOther = new HashSet<>(ROOT);
    notOther.addAll(attributeMap.keySet());
    this.mapped = Set.copyOf(notOther);
    this.otherKeys = OtherKeys.of(otherKeys);
    this.profileUrl = profileUrl;
  }

  /**
   * Reads {@value KeycloakUserResolverFactory#ATTRIBUTE_MAP}: {@code attribute=field} pairs,
   * comma-separated, such as {@code title=role_name,department=team_name}. Records every
   * problem with the parser.
   */
  static Map<String, Field> parseAttributeMap(String value, Settings.Parser parser) {
    String name = KeycloakUserResolverFactory.ATTRIBUTE_MAP;
    Map<String, Field> map = new LinkedHashMap<>();
    Map<Field, String> sources = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String attribute = equals < 0 ? "" : pair.substring(0, equals).strip();
      String key = equals < 0 ? "" : pair.substring(equals + 1).strip();
      if (attribute.isEmpty() || key.isEmpty()) {
        parser.problem(name + " must be attribute=field pairs separated by commas, such as "
            + "title=role_name,department=team_name; found \"" + pair.strip() + "\"");
        continue;
      }
      Optional<Field> field = Field.of(key);
      if (field.isEmpty()) {
        parser.problem(name + ": \"" + key + "\" (for attribute " + attribute + ") is not a "
            + "field an attribute can fill; use one of " + Field.keys());
        continue;
      }
      if (map.containsKey(attribute)) {
        parser.problem(name + " maps attribute " + attribute + " twice");
        continue;
      }
      String other = sources.putIfAbsent(field.get(), attribute);
      if (other != null) {
        parser.problem(name + " fills " + field.get().key() + " from both " + other + " and "
            + attribute);
        continue;
      }
      map.put(attribute, field.get());
    }
    return map;
  }

  /**
   * Maps one user.
   *
   * @param userId the id that was looked up, the profile's {@code user_id}
   * @param user the {@code UserRepresentation}
   * @param at the realm, for the profile link
   * @throws ResolutionException permanent when the user cannot be shown (no name, email or
   *     username)
   */
  User map(String userId, JsonNode user, Location at) {
    String username = text(user.path("username"));
    String email = ProfileMapping.emailOf(text(user.path("email")), username);
    String first = text(user.path("firstName"));
    String last = text(user.path("lastName"));
    String fullName = (first + " " + last).strip();
    User.Builder builder = User.builder()
        .userId(userId)
        .email(email)
        .firstName(first)
        .lastName(last)
        .fullName(fullName)
        .displayName(fullName.isEmpty() && email.isEmpty() ? username : fullName)
        .isActive(user.path("enabled").asBoolean(true));
    if (profileUrl != null) {
      builder.profileUrl(profileUrl.expand(Map.of("base", at.base().toString(),
          "realm", at.realm(), "id", text(user.path("id")), "username", username,
          "email", email)));
    }
    JsonNode attributes = user.path("attributes");
    attributeMap.forEach((attribute, field) -> ProfileMapping.texts(attributes.path(attribute))
        .stream().findFirst().ifPresent(value -> field.setter.accept(builder, value)));
    otherKeys.copy(attributes, mapped, builder);
    String id = text(user.path("id"));
    return ProfileMapping.build(builder, "Keycloak", (id.isEmpty() ? "?" : id) + " in " + at);
  }

  private static Map<String, String> samples() {
    Map<String, String> samples = new LinkedHashMap<>();
    samples.put("base", "https://keycloak.example.com");
    samples.put("realm", "realm");
    samples.put("id", "id");
    samples.put("username", "user");
    samples.put("email", "user@example.com");
    return java.util.Collections.unmodifiableMap(samples);
  }

  @Override
  public String toString() {
    return "KeycloakUserMapper[attributes=" + attributeMap + ", otherKeys=" + otherKeys
        + ", profileUrl=" + profileUrl + "]";
  }
}
