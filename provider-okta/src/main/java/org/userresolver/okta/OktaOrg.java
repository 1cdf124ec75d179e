package org.userresolver.okta;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.userresolver.http.DiscoveryDocument;
import org.userresolver.http.OidcDiscovery;

/**
 * Where the Okta org is: {@code OKTA_ORG_URL} when set, else the issuer of the discovery
 * document, a custom authorization server's {@code /oauth2/<id>} removed. The org
 * authorization server's token endpoint is the one that grants {@code okta.*} scopes. Loads the
 * discovery document lazily (the loader caches it). Thread-safe.
 */
final class OktaOrg {
  /** The org authorization server's token endpoint, under the org URL. */
  static final String ORG_TOKEN_PATH = "/oauth2/v1/token";
  private static final Pattern CUSTOM_AUTHORIZATION_SERVER = Pattern.compile("(.*)/oauth2/[^/]+");

  private final Optional<URI> override;
  private final Optional<URI> discoveryUrl;
  private final OidcDiscovery discovery;

  OktaOrg(Optional<URI> override, Optional<URI> discoveryUrl, OidcDiscovery discovery) {
    this.override = override;
    this.discoveryUrl = discoveryUrl;
    this.discovery = discovery;
  }

  /** The org URL, such as {@code https://acme.okta.com}, without a trailing slash. */
  URI url() {
    return override.orElseGet(() -> orgOf(document().orElseThrow().issuer()));
  }

  /** The token endpoint that grants {@code okta.*} scopes. */
  URI tokenEndpoint() {
    if (override.isPresent()) {
      return URI.create(override.get() + ORG_TOKEN_PATH);
    }
    DiscoveryDocument document = document().orElseThrow();
    URI org = orgOf(document.issuer());
    return org.equals(document.issuer())
        ? document.requireTokenEndpoint()
        : URI.create(org + ORG_TOKEN_PATH);
  }

  /** The discovery document, when a discovery URL is set. */
  Optional<DiscoveryDocument> document() {
    return discoveryUrl.map(discovery::load);
  }

  /** Whether the org URL is set directly rather than found by discovery. */
  boolean overridden() {
    return override.isPresent();
  }

  /** Maps a custom authorization server's issuer back to its org. */
  static URI orgOf(URI issuer) {
    String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
    Matcher matcher = CUSTOM_AUTHORIZATION_SERVER.matcher(path);
    if (matcher.matches()) {
      return URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority() + matcher.group(1));
    }
    if (path.endsWith("/")) {
      return URI.create(issuer.toString().substring(0, issuer.toString().length() - 1));
    }
    return issuer;
  }

  @Override
  public String toString() {
    return override.map(URI::toString)
        .orElseGet(() -> "discovered from " + discoveryUrl.map(URI::toString).orElse("?"));
  }
}
