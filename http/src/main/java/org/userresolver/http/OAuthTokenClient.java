package org.userresolver.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.ResolutionException;

/**
 * Gets OAuth 2.0 access tokens from a token endpoint and keeps the current one: the
 * {@code client_credentials} grant with any {@link ClientAuthentication}, or the JWT bearer
 * grant (RFC 7523) that Google service accounts use.
 *
 * <p>A token is reused until shortly before it expires ({@link Builder#refreshMargin}, at
 * most half its lifetime), then replaced. Concurrent callers share one token request: one
 * thread asks, the others wait for its answer, success or failure. When a refresh fails while
 * the current token is still valid, that token is returned. Thread-safe.
 *
 * <p>The endpoint is fixed, or comes from a supplier asked at each {@link #token()} (an
 * endpoint found by OIDC discovery, whose document may change): a token from another endpoint
 * than the current one is never reused.
 *
 * <pre>{@code
 * OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http, tokenEndpoint,
 *         ClientAuthentication.privateKeyJwt(clientId, SigningKey.fromPemFile(pem, kid)))
 *     .scopes(List.of("okta.users.read"))
 *     .build();
 * request.withHeader("Authorization", tokens.token().authorizationHeader());
 * }</pre>
 */
public final class OAuthTokenClient {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenClient.class);

  /** The JWT bearer grant type (RFC 7523, section 2.1). */
  public static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  /** How long before expiry a token is replaced by default: one minute. */
  public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(1);
  /** How long a signed assertion is valid by default: five minutes. */
  public static final Duration DEFAULT_ASSERTION_LIFETIME = Duration.ofMinutes(5);
  /** The longest assertion lifetime allowed: one hour (Okta's and Google's limit). */
  public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
  /** The lifetime assumed when a token answer has no {@code expires_in}: five minutes. */
  static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

  /** A token, the endpoint it came from, and when to replace it. */
  private record Held(AccessToken token, URI endpoint, Instant refreshAt) {

    boolean freshFor(URI current, Instant now) {
      return endpoint.equals(current) && now.isBefore(refreshAt);
    }
  }

  /** A token request being sent, and where to. */
  private record Flight(URI endpoint, CompletableFuture<AccessToken> answer) {}

  private final Function<URI, AccessToken> fetcher;
  private final Supplier<URI> endpoints;
  private final Clock clock;
  private final Duration refreshMargin;
  private final String grant;
  private final String fixedEndpoint;
  private final Object lock = new Object();
  private final AtomicInteger waiters = new AtomicInteger();
  private Held current;
  private Flight inFlight;

  OAuthTokenClient(Function<URI, AccessToken> fetcher, Supplier<URI> endpoints,
      String fixedEndpoint, Clock clock, Duration refreshMargin, String grant) {
    this.fetcher = fetcher;
    this.endpoints = endpoints;
    this.fixedEndpoint = fixedEndpoint;
    this.clock = clock;
    this.refreshMargin = refreshMargin;
    this.grant = grant;
  }

  /**
   * Returns a builder for the {@code client_credentials} grant.
   *
   * @param http the client that sends token requests; its clock times tokens
   * @param tokenEndpoint the token endpoint, HTTPS (or loopback HTTP)
   * @param authentication how the client authenticates
   * @return a new builder
   */
  public static Builder clientCredentials(HttpJsonClient http, URI tokenEndpoint,
      ClientAuthentication authentication) {
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    return new Builder(http, tokenEndpoint, () -> tokenEndpoint, Objects.requireNonNull(
        authentication, "authentication"), null, null);
  }

  /**
   * Returns a builder for the {@code client_credentials} grant whose token endpoint is found
   * when a token is needed, such as one from an OIDC discovery document; when the endpoint
   * changes, the token held is dropped.
   *
   * @param http the client that sends token requests; its clock times tokens
   * @param tokenEndpoint gives the current token endpoint; called at each {@link #token()}, it
   *     may throw a {@link ResolutionException} (a discovery document that cannot be loaded)
   * @param authentication how the client authenticates
   * @return a new builder
   */
  public static Builder clientCredentials(HttpJsonClient http, Supplier<URI> tokenEndpoint,
      ClientAuthentication authentication) {
    return new Builder(http, null, Objects.requireNonNull(tokenEndpoint, "tokenEndpoint"),
        Objects.requireNonNull(authentication, "authentication"), null, null);
  }

  /**
   * Returns a builder for the JWT bearer grant (RFC 7523): an assertion signed with
   * {@code key}, with {@code iss} the issuer (a Google service account's
   * {@code client_email}), {@code aud} the token endpoint, the scopes in a {@code scope} claim
   * and an optional {@code sub} ({@link Builder#subject}).
   *
   * @param http the client that sends token requests; its clock times tokens
   * @param tokenEndpoint the token endpoint, HTTPS (or loopback HTTP)
   * @param key the signing key
   * @param issuer the assertion's {@code iss}
   * @return a new builder
   */
  public static Builder jwtBearer(HttpJsonClient http, URI tokenEndpoint, SigningKey key,
      String issuer) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("issuer must not be blank");
    }
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    return new Builder(http, tokenEndpoint, () -> tokenEndpoint, null,
        Objects.requireNonNull(key, "key"), issuer);
  }

  /**
   * Returns a valid access token as {@link #token()} does, with a provider's own explanation
   * of a refusal: a permanent failure is thrown again with the message {@code explain} makes
   * of it (what to check in the provider's console), the failure as its cause; transient
   * failures are thrown as they are.
   *
   * @param explain the message of a permanent failure, made from it
   * @return the token
   * @throws ResolutionException as {@link #token()}, with the explained message when permanent
   */
  public AccessToken tokenExplaining(Function<ResolutionException, String> explain) {
    try {
      return token();
    } catch (ResolutionException e) {
      if (e.isTransient()) {
        throw e;
      }
      throw ResolutionException.permanentFailure(explain.apply(e), e);
    }
  }

  /**
   * Returns a valid access token: the current one while it is fresh, else a new one (one
   * request, shared by all concurrent callers).
   *
   * @return the token
   * @throws ResolutionException when no valid token can be had: transient for 429, 5xx, I/O
   *     and timeouts; permanent when the endpoint rejects the client or answers nonsense, or
   *     a supplied endpoint is not HTTPS; whatever the endpoint supplier throws
   */
  public AccessToken token() {
    URI endpoint = checked(endpoints.get());
    Held held = current();
    Instant now = clock.instant();
    if (held != null && held.freshFor(endpoint, now)) {
      return held.token();
    }
    Flight flight;
    boolean owner = false;
    synchronized (lock) {
      held = current;
      if (held != null && held.freshFor(endpoint, now)) {
        return held.token();
      }
      flight = inFlight;
      if (flight == null || !flight.endpoint().equals(endpoint)) {
        flight = new Flight(endpoint, new CompletableFuture<>());
        inFlight = flight;
        owner = true;
      }
    }
    if (owner) {
      fetchInto(flight);
    }
    waiters.incrementAndGet();
    try {
      return flight.answer().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (held != null && held.endpoint().equals(endpoint)
          && clock.instant().isBefore(held.token().expiresAt())) {
        LOG.warn("refreshing the access token from {} failed; using the current one until it "
            + "expires at {}: {}", describe(endpoint), held.token().expiresAt(),
            cause.getMessage());
        return held.token();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw ResolutionException.permanentFailure("token request to " + describe(endpoint)
          + " failed", cause);
    } finally {
      waiters.decrementAndGet();
    }
  }

  /**
   * Drops a token the resource server rejected (HTTP 401), so the next {@link #token()} asks
   * for a new one; {@link ApiCredentials#oauth} does it. Does nothing when a newer token is
   * already held.
   */
  void invalidate(AccessToken token) {
    synchronized (lock) {
      if (current != null && current.token().equals(token)) {
        current = null;
      }
    }
  }

  /** Shows the token endpoint and grant; never a token, secret or key. */
  @Override
  public String toString() {
    return "OAuthTokenClient[" + (fixedEndpoint == null ? "token endpoint found at use"
        : fixedEndpoint) + " (" + grant + ")]";
  }

  /** How many callers are waiting for a token request; for tests. */
  int waiters() {
    return waiters.get();
  }

  private Held current() {
    synchronized (lock) {
      return current;
    }
  }

  private void fetchInto(Flight flight) {
    try {
      AccessToken token = fetcher.apply(flight.endpoint());
      Instant now = clock.instant();
      Duration lifetime = Duration.between(now, token.expiresAt());
      Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) < 0
          ? refreshMargin : lifetime.dividedBy(2);
      synchronized (lock) {
        current = new Held(token, flight.endpoint(), token.expiresAt().minus(margin));
        if (inFlight == flight) {
          inFlight = null;
        }
      }
      flight.answer().complete(token);
    } catch (RuntimeException e) {
      synchronized (lock) {
        if (inFlight == flight) {
          inFlight = null;
        }
      }
      flight.answer().completeExceptionally(e);
    }
  }

  /** A supplied endpoint must be as safe as a fixed one, checked by {@link Builder#build()}. */
  private static URI checked(URI endpoint) {
    Objects.requireNonNull(endpoint, "the token endpoint supplier returned null");
    if (!isSecureAbsolute(endpoint)) {
      throw ResolutionException.permanentFailure("the token endpoint \""
          + JsonRequest.withoutQuery(endpoint) + "\" is not an https URL (plain http only for "
          + "loopback hosts)", null);
    }
    return endpoint;
  }

  private static boolean isSecureAbsolute(URI endpoint) {
    return endpoint.isAbsolute() && endpoint.getHost() != null
        && HttpJsonClient.isSecureOrLoopback(endpoint);
  }

  private String describe(URI endpoint) {
    return JsonRequest.withoutQuery(endpoint) + " (" + grant + ")";
  }

  /** Builds an {@link OAuthTokenClient}. Not thread-safe. */
  public static final class Builder {
    private final HttpJsonClient http;
    private final URI fixedEndpoint;
    private final Supplier<URI> tokenEndpoint;
    private final ClientAuthentication authentication;
    private final SigningKey assertionKey;
    private final String issuer;
    private Set<String> scopes = Set.of();
    private String subject;
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Duration assertionLifetime = DEFAULT_ASSERTION_LIFETIME;

    private Builder(HttpJsonClient http, URI fixedEndpoint, Supplier<URI> tokenEndpoint,
        ClientAuthentication authentication, SigningKey assertionKey, String issuer) {
      this.http = Objects.requireNonNull(http, "http");
      this.fixedEndpoint = fixedEndpoint;
      this.tokenEndpoint = tokenEndpoint;
      this.authentication = authentication;
      this.assertionKey = assertionKey;
      this.issuer = issuer;
    }

    /**
     * Sets the scopes to ask for.
     *
     * @param values the scopes, sent space-separated in order
     * @return this builder
     */
    public Builder scopes(Collection<String> values) {
      this.scopes = new LinkedHashSet<>(values);
      return this;
    }

    /**
     * Sets the JWT bearer assertion's {@code sub}: the user a Google service account acts as
     * (domain-wide delegation). Only for {@link #jwtBearer}.
     *
     * @param value the subject, or {@code null} for none
     * @return this builder
     */
    public Builder subject(String value) {
      this.subject = value;
      return this;
    }

    /**
     * Sets how long before its expiry a token is replaced; capped at half the token's
     * lifetime.
     *
     * @param value a non-negative duration
     * @return this builder
     */
    public Builder refreshMargin(Duration value) {
      this.refreshMargin = value;
      return this;
    }

    /**
     * Sets how long a signed assertion stays valid.
     *
     * @param value positive, at most {@link #MAX_ASSERTION_LIFETIME}
     * @return this builder
     */
    public Builder assertionLifetime(Duration value) {
      this.assertionLifetime = value;
      return this;
    }

    /**
     * Builds the token client; sends nothing yet.
     *
     * @return the token client
     * @throws IllegalArgumentException for an insecure or relative fixed endpoint, a bad
     *     duration, or a subject on a {@code client_credentials} client
     */
    public OAuthTokenClient build() {
      if (fixedEndpoint != null && !isSecureAbsolute(fixedEndpoint)) {
        throw new IllegalArgumentException("tokenEndpoint must be an https URL (plain http only "
            + "for loopback hosts), found \"" + JsonRequest.withoutQuery(fixedEndpoint) + "\"");
      }
      Objects.requireNonNull(refreshMargin, "refreshMargin");
      Objects.requireNonNull(assertionLifetime, "assertionLifetime");
      if (refreshMargin.isNegative()) {
        throw new IllegalArgumentException("refreshMargin must not be negative, found "
            + refreshMargin);
      }
      if (assertionLifetime.isNegative() || assertionLifetime.isZero()
          || assertionLifetime.compareTo(MAX_ASSERTION_LIFETIME) > 0) {
        throw new IllegalArgumentException("assertionLifetime must be positive and at most "
            + MAX_ASSERTION_LIFETIME + ", found " + assertionLifetime);
      }
      if (authentication != null && subject != null) {
        throw new IllegalArgumentException("subject is only for the JWT bearer grant");
      }
      Requester requester = new Requester(http, authentication, assertionKey, issuer, subject,
          List.copyOf(scopes), assertionLifetime);
      String grant = authentication != null
          ? "client_credentials, " + authentication.method() + ", client "
              + authentication.clientId()
          : "jwt-bearer, issuer " + issuer;
      return new OAuthTokenClient(requester, tokenEndpoint,
          fixedEndpoint == null ? null : JsonRequest.withoutQuery(fixedEndpoint), http.clock(),
          refreshMargin, grant);
    }
  }

  /** Sends one token request to an endpoint and reads the answer. */
  private record Requester(HttpJsonClient http, ClientAuthentication authentication,
      SigningKey assertionKey, String issuer, String subject, List<String> scopes,
      Duration assertionLifetime) implements Function<URI, AccessToken> {

    @Override
    public AccessToken apply(URI tokenEndpoint) {
      Instant now = http.clock().instant();
      Map<String, String> form = new LinkedHashMap<>();
      Optional<String> authorization = Optional.empty();
      if (authentication != null) {
        form.put("grant_type", "client_credentials");
        if (!scopes.isEmpty()) {
          form.put("scope", String.join(" ", scopes));
        }
        authorization = authentication.apply(form, tokenEndpoint, now, assertionLifetime);
      } else {
        form.put("grant_type", JWT_BEARER_GRANT);
        form.put("assertion", assertion(tokenEndpoint, now));
      }
      JsonRequest request = authorization
          .map(header -> JsonRequest.postForm(tokenEndpoint, form)
              .withHeader("Authorization", header))
          .orElseGet(() -> JsonRequest.postForm(tokenEndpoint, form));
      JsonResponse response;
      try {
        response = http.send(request).orElseThrow(() -> ResolutionException.permanentFailure(
            "no token endpoint at " + request.describe() + " (HTTP 404)", null));
      } catch (ResolutionException e) {
        throw withContext("token request failed: ", e);
      }
      return read(response, now);
    }

    private String assertion(URI tokenEndpoint, Instant now) {
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("iss", issuer);
      if (subject != null) {
        claims.put("sub", subject);
      }
      if (!scopes.isEmpty()) {
        claims.put("scope", String.join(" ", scopes));
      }
      claims.put("aud", tokenEndpoint.toString());
      claims.put("iat", now.getEpochSecond());
      claims.put("exp", now.plus(assertionLifetime).getEpochSecond());
      claims.put("jti", UUID.randomUUID().toString());
      return Jwt.sign(assertionKey, claims);
    }

    private AccessToken read(JsonResponse response, Instant now) {
      JsonNode body = response.json();
      String where = response.describeRequest();
      JsonNode value = body.path("access_token");
      if (!value.isTextual() || value.asText().isBlank()) {
        throw ResolutionException.permanentFailure(
            "the answer to " + where + " has no access_token", null);
      }
      String type = body.path("token_type").asText("Bearer");
      if (!type.toLowerCase(Locale.ROOT).equals("bearer")) {
        throw ResolutionException.permanentFailure("the answer to " + where
            + " is a " + ErrorBody.clean(type) + " token; only Bearer tokens are supported "
            + "(turn off proof of possession, DPoP, for this client)", null);
      }
      Duration lifetime = DEFAULT_TOKEN_LIFETIME;
      JsonNode expiresIn = body.path("expires_in");
      if (expiresIn.canConvertToLong() || expiresIn.isTextual()) {
        long seconds = expiresIn.asLong(-1);
        if (seconds <= 0) {
          throw ResolutionException.permanentFailure(
              "the answer to " + where + " has an invalid expires_in", null);
        }
        lifetime = Duration.ofSeconds(seconds);
      }
      Set<String> granted = new LinkedHashSet<>(scopes);
      if (body.path("scope").isTextual()) {
        granted = new LinkedHashSet<>(Arrays.asList(body.path("scope").asText().trim()
            .split("\\s+")));
        granted.remove("");
      }
      return new AccessToken(value.asText(), "Bearer", now.plus(lifetime), granted);
    }
  }

  /** The same failure, its message prefixed; keeps transience and any retry delay. */
  static ResolutionException withContext(String prefix, ResolutionException e) {
    String message = prefix + e.getMessage();
    if (!e.isTransient()) {
      return ResolutionException.permanentFailure(message, e);
    }
    return e.retryAfter().isPresent()
        ? ResolutionException.transientFailure(message, e.retryAfter().get())
        : ResolutionException.transientFailure(message, e);
  }
}
