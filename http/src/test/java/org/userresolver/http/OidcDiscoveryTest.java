package org.userresolver.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.userresolver.ResolutionException;
import org.userresolver.testkit.MutableClock;

final class OidcDiscoveryTest {
  private static final String WELL_KNOWN = "/.well-known/openid-configuration";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final HttpJsonClient http = HttpJsonClient.create(HttpClientConfig.ofDefaults(), clock);
  private final OidcDiscovery discovery = OidcDiscovery.create(http);

  private String issuer() {
    return server.baseUrl();
  }

  private URI wellKnown() {
    return URI.create(issuer() + WELL_KNOWN);
  }

  private void serve(String issuer, String tokenEndpoint) {
    server.stubFor(get(WELL_KNOWN).willReturn(okJson("{\"issuer\": \"" + issuer + "\","
        + (tokenEndpoint == null ? "" : " \"token_endpoint\": \"" + tokenEndpoint + "\",")
        + " \"jwks_uri\": \"" + issuer + "/oauth2/v1/keys\", \"scopes_supported\": [\"openid\"]}")));
  }

  @Test
  void load_returnsTheDocument_withIssuerTokenEndpointAndMetadata() {
    serve(issuer(), issuer() + "/oauth2/v1/token");

    DiscoveryDocument document = discovery.load(wellKnown());

    assertEquals(URI.create(issuer()), document.issuer());
    assertEquals(wellKnown(), document.url());
    assertEquals(URI.create(issuer() + "/oauth2/v1/token"), document.requireTokenEndpoint());
    assertEquals(Optional.of(issuer() + "/oauth2/v1/keys"), document.value("jwks_uri"));
    assertEquals(Optional.empty(), document.value("scopes_supported"));
  }

  @Test
  void load_acceptsACustomAuthorizationServerPath() {
    String customIssuer = issuer() + "/oauth2/default";
    server.stubFor(get("/oauth2/default" + WELL_KNOWN).willReturn(okJson("{\"issuer\": \""
        + customIssuer + "\", \"token_endpoint\": \"" + customIssuer + "/v1/token\"}")));

    DiscoveryDocument document = discovery.load(URI.create(customIssuer + WELL_KNOWN));

    assertEquals(URI.create(customIssuer), document.issuer());
  }

  @Test
  void load_rejectsAnIssuerThatDoesNotMatchTheUrl() {
    serve("https://evil.example.com", "https://evil.example.com/oauth2/v1/token");

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> discovery.load(wellKnown()));

    assertFalse(e.isTransient());
    assertEquals("rejected the discovery document at " + wellKnown() + ": its issuer "
        + "\"https://evil.example.com\" does not match \"" + issuer() + "\", the URL it was "
        + "fetched from", e.getMessage());
  }

  @Test
  void load_rejectsAnIssuerWithATrailingSlash() {
    serve(issuer() + "/", null);

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> discovery.load(wellKnown()));

    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }

  @Test
  void load_rejectsAPlainHttpTokenEndpoint() {
    serve(issuer(), "http://okta.example.com/oauth2/v1/token");

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> discovery.load(wellKnown()));

    assertEquals("rejected the discovery document at " + wellKnown() + ": its token_endpoint "
        + "\"http://okta.example.com/oauth2/v1/token\" is not an https URL", e.getMessage());
  }

  @Test
  void load_rejectsADocumentWithoutIssuer() {
    server.stubFor(get(WELL_KNOWN).willReturn(okJson("{\"token_endpoint\": \"x\"}")));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> discovery.load(wellKnown()));

    assertEquals("rejected the discovery document at " + wellKnown() + ": it has no issuer",
        e.getMessage());
  }

  @Test
  void requireTokenEndpoint_failsPermanently_whenTheDocumentHasNone() {
    serve(issuer(), null);
    DiscoveryDocument document = discovery.load(wellKnown());

    ResolutionException e = assertThrows(ResolutionException.class,
        document::requireTokenEndpoint);

    assertFalse(e.isTransient());
    assertEquals("the discovery document at " + wellKnown() + " has no token_endpoint",
        e.getMessage());
  }

  @Test
  void load_failsPermanently_whenThereIsNoDocument() {
    server.stubFor(get(WELL_KNOWN).willReturn(aResponse().withStatus(404)));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> discovery.load(wellKnown()));

    assertFalse(e.isTransient());
    assertEquals("no discovery document at " + wellKnown() + " (HTTP 404)", e.getMessage());
  }

  @Test
  void load_cachesTheDocument_untilItsTtlPasses() {
    serve(issuer(), issuer() + "/oauth2/v1/token");

    discovery.load(wellKnown());
    clock.advance(Duration.ofMinutes(59));
    discovery.load(wellKnown());
    server.verify(1, getRequestedFor(urlPathEqualTo(WELL_KNOWN)));

    clock.advance(Duration.ofMinutes(2));
    discovery.load(wellKnown());
    server.verify(2, getRequestedFor(urlPathEqualTo(WELL_KNOWN)));
  }

  @Test
  void load_doesNotCacheFailures() {
    server.stubFor(get(WELL_KNOWN).willReturn(aResponse().withStatus(503)));
    ResolutionException e = assertThrows(ResolutionException.class,
        () -> discovery.load(wellKnown()));
    assertTrue(e.isTransient());

    serve(issuer(), null);

    assertEquals(URI.create(issuer()), discovery.load(wellKnown()).issuer());
  }

  @Test
  void problemWith_rejectsInsecureAndNonWellKnownUrls() {
    assertEquals(Optional.of("must be an https URL (plain http only for loopback hosts), found "
        + "\"http://acme.okta.com/.well-known/openid-configuration\""),
        OidcDiscovery.problemWith(URI.create("http://acme.okta.com" + WELL_KNOWN)));
    assertEquals(Optional.of("must end with /.well-known/openid-configuration, found "
        + "\"https://acme.okta.com\""),
        OidcDiscovery.problemWith(URI.create("https://acme.okta.com")));
    assertEquals(Optional.empty(),
        OidcDiscovery.problemWith(URI.create("https://acme.okta.com" + WELL_KNOWN)));
    assertEquals(Optional.empty(), OidcDiscovery.problemWith(
        URI.create("https://acme.okta.com/oauth2/aus1/.well-known/oauth-authorization-server")));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> discovery.load(URI.create("https://acme.okta.com/")));
    assertEquals("discovery URL must end with /.well-known/openid-configuration, found "
        + "\"https://acme.okta.com/\"", e.getMessage());
  }
}
