package org.userresolver.okta;

import static org.userresolver.http.ProfileMapping.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.http.OtherKeys;
import org.userresolver.http.ProfileMapping;

/**
 * Maps an Okta user object to a {@link User}: the reference hook's fields ({@code email},
 * first and last name, "first last" as full and display name, {@code _links.self.href} as
 * profile URL) plus {@code displayName}, {@code title}, {@code department}, {@code manager},
 * {@code managerId}, {@code employeeType}, {@code profileUrl} and {@code status}; other profile
 * attributes go to {@code other_key_values} when configured. Thread-safe.
 */
final class OktaUserMapper {
  /** Profile attributes mapped to named fields, never copied to other_key_values by "*". */
  static final Set<String> MAPPED = Set.of("login", "email", "firstName", "lastName",
      "displayName", "title", "department", "manager", "managerId", "employeeType",
      "profileUrl");
  /** Statuses of users who can no longer sign in. */
  static final Set<String> INACTIVE = Set.of("DEPROVISIONED", "SUSPENDED");

  private final OtherKeys otherKeys;

  OktaUserMapper(OtherKeys otherKeys) {
    this.otherKeys = otherKeys;
  }

  /**
   * Maps one user.
   *
   * @throws ResolutionException permanent when Amundsen could not show the profile
   */
  User map(String userId, JsonNode user, String managerEmail) {
    JsonNode profile = user.path("profile");
    String first = text(profile.path("firstName"));
    String last = text(profile.path("lastName"));
    String fullName = (first + " " + last).strip();
    String displayName = text(profile.path("displayName"));
    String profileUrl = text(profile.path("profileUrl"));
    if (profileUrl.isEmpty()) {
      profileUrl = text(user.path("_links").path("self").path("href"));
    }
    String status = text(user.path("status")).toUpperCase(Locale.ROOT);
    User.Builder builder = User.builder()
        .userId(userId)
        .email(ProfileMapping.emailOf(text(profile.path("email")), text(profile.path("login"))))
        .firstName(first)
        .lastName(last)
        .fullName(fullName)
        .displayName(displayName.isEmpty() ? fullName : displayName)
        .isActive(!INACTIVE.contains(status))
        .roleName(text(profile.path("title")))
        .teamName(text(profile.path("department")))
        .managerFullname(text(profile.path("manager")))
        .managerId(text(profile.path("managerId")))
        .managerEmail(managerEmail)
        .employeeType(text(profile.path("employeeType")))
        .profileUrl(profileUrl);
    otherKeys.copy(profile, MAPPED, builder);
    return ProfileMapping.build(builder, "Okta", text(user.path("id")));
  }
}
