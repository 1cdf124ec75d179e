package org.userresolver.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.userresolver.ResolutionException;

/**
 * The authenticated JSON client of one service's API, the part every HTTP provider and store
 * shares: it adds the {@link ApiCredentials}' {@code Authorization} header, sends the request
 * once more with a new token when the API answers 401 to a token that can be replaced, turns
 * the statuses the plugin explains (401 after that, 403, ...) into permanent failures with the
 * plugin's message, and maps the rest as {@link HttpJsonClient#send} does (2xx the answer, 404
 * empty, 408/429/5xx and rate limits transient).
 *
 * <pre>{@code
 * ApiClient okta = ApiClient.builder("Okta", http, ApiCredentials.scheme("SSWS", token))
 *     .explain(403, (what, response) -> "Okta refused " + what + " ("
 *         + response.describeStatus() + "): give the token's admin a role that reads users")
 *     .build();
 * Optional<JsonResponse> user = okta.get(userUrl, "looking up " + id);
 * }</pre>
 *
 * <p>Thread-safe. Messages never hold a credential, a header value or a body.
 */
public final class ApiClient {

  /**
   * Explains a refused request: says what the status means for this service and what to check
   * or grant. Called on the thread that sent the request.
   */
  @FunctionalInterface
  public interface Explanation {

    /**
     * Returns the message of the permanent failure.
     *
     * @param what what was being done, as the caller said ("looking up ada@example.com")
     * @param response the refusal: {@link JsonResponse#describeStatus()} and
     *     {@link JsonResponse#describeRequest()} describe it; never quote its body
     * @return the message, naming what to check; never a secret
     */
    String explain(String what, JsonResponse response);
  }

  private final String service;
  private final HttpJsonClient http;
  private final ApiCredentials credentials;
  private final Map<Integer, Explanation> explanations;
  private final Function<ResolutionException, String> credentialFailure;
  private final Consumer<JsonResponse> listener;

  private ApiClient(Builder builder) {
    this.service = builder.service;
    this.http = builder.http;
    this.credentials = builder.credentials;
    this.explanations = Map.copyOf(builder.explanations);
    this.credentialFailure = builder.credentialFailure;
    this.listener = builder.listener;
  }

  /**
   * Returns a builder.
   *
   * @param service the service's name for messages, such as {@code Okta}
   * @param http the client that sends the requests
   * @param credentials how requests are authenticated
   * @return a new builder
   */
  public static Builder builder(String service, HttpJsonClient http,
      ApiCredentials credentials) {
    return new Builder(service, http, credentials);
  }

  /**
   * Sends an authenticated {@code GET} and maps its answer.
   *
   * @param uri the URL
   * @param what what is being done, for messages ("looking up ada@example.com")
   * @return the response for 2xx, its body valid JSON; empty for 404 unless explained
   * @throws ResolutionException permanent for an explained status, a 401 after the one new
   *     token, and the other permanent cases of {@link HttpJsonClient#send}; transient for
   *     408, 429, 5xx, rate limits, I/O errors and timeouts
   */
  public Optional<JsonResponse> get(URI uri, String what) {
    return send(JsonRequest.get(uri), what);
  }

  /**
   * Sends an authenticated request, such as a JSON {@code POST}, and maps its answer.
   *
   * @param request the request, without an {@code Authorization} header
   * @param what what is being done, for messages
   * @return the response for 2xx, its body valid JSON; empty for 404 unless explained
   * @throws ResolutionException as {@link #get} does
   */
  public Optional<JsonResponse> send(JsonRequest request, String what) {
    return http.check(exchange(request, what));
  }

