package org.userresolver.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.userresolver.ResolutionException;
import org.userresolver.http.AccessToken;
import org.userresolver.http.ApiClient;
import org.userresolver.http.ApiCredentials;
import org.userresolver.http.ClientAuthentication;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.OAuthTokenClient;
import org.userresolver.keycloak.KeycloakRealm.Location;

/**
 * The Keycloak Admin REST API as one confidential client's service account sees it: the shared
 * {@link ApiClient} with a {@code client_credentials} token from the realm's token endpoint
 * (found by discovery, so the token client follows it), and Keycloak's explanations of a
 * refused token, 401, 403 and an unknown realm. Everything else is the shared mapping (5xx, 429
 * and I/O transient). Thread-safe; never shows the secret or a token.
 */
final class KeycloakAdminApi {
  /** The realm-management role the service account needs. */
  static final String ROLE = "view-users";

  private final KeycloakRealm realm;
  private final String clientId;
  private final String credentialSettings;
  private final OAuthTokenClient tokens;
  private final ApiClient api;

  /**
   * Creates the API client; sends nothing.
   *
   * @param http the shared HTTP client
   * @param realm where the realm and its token endpoint are
   * @param client the confidential client's id and secret
   * @param credentialSettings the settings that hold them, for messages
   */
  KeycloakAdminApi(HttpJsonClient http, KeycloakRealm realm, ClientAuthentication client,
      String credentialSettings) {
    this.realm = realm;
    this.clientId = client.clientId();
    this.credentialSettings = credentialSettings;
    this.tokens = OAuthTokenClient.clientCredentials(http,
        () -> realm.locate().tokenEndpoint(), client).build();
    this.api = ApiClient.builder("Keycloak", http, ApiCredentials.oauth(tokens))
        .explainCredentialFailure(this::refused)
        .explain(401, (what, response) -> "Keycloak rejected a new access token of client "
            + clientId + " while " + what + " (" + response.describeStatus() + " to "
            + response.describeRequest() + "): the token must come from " + located()
            + ", under the host name Keycloak issues tokens for")
        .explain(403, (what, response) -> "Keycloak refused " + what + " ("
            + response.describeStatus() + " to " + response.describeRequest() + "): the "
            + "service account of client " + clientId + " lacks the realm-management role "
            + ROLE + " in " + realmName() + "; assign it in the admin console under Clients > "
            + clientId + " > Service account roles > Assign role > realm-management " + ROLE)
        .explain(404, (what, response) -> "Keycloak has no " + located() + " ("
            + response.describeStatus() + " to " + response.describeRequest() + "); check "
            + KeycloakUserResolverFactory.REALM + " or " + KeycloakUserResolverFactory.URL)
        .build();
  }

  /** The confidential client's id. */
  String clientId() {
    return clientId;
  }

  /**
   * Returns a valid access token for the realm's service account.
   *
   * @throws ResolutionException transient as the token client says; permanent, with what to
   *     check, when Keycloak refuses the client
   */
  AccessToken token() {
    return tokens.tokenExplaining(this::refused);
  }

  /**
   * Sends an authenticated GET and returns its JSON answer.
   *
   * @param uri the URL
   * @param what what is being done, for messages ("looking up ada@example.com by email")
   * @throws ResolutionException permanent for 401 (after one new token), 403, 404 (no such
   *     realm) and other client errors; transient for 5xx, 429, I/O and timeouts
   */
  JsonNode get(URI uri, String what) {
    return api.get(uri, what).orElseThrow().json();
  }

  @Override
  public String toString() {
    return "client " + clientId;
  }

  private String refused(ResolutionException e) {
    return "Keycloak refused an access token to client " + clientId + " of " + located()
        + ": " + e.getMessage() + "; check " + credentialSettings + ", and that the client has "
        + "Client authentication and Service account roles turned on";
  }

  /** The realm for a message, "realm acme at https://sso.example.com", as configured. */
  private String located() {
    return location().map(Location::toString).orElseGet(realm::toString);
  }

  /** The realm's name for a message, "realm acme". */
  private String realmName() {
    return location().map(at -> "realm " + at.realm()).orElseGet(realm::toString);
  }

  /** Where the realm is; empty when it cannot be located now (the caller's failure stands). */
  private Optional<Location> location() {
    try {
      return Optional.of(realm.locate());
    } catch (ResolutionException e) {
      return Optional.empty();
    }
  }
}
