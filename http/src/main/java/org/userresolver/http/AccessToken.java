package org.userresolver.http;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth 2.0 access token from an {@link OAuthTokenClient}.
 *
 * <p>{@link #toString()} shows the type, expiry and scopes, never the token itself.
 *
 * @param value the token, a secret
 * @param type the token type, {@code Bearer}
 * @param expiresAt when the token expires
 * @param scopes the scopes granted (as the server said, else as requested)
 */
public record AccessToken(String value, String type, Instant expiresAt, Set<String> scopes) {

  /**
   * Checks and copies the values.
   *
   * @param value the token, a secret
   * @param type the token type, {@code Bearer}
   * @param expiresAt when the token expires
   * @param scopes the scopes granted (as the server said, else as requested)
   * @throws IllegalArgumentException when the value or type is blank
   */
  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (value.isBlank()) {
      throw new IllegalArgumentException("value must not be blank");
    }
    if (type.isBlank()) {
      throw new IllegalArgumentException("type must not be blank");
    }
    scopes = Set.copyOf(scopes);
  }

  /**
   * Returns the value of an {@code Authorization} header carrying this token.
   *
   * @return {@code Bearer <token>}
   */
  public String authorizationHeader() {
    return "Bearer " + value;
  }

  /** Shows the type, expiry and scopes; never the token. */
  @Override
  public String toString() {
    return "AccessToken[type=" + type + ", expiresAt=" + expiresAt + ", scopes=" + scopes
        + ", value=****]";
  }
}
