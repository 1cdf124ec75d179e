package org.userresolver.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.userresolver.ResolutionException;
import org.userresolver.User;

/**
 * The helpers that map a service's JSON user to a {@link User}, the same for every provider: JSON
 * values to trimmed text, the email fallback to an email-shaped login, the check that a user
 * found for an email is that user, and the failure when a profile cannot be shown. Attributes
 * copied to {@code other_key_values} are {@link OtherKeys}' job.
 */
public final class ProfileMapping {

  private ProfileMapping() {}

  /**
   * Returns a JSON value as trimmed text: a string, number or boolean; the empty string for
   * {@code null}, a missing member, an array or an object.
   *
   * @param value the value, such as {@code profile.path("firstName")}
   * @return the text, trimmed; never {@code null}
   */
  public static String text(JsonNode value) {
    return value.isValueNode() && !value.isNull() ? value.asText().strip() : "";
  }

  /**
   * Returns every non-empty text in a JSON value: a value's own text, an array's items' texts
   * (nested arrays flattened), an object as compact JSON. Attribute values that are lists of
   * strings (Keycloak's) or strings come out as they should.
   *
   * @param value the value
   * @return the texts, trimmed, in order; empty for {@code null} or a missing member
   */
  public static List<String> texts(JsonNode value) {
    List<String> texts = new ArrayList<>();
    collect(value, texts);
    return texts;
  }

  /**
   * A JSON value's {@link #texts} joined with {@code ", "}, as {@link OtherKeys} puts values
   * into {@code other_key_values}: {@code ["en", "fr"]} becomes {@code "en, fr"}.
   */
  static String joined(JsonNode value) {
    return String.join(", ", texts(value));
  }

  /**
   * Returns the email of a user: the email attribute, else the login when the login is an
   * email address (it holds {@code @}), else empty.
   *
   * @param email the user's email attribute, possibly empty
   * @param login the user's login or username, possibly empty
   * @return the email, possibly empty
   */
  public static String emailOf(String email, String login) {
    if (!email.isEmpty()) {
      return email;
    }
    return login.contains("@") ? login : "";
  }

  /**
   * Tells whether a user an API returned for an id is the user asked for. When the id is an
   * email address (it holds {@code @}), one of the user's identifiers (login, username, email,
   * alias) must equal it, ignoring case: an API that matched it some other way found someone
   * else, whose profile must not be returned, cached and stored under that id; treat it as
   * not found. Other ids (an Okta user id, a short login) are left to the API's own matching.
   *
   * @param requestedId the id that was looked up
   * @param identifiers the found user's identifiers; {@code null} and empty ones are skipped
   * @return {@code true} when the user may be taken for the id
   */
  public static boolean isRequestedUser(String requestedId, String... identifiers) {
    Objects.requireNonNull(requestedId, "requestedId");
    if (requestedId.indexOf('@') < 0) {
      return true;
    }
    for (String identifier : identifiers) {
      if (identifier != null && identifier.strip().equalsIgnoreCase(requestedId.strip())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Builds a mapped profile, turning Amundsen's validation failure (no name, email or user id
   * to show) into a permanent failure: {@code "<service> user <id> cannot be shown: ..."}.
   *
   * @param builder the filled builder
   * @param service the service's name, such as {@code Okta}
   * @param serviceUserId the user's id in the service, for the message
   * @return the profile
   * @throws ResolutionException a permanent failure when the profile fails validation
   */
  public static User build(User.Builder builder, String service, String serviceUserId) {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw ResolutionException.permanentFailure(service + " user "
          + (serviceUserId.isEmpty() ? "?" : serviceUserId) + " cannot be shown: "
          + e.getMessage(), null);
    }
  }

  private static void collect(JsonNode value, List<String> texts) {
    if (value.isArray()) {
      value.forEach(item -> collect(item, texts));
      return;
    }
    String text = value.isObject() ? value.toString() : text(value);
    if (!text.isEmpty()) {
      texts.add(text);
    }
  }
}
