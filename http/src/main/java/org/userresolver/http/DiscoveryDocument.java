package org.userresolver.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.userresolver.ResolutionException;

/**
 * An OpenID Connect discovery document (or OAuth 2.0 authorization server metadata), as
 * {@link OidcDiscovery} loaded and checked it: its issuer matches the URL it came from, and its
 * endpoints are HTTPS (or loopback).
 *
 * @param url the URL the document was fetched from
 * @param issuer the {@code issuer}, equal to {@code url} minus the well-known suffix
 * @param tokenEndpoint the {@code token_endpoint}, when the document has one
 * @param metadata every top-level member whose value is a string, by name
 */
public record DiscoveryDocument(URI url, URI issuer, Optional<URI> tokenEndpoint,
    Map<String, String> metadata) {

  /**
   * Copies the metadata.
   *
   * @param url the URL the document was fetched from
   * @param issuer the {@code issuer}, equal to {@code url} minus the well-known suffix
   * @param tokenEndpoint the {@code token_endpoint}, when the document has one
   * @param metadata every top-level member whose value is a string, by name
   * @throws NullPointerException when a component is null
   */
  public DiscoveryDocument {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    metadata = Map.copyOf(metadata);
  }

  /**
   * Returns the token endpoint, which a caller that needs a token requires.
   *
   * @return the {@code token_endpoint}
   * @throws ResolutionException a permanent failure naming the document when it has none
   */
  public URI requireTokenEndpoint() {
    return tokenEndpoint.orElseThrow(() -> ResolutionException.permanentFailure(
        "the discovery document at " + url + " has no token_endpoint", null));
  }

  /**
   * Returns one string member of the document, such as {@code userinfo_endpoint}.
   *
   * @param name the member's name
   * @return its value, or empty when absent or not a string
   */
  public Optional<String> value(String name) {
    return Optional.ofNullable(metadata.get(name));
  }
}
