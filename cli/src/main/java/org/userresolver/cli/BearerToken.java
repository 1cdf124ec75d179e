package org.userresolver.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The bearer token {@code serve} requires on {@code /user} and {@code /users}
 * ({@code USER_RESOLVER_SERVE_TOKEN}). Holds only the token's SHA-256 digest, and compares
 * digests in constant time, so neither the token's content nor its length shows in how long a
 * wrong guess takes. {@link #toString()} never shows it.
 */
final class BearerToken {
  private static final String SCHEME = "bearer ";

  private final byte[] digest;

  private BearerToken(String token) {
    this.digest = sha256(token);
  }

  /**
   * Returns the token to require.
   *
   * @param token the token, not blank
   * @return the token
   * @throws IllegalArgumentException when blank
   */
  static BearerToken of(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the serve token must not be blank");
    }
    return new BearerToken(token);
  }

  /**
   * Tells whether an {@code Authorization} header carries this token as {@code Bearer <token>}
   * (the scheme in any case).
   *
   * @param authorization the header's value, or {@code null} when absent
   * @return {@code true} for this token
   */
  boolean admits(String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[****]";
  }
}
