package org.userresolver.okta;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.userresolver.ResolutionException;
import org.userresolver.User;

/**
 * Maps an Okta user object to a {@link User}: the reference hook's fields ({@code email},
 * first and last name, "first last" as full and display name, {@code _links.self.href} as
 * profile URL) plus {@code displayName}, {@code title}, {@code department}, {@code manager},
 * {@code managerId}, {@code employeeType}, {@code profileUrl} and {@code status}; other profile
 * attributes go to {@code other_key_values} when configured. Thread-safe.
 */
final class OktaUserMapper {
  /** Profile attributes mapped to named fields, never copied to other_key_values. */
  static final Set<String> MAPPED = Set.of("login", "email", "firstName", "lastName",
      "displayName", "title", "department", "manager", "managerId", "employeeType",
      "profileUrl");
  /** Statuses of users who can no longer sign in. */
  static final Set<String> INACTIVE = Set.of("DEPROVISIONED", "SUSPENDED");
  /** {@code OKTA_OTHER_KEYS} value that copies every unmapped attribute. */
  static final String ALL = "*";

  private final Set<String> otherKeys;

  OktaUserMapper(Set<String> otherKeys) {
    this.otherKeys = Set.copyOf(otherKeys);
  }

  User map(String userId, JsonNode user, String managerEmail) {
    JsonNode profile = user.path("profile");
    String first = text(profile, "firstName");
    String last = text(profile, "lastName");
    String fullName = (first + " " + last).strip();
    String login = text(profile, "login");
    String email = text(profile, "email");
    if (email.isEmpty() && login.contains("@")) {
      email = login;
    }
    String displayName = text(profile, "displayName");
    String profileUrl = text(profile, "profileUrl");
    if (profileUrl.isEmpty()) {
      profileUrl = user.path("_links").path("self").path("href").asText("");
    }
    String status = user.path("status").asText("").toUpperCase(Locale.ROOT);
    User.Builder builder = User.builder()
        .userId(userId)
        .email(email)
        .firstName(first)
        .lastName(last)
        .fullName(fullName)
        .displayName(displayName.isEmpty() ? fullName : displayName)
        .isActive(!INACTIVE.contains(status))
        .roleName(text(profile, "title"))
        .teamName(text(profile, "department"))
        .managerFullname(text(profile, "manager"))
        .managerId(text(profile, "managerId"))
        .managerEmail(managerEmail)
        .employeeType(text(profile, "employeeType"))
        .profileUrl(profileUrl);
    profile.properties().forEach(attribute -> other(builder, attribute));
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw ResolutionException.permanentFailure("Okta user " + user.path("id").asText("?")
          + " cannot be shown: " + e.getMessage(), null);
    }
  }

  private void other(User.Builder builder, Map.Entry<String, JsonNode> attribute) {
    String name = attribute.getKey();
    boolean wanted = otherKeys.contains(name)
        || (otherKeys.contains(ALL) && !MAPPED.contains(name));
    if (!wanted) {
      return;
    }
    String value = asText(attribute.getValue());
    if (!value.isEmpty()) {
      builder.otherKeyValue(name, value);
    }
  }

  private static String asText(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> {
        String text = asText(item);
        if (!text.isEmpty()) {
          items.add(text);
        }
      });
      return String.join(", ", items);
    }
    return value.toString();
  }

  private static String text(JsonNode profile, String name) {
    JsonNode value = profile.path(name);
    return value.isValueNode() && !value.isNull() ? value.asText().strip() : "";
  }
}
