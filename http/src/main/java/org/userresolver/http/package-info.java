/**
 * The HTTP layer every provider and store shares: {@link org.userresolver.http.HttpJsonClient}
 * (timeouts, size cap, {@code User-Agent}, one mapping of responses to
 * {@link org.userresolver.ResolutionException}s), {@link org.userresolver.http.OidcDiscovery}
 * (checked, cached discovery documents) and {@link org.userresolver.http.OAuthTokenClient}
 * (client credentials with a client secret or {@code private_key_jwt}, and the JWT bearer
 * grant; cached, refreshed early, one request for concurrent callers).
 *
 * <p>A provider builds one client from its settings and the rest on top of it:
 *
 * <pre>{@code
 * Settings.Parser parser = settings.parser();
 * HttpClientConfig httpConfig = HttpClientConfig.read(parser);
 * parser.finish("Invalid settings for the acme provider");
 * HttpJsonClient http = HttpJsonClient.create(httpConfig);
 * DiscoveryDocument oidc = OidcDiscovery.create(http).load(URI.create(configUrl));
 * OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http,
 *     oidc.requireTokenEndpoint(), ClientAuthentication.clientSecretBasic(id, secret)).build();
 * Optional<JsonResponse> user = http.send(JsonRequest.get(userUrl)
 *     .withHeader("Authorization", tokens.token().authorizationHeader()));
 * }</pre>
 */
package org.userresolver.http;
