package org.userresolver.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.ResolutionException;
import org.userresolver.http.AccessToken;
import org.userresolver.http.ApiClient;
import org.userresolver.http.ApiCredentials;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.JsonRequest;
import org.userresolver.http.JsonResponse;
import org.userresolver.http.OAuthTokenClient;

/**
 * The Admin SDK Directory API as one service account sees it: the shared {@link ApiClient} with
 * an access token from the JWT bearer grant (the key file's {@code token_uri}, scope
 * {@value GoogleUserResolverFactory#SCOPE}, {@code sub} the delegated subject when set), and
 * Google's explanations of a refused token, 401 and 403. A 403 whose reason is a rate limit
 * ({@link #RATE_LIMIT_REASONS}) stays transient, as 429 and 5xx are; 404 (and, for
 * {@code users.get}, 400) is "no such user".
 * Thread-safe; never shows the key, a token or an assertion.
 */
final class GoogleDirectoryApi {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleDirectoryApi.class);
  /** Google's reasons for "slow down", sent with 403 or 429: transient, whatever the status. */
  static final Set<String> RATE_LIMIT_REASONS =
      Set.of("userRateLimitExceeded", "rateLimitExceeded", "quotaExceeded");
  /** Google's reason for an Admin SDK API not enabled in the service account's project. */
  static final String API_DISABLED = "accessNotConfigured";

  private final HttpJsonClient http;
  private final ServiceAccountKey key;
  private final Optional<String> subject;
  private final OAuthTokenClient tokens;
  private final ApiClient api;

  /**
   * Creates the API client; sends nothing.
   *
   * @param http the shared HTTP client, configured with {@link #RATE_LIMIT_REASONS}
   * @param key the service-account key
   * @param subject the user to act as (domain-wide delegation), or empty for the account itself
   */
  GoogleDirectoryApi(HttpJsonClient http, ServiceAccountKey key, Optional<String> subject) {
    this.http = http;
    this.key = key;
    this.subject = subject;
    this.tokens = OAuthTokenClient.jwtBearer(http, key.tokenUri(), key.signingKey(),
            key.clientEmail())
        .scopes(List.of(GoogleUserResolverFactory.SCOPE))
        .subject(subject.orElse(null))
        .build();
    this.api = ApiClient.builder("Google", http, ApiCredentials.oauth(tokens))
        .explainCredentialFailure(this::refused)
        .explain(401, (what, response) -> "Google rejected a new access token of "
            + actor() + " while " + what + " (" + response.describeStatus() + " to "
            + response.describeRequest() + "): " + whatToCheck())
        .build();
  }

  /**
   * Returns a valid access token.
   *
   * @throws ResolutionException transient as the token client says; permanent, with the usual
   *     causes, when Google refuses the assertion
   */
  AccessToken token() {
    try {
      return tokens.token();
    } catch (ResolutionException e) {
      if (e.isTransient()) {
        throw e;
      }
      throw ResolutionException.permanentFailure(refused(e), e);
    }
  }

  /**
   * Sends an authenticated GET.
   *
   * @param uri the URL
   * @param what what is being done, for messages ("looking up ada@example.com")
   * @return the JSON answer; empty for 404
   * @throws ResolutionException permanent for 401 (after one new token), a 403 that is no rate
   *     limit, and other client errors; transient for rate limits, 429, 5xx, I/O and timeouts
   */
  Optional<JsonNode> get(URI uri, String what) {
    return http.check(exchange(uri, what)).map(JsonResponse::json);
  }

  /**
   * Sends {@code users.get}: as {@link #get}, and a 400 is empty too, as 404 is. Google answers
   * 400 ({@code badRequest}, {@code invalid}) to a user key that is no email address, alias or
   * user id: no such user.
   *
   * @param uri the user's URL
   * @param what what is being done, for messages ("looking up ada@example.com")
   * @return the user; empty for 404 and 400
   * @throws ResolutionException as {@link #get} does
   */
  Optional<JsonNode> getUser(URI uri, String what) {
    JsonResponse response = exchange(uri, what);
    if (response.status() == 400) {
      LOG.debug("Google answered {} with {}: no such user key", response.describeRequest(),
          response.describeStatus());
      return Optional.empty();
    }
    return http.check(response).map(JsonResponse::json);
  }

  /** Who the requests act as, for messages. */
  String actor() {
    return "service account " + key.clientEmail()
        + subject.map(user -> " acting as " + user).orElse("");
  }

  /** The key the requests are signed with. */
  ServiceAccountKey key() {
    return key;
  }

  /** The user acted as, if any. */
  Optional<String> subject() {
    return subject;
  }

  @Override
  public String toString() {
    return actor();
  }

  /** Sends an authenticated GET; a 403 that is no rate limit is a permanent failure. */
  private JsonResponse exchange(URI uri, String what) {
    JsonResponse response = api.exchange(JsonRequest.get(uri), what);
    if (response.status() == 403 && !response.errorCode().map(RATE_LIMIT_REASONS::contains)
        .orElse(false)) {
      throw ResolutionException.permanentFailure(forbidden(what, response), null);
    }
    return response;
  }

  private String forbidden(String what, JsonResponse response) {
    String refused = "Google refused " + what + " (" + response.describeStatus() + " to "
        + response.describeRequest() + "): ";
    if (response.errorCode().filter(API_DISABLED::equals).isPresent()) {
      return refused + "enable the Admin SDK API in the Google Cloud project of service account "
          + key.clientEmail() + " (APIs & Services > Library > Admin SDK API)";
    }
    return refused + whatToCheck();
  }

  /** What to check when Google refuses the requests: delegation, the scope, the admin. */
  private String whatToCheck() {
    String scope = GoogleUserResolverFactory.SCOPE;
    String delegation = "domain-wide delegation to " + key.describeClient() + " with the scope "
        + scope + " (Admin console > Security > Access and data control > API controls > "
        + "Manage domain-wide delegation)";
    if (subject.isEmpty()) {
      return "service account " + key.clientEmail() + " acts as itself ("
          + GoogleUserResolverFactory.DELEGATED_SUBJECT + " is unset): assign it an admin role "
          + "that can read users (Admin console > Account > Admin roles > Assign service "
          + "accounts), or set " + GoogleUserResolverFactory.DELEGATED_SUBJECT
          + " to an administrator and grant " + delegation;
    }
    return "check the " + delegation + ", and that " + subject.get() + " ("
        + GoogleUserResolverFactory.DELEGATED_SUBJECT + ") is an administrator who can read "
        + "users";
  }

  /**
   * Google's token endpoint refused the assertion: the failure, with the usual causes of its
   * OAuth error ({@code invalid_grant}, {@code unauthorized_client}) as the shared layer quotes
   * it in the message.
   */
  private String refused(ResolutionException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String causes;
    if (message.contains("unauthorized_client")) {
      causes = "domain-wide delegation is not granted to " + key.describeClient()
          + ", or not with the scope " + GoogleUserResolverFactory.SCOPE + " (Admin console > "
          + "Security > Access and data control > API controls > Manage domain-wide "
          + "delegation)";
    } else if (message.contains("invalid_grant")) {
      causes = "the usual causes: this machine's clock is off by more than a minute or two "
          + "(the assertion's iat and exp), "
          + subject.map(user -> GoogleUserResolverFactory.DELEGATED_SUBJECT + " " + user
              + " is not an active user of the Workspace account, ").orElse("")
          + "or " + key.signingKey().keyId().map(id -> "the key " + id).orElse("the key")
          + " was deleted or disabled "
          + "(Cloud console > IAM & Admin > Service accounts > Keys)";
    } else {
      causes = "check " + GoogleUserResolverFactory.CREDENTIALS + " and the key's service "
          + "account in the Cloud console";
    }
    return "Google refused an access token to " + actor() + ": " + message + "; " + causes;
  }
}
