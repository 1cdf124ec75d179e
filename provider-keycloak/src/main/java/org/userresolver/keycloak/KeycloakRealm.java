package org.userresolver.keycloak;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.userresolver.ResolutionException;
import org.userresolver.http.DiscoveryDocument;
import org.userresolver.http.OidcDiscovery;
import org.userresolver.http.Urls;

/**
 * Where the realm is: the base URL and realm name from the discovery document's issuer
 * ({@code {base}/realms/{realm}}), each overridden by {@value KeycloakUserResolverFactory#URL}
 * or {@value KeycloakUserResolverFactory#REALM}. The token endpoint is the document's while
 * neither is overridden, else the realm's own under the base URL. Loads the document lazily
 * (the loader caches it). Thread-safe.
 */
final class KeycloakRealm {
  /** The token endpoint's path under {@code {base}/realms/{realm}}. */
  static final String TOKEN_PATH = "/protocol/openid-connect/token";
  private static final Pattern ISSUER = Pattern.compile("(.+)/realms/([^/]+)/?");

  /**
   * One realm's URLs.
   *
   * @param base the server's base URL, without a trailing slash (may hold a path such as
   *     {@code /auth})
   * @param realm the realm's name
   * @param tokenEndpoint where the service account gets its tokens
   */
  record Location(URI base, String realm, URI tokenEndpoint) {

    /** {@code {base}/admin/realms/{realm}/users?{query}}. */
    URI users(String query) {
      return URI.create(base + "/admin/realms/" + Urls.encode(realm) + "/users?" + query);
    }

    /** {@code {base}/admin/realms/{realm}/users/count}. */
    URI usersCount() {
      return URI.create(base + "/admin/realms/" + Urls.encode(realm) + "/users/count");
    }

    /** The account console, {@code {base}/realms/{realm}/account}. */
    URI accountConsole() {
      return URI.create(base + "/realms/" + Urls.encode(realm) + "/account");
    }

    @Override
    public String toString() {
      return "realm " + realm + " at " + base;
    }
  }

  private final Optional<URI> discoveryUrl;
  private final Optional<URI> baseOverride;
  private final Optional<String> realmOverride;
  private final OidcDiscovery discovery;

  KeycloakRealm(Optional<URI> discoveryUrl, Optional<URI> baseOverride,
      Optional<String> realmOverride, OidcDiscovery discovery) {
    this.discoveryUrl = discoveryUrl;
    this.baseOverride = baseOverride.map(Urls::withoutTrailingSlash);
    this.realmOverride = realmOverride;
    this.discovery = discovery;
  }

  /**
   * Returns the realm's URLs, loading the discovery document when an override is missing.
   *
   * @throws ResolutionException as the discovery loader does, or permanent when the issuer is
   *     not {@code {base}/realms/{realm}} and no override stands in
   */
  Location locate() {
    if (baseOverride.isPresent() && realmOverride.isPresent()) {
      return locate(null, baseOverride, realmOverride);
    }
    return locate(document().orElseThrow(() -> new IllegalStateException(
        "checked by the factory: a discovery URL or both overrides")), baseOverride, realmOverride);
  }

  /**
   * Returns the realm's URLs from a discovery document and the overrides.
   *
   * @param document the checked discovery document; may be {@code null} when both overrides
   *     are present
   * @throws ResolutionException permanent when the issuer is not {@code {base}/realms/{realm}}
   *     and no override stands in
   */
  static Location locate(DiscoveryDocument document, Optional<URI> baseOverride,
      Optional<String> realmOverride) {
    if (baseOverride.isPresent() && realmOverride.isPresent()) {
      return computed(baseOverride.get(), realmOverride.get());
    }
    Matcher matcher = ISSUER.matcher(document.issuer().toString());
    if (!matcher.matches()) {
      throw ResolutionException.permanentFailure("the issuer " + document.issuer()
          + " of the discovery document at " + document.url() + " is not a Keycloak realm URL "
          + "({base}/realms/{realm}); set " + KeycloakUserResolverFactory.URL + " and "
          + KeycloakUserResolverFactory.REALM, null);
    }
    URI base = baseOverride.orElseGet(() -> URI.create(matcher.group(1)));
    String realm = realmOverride.orElseGet(() -> decode(matcher.group(2)));
    if (baseOverride.isPresent() || realmOverride.isPresent()) {
      return computed(base, realm);
    }
    return new Location(base, realm, document.requireTokenEndpoint());
  }

  /** The discovery document, when a discovery URL is set. */
  Optional<DiscoveryDocument> document() {
    return discoveryUrl.map(discovery::load);
  }

  /** Which overrides are set, for messages: "KEYCLOAK_URL", "KEYCLOAK_URL and ...", or "". */
  String overrides() {
    if (baseOverride.isPresent() && realmOverride.isPresent()) {
      return KeycloakUserResolverFactory.URL + " and " + KeycloakUserResolverFactory.REALM;
    }
    return baseOverride.map(b -> KeycloakUserResolverFactory.URL)
        .or(() -> realmOverride.map(r -> KeycloakUserResolverFactory.REALM)).orElse("");
  }

  /** "realm acme at https://sso.example.com", or where the missing parts are discovered. */
  @Override
  public String toString() {
    if (baseOverride.isPresent() && realmOverride.isPresent()) {
      return "realm " + realmOverride.get() + " at " + baseOverride.get();
    }
    String discovered = "discovered from " + discoveryUrl.map(URI::toString).orElse("?");
    return realmOverride.map(realm -> "realm " + realm + ", base URL " + discovered)
        .or(() -> baseOverride.map(base -> "realm " + discovered + ", at " + base))
        .orElse("realm " + discovered);
  }

  private static Location computed(URI base, String realm) {
    return new Location(base, realm,
        URI.create(base + "/realms/" + Urls.encode(realm) + TOKEN_PATH));
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
