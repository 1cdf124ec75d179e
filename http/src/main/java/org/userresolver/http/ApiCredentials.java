package org.userresolver.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The credentials an {@link ApiClient} authenticates its requests with: the
 * {@code Authorization} header it sends, and whether a rejected credential can be replaced.
 * Three kinds:
 * {@link #oauth(OAuthTokenClient)} (a bearer token, replaced once when the API answers 401),
 * {@link #scheme(String, String)} (a fixed secret under a scheme of the service's own, such as
 * Okta's {@code SSWS}) and {@link #basic(String, String)} (HTTP Basic, sent up front, as Apache
 * Atlas needs).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a secret or token.
 */
public final class ApiCredentials {
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*");

  /** The header sent for one request, and the token in it when it can be replaced. */
  record Credential(String header, AccessToken token) {

    @Override
    public String toString() {
      return "Credential[****]";
    }
  }

  private final OAuthTokenClient tokens;
  private final Credential fixed;
  private final String shown;

  private ApiCredentials(OAuthTokenClient tokens, Credential fixed, String shown) {
    this.tokens = tokens;
    this.fixed = fixed;
    this.shown = shown;
  }

  /**
   * Returns credentials that send {@code Authorization: Bearer <token>} with the token
   * client's current token; when the API answers 401, that token is dropped and the request is
   * sent once more with a new one.
   *
   * @param tokens the token client
   * @return the credentials
   */
  public static ApiCredentials oauth(OAuthTokenClient tokens) {
    Objects.requireNonNull(tokens, "tokens");
    return new ApiCredentials(tokens, null, "Bearer token from " + tokens);
  }

  /**
   * Returns credentials that send {@code Authorization: <scheme> <secret>}, such as Okta's
   * {@code SSWS <API token>}; a 401 is final.
   *
   * @param scheme the authentication scheme, a token such as {@code SSWS}
   * @param secret the secret: printable ASCII, no white space
   * @return the credentials
   * @throws IllegalArgumentException when the scheme is not a token, or the secret is empty or
   *     holds a character an HTTP header cannot carry; names the scheme, never the secret
   */
  public static ApiCredentials scheme(String scheme, String secret) {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(secret, "secret");
    if (!SCHEME.matcher(scheme).matches()) {
      throw new IllegalArgumentException("scheme must be a token such as SSWS or Bearer, found \""
          + ErrorBody.clean(scheme) + "\"");
    }
    Optional<String> problem = HeaderValues.tokenProblem(secret);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("the " + scheme + " secret " + problem.get());
    }
    return new ApiCredentials(null, new Credential(scheme + " " + secret, null),
        scheme + " ****");
  }

  /**
   * Returns credentials that send HTTP Basic authentication (RFC 7617, UTF-8) with every
   * request, not waiting for a challenge; a 401 is final.
   *
   * @param user the user name; must not hold {@code :}
   * @param password the password
   * @return the credentials
   * @throws IllegalArgumentException when the user name is blank or holds {@code :} or a
   *     control character; never shows the password
   */
  public static ApiCredentials basic(String user, String password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    boolean control = user.chars().anyMatch(Character::isISOControl);
    if (user.isBlank() || user.indexOf(':') >= 0 || control) {
      throw new IllegalArgumentException("the user name must be non-blank, without ':' or "
          + "control characters");
    }
    String encoded = Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new ApiCredentials(null, new Credential("Basic " + encoded, null),
        "Basic " + ErrorBody.clean(user) + ":****");
  }

  /** The credential to send now; a token client may fetch a token for it. */
  Credential current() {
    if (fixed != null) {
      return fixed;
    }
    AccessToken token = tokens.token();
    return new Credential(token.authorizationHeader(), token);
  }

  /**
   * Drops a credential the API answered 401 to; tells whether a new one may be accepted, so
   * sending the request once more can help.
   */
  boolean rejected(Credential credential) {
    if (tokens == null || credential.token() == null) {
      return false;
    }
    tokens.invalidate(credential.token());
    return true;
  }

  /** Shows the kind of credential; never the secret or token. */
  @Override
  public String toString() {
    return "ApiCredentials[" + shown + "]";
  }
}
