package org.userresolver.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How an OAuth 2.0 client proves its identity to a token endpoint: {@code client_secret_basic}
 * or {@code client_secret_post} (RFC 6749, section 2.3.1), or {@code private_key_jwt} (OpenID
 * Connect Core, section 9; RFC 7523), whose assertion has {@code iss = sub = client_id},
 * {@code aud} the token endpoint, a fresh {@code jti}, and {@code exp} at most one hour away.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the method and client id, never the
 * secret or key.
 */
public final class ClientAuthentication {
  static final String CLIENT_ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final String method;
  private final String clientId;
  private final String secret;
  private final SigningKey key;

  private ClientAuthentication(String method, String clientId, String secret, SigningKey key) {
    this.method = method;
    this.clientId = requireText(clientId, "clientId");
    this.secret = secret;
    this.key = key;
  }

  /**
   * Returns {@code client_secret_basic}: id and secret in an HTTP Basic header.
   *
   * @param clientId the client id
   * @param clientSecret the client secret
   * @return the authentication
   * @throws IllegalArgumentException when either is blank
   */
  public static ClientAuthentication clientSecretBasic(String clientId, String clientSecret) {
    return new ClientAuthentication("client_secret_basic", clientId,
        requireText(clientSecret, "clientSecret"), null);
  }

  /**
   * Returns {@code client_secret_post}: id and secret as form fields.
   *
   * @param clientId the client id
   * @param clientSecret the client secret
   * @return the authentication
   * @throws IllegalArgumentException when either is blank
   */
  public static ClientAuthentication clientSecretPost(String clientId, String clientSecret) {
    return new ClientAuthentication("client_secret_post", clientId,
        requireText(clientSecret, "clientSecret"), null);
  }

  /**
   * Returns {@code private_key_jwt}: a JWT signed with the client's private key.
   *
   * @param clientId the client id
   * @param key the key registered (as its public half) with the client
   * @return the authentication
   * @throws IllegalArgumentException when the client id is blank
   */
  public static ClientAuthentication privateKeyJwt(String clientId, SigningKey key) {
    return new ClientAuthentication("private_key_jwt", clientId, null,
        Objects.requireNonNull(key, "key"));
  }

  /**
   * Returns the client id.
   *
   * @return the client id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns the method's registered name.
   *
   * @return {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}
   */
  public String method() {
    return method;
  }

  /** Shows the method and client id; never the secret or key. */
  @Override
  public String toString() {
    return "ClientAuthentication[" + method + ", clientId=" + clientId
        + (key == null ? ", secret=****" : ", key=" + key) + "]";
  }

  /**
   * Adds this authentication to a token request's form, and returns the {@code Authorization}
   * header it needs, if any.
   */
  Optional<String> apply(Map<String, String> form, URI tokenEndpoint, Instant now,
      Duration assertionLifetime) {
    switch (method) {
      case "client_secret_basic":
        String credentials = urlEncode(clientId) + ":" + urlEncode(secret);
        return Optional.of("Basic " + Base64.getEncoder()
            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      case "client_secret_post":
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return Optional.empty();
      default:
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", tokenEndpoint.toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(assertionLifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", Jwt.sign(key, claims));
        return Optional.empty();
    }
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
