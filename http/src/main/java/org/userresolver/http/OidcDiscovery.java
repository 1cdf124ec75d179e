package org.userresolver.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.userresolver.ResolutionException;

/**
 * Loads OpenID Connect discovery documents ({@code /.well-known/openid-configuration}, or OAuth
 * 2.0 authorization server metadata at {@code /.well-known/oauth-authorization-server}) and
 * caches each for a time.
 *
 * <p>A document is rejected when its {@code issuer} is not exactly the URL it was fetched from
 * minus the well-known suffix (OpenID Connect Discovery 1.0, section 4.3), or when an endpoint
 * in it is not HTTPS (plain HTTP is accepted for loopback hosts only). Failures are not
 * cached. Thread-safe.
 */
public final class OidcDiscovery {
  /** The OpenID Connect discovery suffix. */
  public static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
  /** The OAuth 2.0 authorization server metadata suffix (RFC 8414). */
  public static final String OAUTH_AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";
  /** How long a loaded document is reused by default: one hour. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  private static final List<String> SUFFIXES = List.of(OPENID_CONFIGURATION,
      OAUTH_AUTHORIZATION_SERVER);

  private record Cached(DiscoveryDocument document, Instant loadedAt) {}

  private final HttpJsonClient http;
  private final Duration ttl;
  private final Map<URI, Cached> cache = new ConcurrentHashMap<>();

  private OidcDiscovery(HttpJsonClient http, Duration ttl) {
    this.http = Objects.requireNonNull(http, "http");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, found " + ttl);
    }
  }

  /**
   * Returns a loader that fetches with this client and reuses documents for
   * {@link #DEFAULT_TTL}.
   *
   * @param http the client; its clock times the cache
   * @return the loader
   */
  public static OidcDiscovery create(HttpJsonClient http) {
    return new OidcDiscovery(http, DEFAULT_TTL);
  }

  /**
   * Returns a loader that fetches with this client and reuses documents for {@code ttl}.
   *
   * @param http the client; its clock times the cache
   * @param ttl how long a document is reused; zero fetches it every time
   * @return the loader
   */
  public static OidcDiscovery create(HttpJsonClient http, Duration ttl) {
    return new OidcDiscovery(http, ttl);
  }

  /**
   * The problem with a URL as a discovery document's, or empty: it must be absolute, HTTPS (or
   * loopback HTTP), without user info or a query, ending with a well-known suffix.
   * {@link HttpSettings#discoveryUrl} reports it for settings.
   */
  static Optional<String> problemWith(URI url) {
    if (url.getRawUserInfo() != null) {
      return Optional.of("must not hold a user name or password");
    }
    if (!url.isAbsolute() || url.getHost() == null) {
      return Optional.of("must be an absolute URL, found \"" + url + "\"");
    }
    if (!HttpJsonClient.isSecureOrLoopback(url)) {
      return Optional.of("must be an https URL (plain http only for loopback hosts), found \""
          + url + "\"");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      return Optional.of("must not have a query or fragment, found \"" + url + "\"");
    }
    if (SUFFIXES.stream().noneMatch(suffix -> url.getRawPath().endsWith(suffix))) {
      return Optional.of("must end with " + OPENID_CONFIGURATION + ", found \"" + url + "\"");
    }
    return Optional.empty();
  }

  /**
   * Returns the document at a URL, from the cache while it is fresh.
   *
   * @param url the discovery document's URL
   * @return the checked document
   * @throws IllegalArgumentException when the URL cannot be a discovery URL (not absolute,
   *     not HTTPS, with a query, or without a well-known suffix)
   * @throws ResolutionException permanent when the document is missing, not a JSON object, has
   *     no or a mismatched {@code issuer}, or an insecure endpoint; transient when the server
   *     is unreachable, slow or failing
   */
  public DiscoveryDocument load(URI url) {
    problemWith(url).ifPresent(problem -> {
      throw new IllegalArgumentException("discovery URL " + problem);
    });
    Instant now = http.clock().instant();
    Cached cached = cache.get(url);
    if (cached != null && now.isBefore(cached.loadedAt().plus(ttl))) {
      return cached.document();
    }
    DiscoveryDocument document = fetch(url);
    cache.put(url, new Cached(document, now));
    return document;
  }

  /** Shows the cache size; holds no secret. */
  @Override
  public String toString() {
    return "OidcDiscovery[cached=" + cache.size() + ", ttl=" + ttl + "]";
  }

  private DiscoveryDocument fetch(URI url) {
    JsonNode body = http.send(JsonRequest.get(url))
        .orElseThrow(() -> ResolutionException.permanentFailure(
            "no discovery document at " + url + " (HTTP 404)", null))
        .json();
    if (!body.isObject()) {
      throw invalid(url, "it is not a JSON object");
    }
    JsonNode issuerNode = body.path("issuer");
    if (!issuerNode.isTextual() || issuerNode.asText().isBlank()) {
      throw invalid(url, "it has no issuer");
    }
    String expected = expectedIssuer(url);
    String issuer = issuerNode.asText();
    if (!issuer.equals(expected)) {
      throw invalid(url, "its issuer \"" + ErrorBody.clean(issuer) + "\" does not match \""
          + expected + "\", the URL it was fetched from");
    }
    Optional<URI> tokenEndpoint = Optional.empty();
    JsonNode tokenNode = body.path("token_endpoint");
    if (!tokenNode.isMissingNode() && !tokenNode.isNull()) {
      tokenEndpoint = Optional.of(endpoint(url, "token_endpoint", tokenNode));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    body.properties().forEach(field -> {
      if (field.getValue().isTextual()) {
        metadata.put(field.getKey(), field.getValue().asText());
      }
    });
    return new DiscoveryDocument(url, URI.create(expected), tokenEndpoint, metadata);
  }

  private static String expectedIssuer(URI url) {
    String text = url.toString();
    for (String suffix : SUFFIXES) {
      if (text.endsWith(suffix)) {
        return text.substring(0, text.length() - suffix.length());
      }
    }
    throw new IllegalStateException("checked before: " + url);
  }

  private static URI endpoint(URI url, String name, JsonNode node) {
    if (!node.isTextual()) {
      throw invalid(url, "its " + name + " is not a string");
    }
    URI endpoint;
    try {
      endpoint = new URI(node.asText());
    } catch (URISyntaxException e) {
      throw invalid(url, "its " + name + " is not a URL");
    }
    if (!endpoint.isAbsolute() || endpoint.getHost() == null
        || !HttpJsonClient.isSecureOrLoopback(endpoint)) {
      throw invalid(url, "its " + name + " \"" + ErrorBody.clean(node.asText())
          + "\" is not an https URL");
    }
    return endpoint;
  }

  private static ResolutionException invalid(URI url, String why) {
    return ResolutionException.permanentFailure(
        "rejected the discovery document at " + url + ": " + why, null);
  }
}
