package org.userresolver.okta;

import java.util.List;
import java.util.Optional;
import org.userresolver.http.ApiClient;
import org.userresolver.http.ApiCredentials;
import org.userresolver.http.ClientAuthentication;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.OAuthTokenClient;
import org.userresolver.http.SigningKey;

/**
 * How the provider authenticates to the Okta API, and what Okta's refusals mean for it: an API
 * token ({@code SSWS}), or an OAuth service app's access token from the org authorization
 * server ({@code private_key_jwt}). Immutable and thread-safe; never shows a secret.
 */
final class OktaCredentials {
  /** Okta's rate-limit error code, whatever the status. */
  static final String RATE_LIMIT_ERROR = "E0000047";

  private final ApiCredentials credentials;
  private final OAuthTokenClient tokens;
  private final String description;
  private final String rejectedHint;
  private final String forbiddenHint;

  private OktaCredentials(ApiCredentials credentials, OAuthTokenClient tokens,
      String description, String rejectedHint, String forbiddenHint) {
    this.credentials = credentials;
    this.tokens = tokens;
    this.description = description;
    this.rejectedHint = rejectedHint;
    this.forbiddenHint = forbiddenHint;
  }

  /** {@code Authorization: SSWS <token>}; the token was checked when the settings were read. */
  static OktaCredentials apiToken(String token) {
    return new OktaCredentials(ApiCredentials.scheme("SSWS", token), null, "the API token",
        "check " + OktaUserResolverFactory.API_TOKEN + ": the token may be mistyped, revoked, "
            + "or expired (Okta expires API tokens unused for 30 days)",
        "the admin who created the API token needs a role that can read users");
  }

  /** A service app: {@code client_credentials} with {@code private_key_jwt} at the org server. */
  static OktaCredentials serviceApp(HttpJsonClient http, OktaOrg org, String clientId,
      SigningKey key, List<String> scopes) {
    OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, org::tokenEndpoint,
        ClientAuthentication.privateKeyJwt(clientId, key)).scopes(scopes).build();
    return new OktaCredentials(ApiCredentials.oauth(tokens), tokens,
        "the access token of service app " + clientId,
        "check that service app " + clientId + " is active and its public key matches "
            + OktaUserResolverFactory.PRIVATE_KEY,
        "grant the " + String.join(" ", scopes) + " scope to service app " + clientId
            + " and assign it an admin role that can read users");
  }

  /** The Okta API client: these credentials, Okta's explanations of 401 and 403, the gate. */
  ApiClient apiClient(HttpJsonClient http, RateLimitGate gate) {
    return ApiClient.builder("Okta", http, credentials)
        .explain(401, (what, response) -> "Okta rejected " + description + " while " + what
            + " (" + response.describeStatus() + "): " + rejectedHint)
        .explain(403, (what, response) -> "Okta refused " + what + " ("
            + response.describeStatus() + "): " + forbiddenHint)
        .onResponse(gate::observe)
        .build();
  }

  /** The service app's token client; empty for an API token. */
  Optional<OAuthTokenClient> tokens() {
    return Optional.ofNullable(tokens);
  }

  /** What authenticates, for messages: "the API token", "the access token of service app ...". */
  String describe() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
