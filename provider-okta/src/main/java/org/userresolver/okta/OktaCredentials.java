package org.userresolver.okta;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.userresolver.http.AccessToken;
import org.userresolver.http.ClientAuthentication;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.OAuthTokenClient;
import org.userresolver.http.SigningKey;

/**
 * How the provider authenticates to the Okta API: an API token ({@code SSWS}), or an OAuth
 * service app's access token for the org authorization server. Thread-safe; never shows a
 * secret.
 */
abstract class OktaCredentials {

  /** An {@code Authorization} header value and, for OAuth, the token it carries. */
  static final class Credential {
    private final String header;
    private final AccessToken token;

    Credential(String header, AccessToken token) {
      this.header = header;
      this.token = token;
    }

    String header() {
      return header;
    }

    AccessToken token() {
      return token;
    }

    @Override
    public String toString() {
      return "Credential[****]";
    }
  }

  /** Makes the credentials once the HTTP client exists. */
  interface Spec extends Function<HttpJsonClient, OktaCredentials> {
    Spec NONE = http -> {
      throw new IllegalStateException("no credentials");
    };

    static Spec apiToken(String token) {
      return http -> new ApiToken(token);
    }

    static Spec serviceApp(String clientId, SigningKey key, List<String> scopes) {
      return http -> new ServiceApp(http, clientId, key, scopes);
    }

    default OktaCredentials create(HttpJsonClient http) {
      return apply(http);
    }
  }

  /** Returns the credential to send now. */
  abstract Credential current(OktaOrg org);

  /**
   * Drops a credential Okta answered 401 to.
   *
   * @return whether a new credential may be accepted (a new access token), so one retry helps
   */
  abstract boolean rejected(Credential credential);

  /** What authenticates, for messages: "the API token", "service app 0oa...". */
  abstract String describe();

  /** What to check when Okta rejects the credential. */
  abstract String rejectedHint();

  /** What to grant when Okta forbids a lookup. */
  abstract String forbiddenHint();

  /** Whether an access token is fetched from a token endpoint. */
  abstract boolean usesOAuth();

  @Override
  public String toString() {
    return describe();
  }

  /** {@code Authorization: SSWS <token>}. */
  private static final class ApiToken extends OktaCredentials {
    private final Credential credential;

    ApiToken(String token) {
      this.credential = new Credential("SSWS " + token, null);
    }

    @Override
    Credential current(OktaOrg org) {
      return credential;
    }

    @Override
    boolean rejected(Credential rejected) {
      return false;
    }

    @Override
    String describe() {
      return "the API token";
    }

    @Override
    String rejectedHint() {
      return "check " + OktaUserResolverFactory.API_TOKEN + ": the token may be mistyped, "
          + "revoked, or expired (Okta expires API tokens unused for 30 days)";
    }

    @Override
    String forbiddenHint() {
      return "the admin who created the API token needs a role that can read users";
    }

    @Override
    boolean usesOAuth() {
      return false;
    }
  }

  /** An OAuth service app: {@code client_credentials} with {@code private_key_jwt}. */
  private static final class ServiceApp extends OktaCredentials {
    private final HttpJsonClient http;
    private final String clientId;
    private final SigningKey key;
    private final List<String> scopes;
    private URI endpoint;
    private OAuthTokenClient tokens;

    ServiceApp(HttpJsonClient http, String clientId, SigningKey key, List<String> scopes) {
      this.http = http;
      this.clientId = clientId;
      this.key = key;
      this.scopes = scopes;
    }

    @Override
    Credential current(OktaOrg org) {
      AccessToken token = tokens(org.tokenEndpoint()).token();
      return new Credential(token.authorizationHeader(), token);
    }

    @Override
    synchronized boolean rejected(Credential rejected) {
      if (tokens != null && rejected.token() != null) {
        tokens.invalidate(rejected.token());
      }
      return true;
    }

    @Override
    String describe() {
      return "the access token of service app " + clientId;
    }

    @Override
    String rejectedHint() {
      return "check that service app " + clientId + " is active and its public key matches "
          + OktaUserResolverFactory.PRIVATE_KEY;
    }

    @Override
    String forbiddenHint() {
      return "grant the " + String.join(" ", scopes) + " scope to service app " + clientId
          + " and assign it an admin role that can read users";
    }

    @Override
    boolean usesOAuth() {
      return true;
    }

    private synchronized OAuthTokenClient tokens(URI tokenEndpoint) {
      if (tokens == null || !tokenEndpoint.equals(endpoint)) {
        tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint,
            ClientAuthentication.privateKeyJwt(clientId, key)).scopes(scopes).build();
        endpoint = tokenEndpoint;
      }
      return tokens;
    }
  }
}