  /**
   * Sends an authenticated request and returns its response whatever the status, for a caller
   * that handles some statuses itself (such as a 409 "already exists") before
   * {@link HttpJsonClient#check}ing the rest. A 401 and the explained statuses are still
   * failures.
   *
   * @param request the request, without an {@code Authorization} header
   * @param what what is being done, for messages
   * @return the response
   * @throws ResolutionException permanent for an explained status or a final 401; transient
   *     for I/O errors and timeouts; as the credentials' token client throws
   */
  public JsonResponse exchange(JsonRequest request, String what) {
    Objects.requireNonNull(what, "what");
    for (int attempt = 1; ; attempt++) {
      ApiCredentials.Credential credential = credential();
      JsonResponse response = http.exchange(request.withHeader("Authorization",
          credential.header()));
      listener.accept(response);
      int status = response.status();
      if (status == 401 && attempt == 1 && credentials.rejected(credential)) {
        continue;
      }
      Explanation explanation = explanations.get(status);
      if (explanation == null && status == 401) {
        explanation = this::unauthorized;
      }
      if (explanation != null && !http.isRateLimited(response)) {
        throw ResolutionException.permanentFailure(explanation.explain(what, response), null);
      }
      return response;
    }
  }

  /** Shows the service and the kind of credentials; never a secret. */
  @Override
  public String toString() {
    return "ApiClient[" + service + ", " + credentials + "]";
  }

  private ApiCredentials.Credential credential() {
    try {
      return credentials.current();
    } catch (ResolutionException e) {
      if (e.isTransient() || credentialFailure == null) {
        throw e;
      }
      throw ResolutionException.permanentFailure(credentialFailure.apply(e), e);
    }
  }

  private String unauthorized(String what, JsonResponse response) {
    return service + " rejected the credentials while " + what + " ("
        + response.describeStatus() + " to " + response.describeRequest() + ")";
  }

  /** Builds an {@link ApiClient}. Not thread-safe. */
  public static final class Builder {
    private final String service;
    private final HttpJsonClient http;
    private final ApiCredentials credentials;
    private final Map<Integer, Explanation> explanations = new TreeMap<>();
    private Function<ResolutionException, String> credentialFailure;
    private Consumer<JsonResponse> listener = response -> { };

    private Builder(String service, HttpJsonClient http, ApiCredentials credentials) {
      this.service = Objects.requireNonNull(service, "service");
      this.http = Objects.requireNonNull(http, "http");
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      if (service.isBlank()) {
        throw new IllegalArgumentException("service must not be blank");
      }
    }

    /**
     * Makes a status a permanent failure with the plugin's message. For 401 the message is
     * used once the request has failed with a new token too (or at once, for credentials that
     * cannot be replaced); without one, a 401 says that the service rejected the credentials.
     *
     * @param status a client error other than 408 and 429, which are transient; a response
     *     carrying one of the client's rate-limit error codes stays transient whatever its
     *     status (Google answers some rate limits 403)
     * @param explanation builds the message
     * @return this builder
     * @throws IllegalArgumentException for a status outside 400-499, or 408 or 429
     */
    public Builder explain(int status, Explanation explanation) {
      if (status < 400 || status > 499 || status == 408 || status == 429) {
        throw new IllegalArgumentException("only client errors other than 408 and 429 can be "
            + "explained as permanent failures, found " + status);
      }
      explanations.put(status, Objects.requireNonNull(explanation, "explanation"));
      return this;
    }

    /**
     * Sets the message for a permanent failure to get a credential (the token endpoint refused
     * the client), such as what to check in the service's console. The original failure stays
     * the cause and is usually quoted in the message. Transient failures pass unchanged.
     *
     * @param message builds the message from the token client's failure
     * @return this builder
     */
    public Builder explainCredentialFailure(Function<ResolutionException, String> message) {
      this.credentialFailure = Objects.requireNonNull(message, "message");
      return this;
    }

    /**
     * Sets a listener told of every response before it is mapped, such as one that tracks the
     * service's rate-limit headers. Called on the thread that sent the request; must not throw.
     *
     * @param value the listener
     * @return this builder
     */
    public Builder onResponse(Consumer<JsonResponse> value) {
      this.listener = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Builds the client; sends nothing.
     *
     * @return the client
     */
    public ApiClient build() {
      return new ApiClient(this);
    }
  }
}
