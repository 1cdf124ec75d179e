package org.userresolver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A user profile in the shape of Amundsen's {@code UserSchema}: immutable, never holding
 * {@code null} (a missing text field is the empty string).
 *
 * <p>Construction applies Amundsen's load-time rules: an empty {@code userId} takes the
 * email; an empty {@code fullName} becomes {@code firstName + " " + lastName} when both are
 * present; an empty {@code displayName} takes the full name, else the email. A profile that
 * still has no display name or no user id is rejected with Amundsen's own messages. Build one
 * with {@link #builder()}; read and write its JSON form with {@link UserJson}.
 *
 * @param userId the id the user is known by in the store (usually the email)
 * @param email the email address
 * @param firstName the given name
 * @param lastName the family name
 * @param fullName the full name
 * @param displayName the name to show
 * @param isActive whether the account is active (Amundsen's default is {@code true})
 * @param githubUsername the GitHub user name
 * @param teamName the team or department
 * @param slackId the Slack member id
 * @param employeeType the employee type
 * @param managerFullname the manager's full name
 * @param managerEmail the manager's email
 * @param managerId the manager's id
 * @param roleName the job title
 * @param profileUrl a link to the user's profile
 * @param otherKeyValues further attributes, as text
 */
public record User(
    String userId,
    String email,
    String firstName,
    String lastName,
    String fullName,
    String displayName,
    boolean isActive,
    String githubUsername,
    String teamName,
    String slackId,
    String employeeType,
    String managerFullname,
    String managerEmail,
    String managerId,
    String roleName,
    String profileUrl,
    Map<String, String> otherKeyValues) {

  /** Amundsen's message for a profile without any name or email. */
  public static final String NO_DISPLAY_NAME = "display_name, full_name, or email must be provided";

  /** Amundsen's message for a profile without a user id or email. */
  public static final String NO_USER_ID = "user_id or email must be provided";

  /**
   * Applies Amundsen's derivations and validation.
   *
   * @param userId the id the user is known by in the store (usually the email)
   * @param email the email address
   * @param firstName the given name
   * @param lastName the family name
   * @param fullName the full name
   * @param displayName the name to show
   * @param isActive whether the account is active (Amundsen's default is {@code true})
   * @param githubUsername the GitHub user name
   * @param teamName the team or department
   * @param slackId the Slack member id
   * @param employeeType the employee type
   * @param managerFullname the manager's full name
   * @param managerEmail the manager's email
   * @param managerId the manager's id
   * @param roleName the job title
   * @param profileUrl a link to the user's profile
   * @param otherKeyValues further attributes, as text
   * @throws IllegalArgumentException when neither a display name nor a user id can be derived
   */
  public User {
    userId = text(userId);
    email = text(email);
    firstName = text(firstName);
    lastName = text(lastName);
    fullName = text(fullName);
    displayName = text(displayName);
    githubUsername = text(githubUsername);
    teamName = text(teamName);
    slackId = text(slackId);
    employeeType = text(employeeType);
    managerFullname = text(managerFullname);
    managerEmail = text(managerEmail);
    managerId = text(managerId);
    roleName = text(roleName);
    profileUrl = text(profileUrl);
    otherKeyValues = copy(otherKeyValues);

    if (userId.isEmpty()) {
      userId = email;
    }
    if (fullName.isEmpty() && !firstName.isEmpty() && !lastName.isEmpty()) {
      fullName = firstName + " " + lastName;
    }
    if (displayName.isEmpty()) {
      displayName = fullName.isEmpty() ? email : fullName;
    }
    if (displayName.isEmpty()) {
      throw new IllegalArgumentException(NO_DISPLAY_NAME);
    }
    if (userId.isEmpty()) {
      throw new IllegalArgumentException(NO_USER_ID);
    }
  }

  /**
   * Returns the minimal profile Amundsen shows for a user nobody knows: {@code email} and
   * {@code user_id} both set to the id.
   *
   * @param id the user id, used as email too
   * @return the minimal profile
   */
  public static User minimal(String id) {
    return builder().userId(id).email(id).build();
  }

  /**
   * Returns an empty builder; {@code isActive} starts {@code true} as in Amundsen.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this profile's values, to derive a changed copy.
   *
   * @return a builder initialised from this profile
   */
  public Builder toBuilder() {
    return new Builder()
        .userId(userId)
        .email(email)
        .firstName(firstName)
        .lastName(lastName)
        .fullName(fullName)
        .displayName(displayName)
        .isActive(isActive)
        .githubUsername(githubUsername)
        .teamName(teamName)
        .slackId(slackId)
        .employeeType(employeeType)
        .managerFullname(managerFullname)
        .managerEmail(managerEmail)
        .managerId(managerId)
        .roleName(roleName)
        .profileUrl(profileUrl)
        .otherKeyValues(otherKeyValues);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static Map<String, String> copy(Map<String, String> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach((key, value) -> copy.put(
        Objects.requireNonNull(key, "other_key_values must not contain a null key"), text(value)));
    return Collections.unmodifiableMap(copy);
  }

  /** A mutable builder of {@link User}; not thread-safe. */
  public static final class Builder {
    private String userId;
    private String email;
    private String firstName;
    private String lastName;
    private String fullName;
    private String displayName;
    private boolean isActive = true;
    private String githubUsername;
    private String teamName;
    private String slackId;
    private String employeeType;
    private String managerFullname;
    private String managerEmail;
    private String managerId;
    private String roleName;
    private String profileUrl;
    private Map<String, String> otherKeyValues = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets {@code user_id}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder userId(String value) {
      this.userId = value;
      return this;
    }

    /**
     * Sets {@code email}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder email(String value) {
      this.email = value;
      return this;
    }

    /**
     * Sets {@code first_name}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder firstName(String value) {
      this.firstName = value;
      return this;
    }

    /**
     * Sets {@code last_name}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder lastName(String value) {
      this.lastName = value;
      return this;
    }

    /**
     * Sets {@code full_name}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder fullName(String value) {
      this.fullName = value;
      return this;
    }

    /**
     * Sets {@code display_name}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder displayName(String value) {
      this.displayName = value;
      return this;
    }

    /**
     * Sets {@code is_active}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder isActive(boolean value) {
      this.isActive = value;
      return this;
    }

    /**
     * Sets {@code github_username}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder githubUsername(String value) {
      this.githubUsername = value;
      return this;
    }

    /**
     * Sets {@code team_name}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder teamName(String value) {
      this.teamName = value;
      return this;
    }

    /**
     * Sets {@code slack_id}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder slackId(String value) {
      this.slackId = value;
      return this;
    }

    /**
     * Sets {@code employee_type}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder employeeType(String value) {
      this.employeeType = value;
      return this;
    }

    /**
     * Sets {@code manager_fullname}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder managerFullname(String value) {
      this.managerFullname = value;
      return this;
    }

    /**
     * Sets {@code manager_email}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder managerEmail(String value) {
      this.managerEmail = value;
      return this;
    }

    /**
     * Sets {@code manager_id}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder managerId(String value) {
      this.managerId = value;
      return this;
    }

    /**
     * Sets {@code role_name}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder roleName(String value) {
      this.roleName = value;
      return this;
    }

    /**
     * Sets {@code profile_url}.
     *
     * @param value the value
     * @return this builder
     */
    public Builder profileUrl(String value) {
      this.profileUrl = value;
      return this;
    }

    /**
     * Replaces {@code other_key_values}.
     *
     * @param values the attributes; {@code null} clears them
     * @return this builder
     */
    public Builder otherKeyValues(Map<String, String> values) {
      this.otherKeyValues = values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
      return this;
    }

    /**
     * Adds one entry to {@code other_key_values}.
     *
     * @param key the attribute name
     * @param value the attribute value
     * @return this builder
     */
    public Builder otherKeyValue(String key, String value) {
      this.otherKeyValues.put(key, value);
      return this;
    }

    /**
     * Builds the profile, applying Amundsen's derivations and validation.
     *
     * @return the profile
     * @throws IllegalArgumentException when no display name or user id can be derived
     */
    public User build() {
      return new User(userId, email, firstName, lastName, fullName, displayName, isActive,
          githubUsername, teamName, slackId, employeeType, managerFullname, managerEmail,
          managerId, roleName, profileUrl, otherKeyValues);
    }
  }
}
