package org.userresolver.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.userresolver.ResolutionException;
import org.userresolver.http.AccessToken;
import org.userresolver.http.ClientAuthentication;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.JsonRequest;
import org.userresolver.http.JsonResponse;
import org.userresolver.http.OAuthTokenClient;
import org.userresolver.keycloak.KeycloakRealm.Location;

/**
 * The Keycloak Admin REST API as one confidential client's service account sees it: gets its
 * access token with {@code client_credentials}, sends authenticated GETs, asks for a new token
 * once when Keycloak answers 401 (an expired or revoked token, rotated realm keys), and
 * explains 401, 403 and an unknown realm. Everything else is the shared client's mapping
 * (5xx, 429 and I/O transient). Thread-safe; never shows the secret or a token.
 */
final class KeycloakAdminApi {
  /** The realm-management role the service account needs. */
  static final String ROLE = "view-users";

  private final HttpJsonClient http;
  private final ClientAuthentication client;
  private final String credentialSettings;
  private URI endpoint;
  private OAuthTokenClient tokens;

  /**
   * Creates the API client.
   *
   * @param http the shared HTTP client
   * @param client the confidential client's id and secret
   * @param credentialSettings the settings that hold them, for messages
   */
  KeycloakAdminApi(HttpJsonClient http, ClientAuthentication client, String credentialSettings) {
    this.http = http;
    this.client = client;
    this.credentialSettings = credentialSettings;
  }

  /** The confidential client's id. */
  String clientId() {
    return client.clientId();
  }

  /**
   * Returns a valid access token for the realm's service account.
   *
   * @throws ResolutionException transient as the token client says; permanent, with what to
   *     check, when Keycloak refuses the client
   */
  AccessToken token(Location at) {
    try {
      return tokens(at.tokenEndpoint()).token();
    } catch (ResolutionException e) {
      if (e.isTransient()) {
        throw e;
      }
      throw ResolutionException.permanentFailure("Keycloak refused an access token to client "
          + clientId() + " of " + at + ": " + e.getMessage() + "; check " + credentialSettings
          + ", and that the client has Client authentication and Service account roles turned "
          + "on", e);
    }
  }

  /**
   * Sends an authenticated GET and returns its JSON answer.
   *
   * @param at the realm
   * @param uri the URL
   * @param what what is being done, for messages ("looking up ada@example.com by email")
   * @throws ResolutionException permanent for 401 (after one new token), 403, 404 (no such
   *     realm) and other client errors; transient for 5xx, 429, I/O and timeouts
   */
  JsonNode get(Location at, URI uri, String what) {
    for (int attempt = 1; ; attempt++) {
      AccessToken token = token(at);
      JsonResponse response = http.exchange(JsonRequest.get(uri)
          .withHeader("Authorization", token.authorizationHeader()));
      int status = response.status();
      if (status == 401) {
        tokens(at.tokenEndpoint()).invalidate(token);
        if (attempt == 1) {
          continue;
        }
        throw ResolutionException.permanentFailure("Keycloak rejected a new access token of "
            + "client " + clientId() + " while " + what + " (" + status(response) + " to "
            + response.describeRequest() + "): the token must come from " + at
            + ", under the host name Keycloak issues tokens for", null);
      }
      if (status == 403) {
        throw ResolutionException.permanentFailure("Keycloak refused " + what + " ("
            + status(response) + " to " + response.describeRequest() + "): the service account "
            + "of client " + clientId() + " lacks the realm-management role " + ROLE + " in realm "
            + at.realm() + "; assign it in the admin console under Clients > " + clientId()
            + " > Service account roles > Assign role > realm-management " + ROLE, null);
      }
      if (status == 404) {
        throw ResolutionException.permanentFailure("Keycloak has no " + at + " ("
            + status(response) + " to " + response.describeRequest() + "); check "
            + KeycloakUserResolverFactory.REALM + " or " + KeycloakUserResolverFactory.URL, null);
      }
      return http.check(response).orElseThrow().json();
    }
  }

  @Override
  public String toString() {
    return "client " + clientId();
  }

  private synchronized OAuthTokenClient tokens(URI tokenEndpoint) {
    if (tokens == null || !tokenEndpoint.equals(endpoint)) {
      tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint, client).build();
      endpoint = tokenEndpoint;
    }
    return tokens;
  }

  /** "HTTP 403", with Keycloak's error and description when they say more than the status. */
  private static String status(JsonResponse response) {
    Optional<String> code = response.errorCode().filter(c -> !c.startsWith("HTTP "));
    Optional<String> summary = response.errorSummary().filter(s -> !s.startsWith("HTTP "));
    String detail = code.map(c -> c + summary.map(s -> ": " + s).orElse(""))
        .or(() -> summary).map(d -> " (" + d + ")").orElse("");
    return "HTTP " + response.status() + detail;
  }
}
