/**
 * The HTTP layer every provider and store plugin shares, so that a plugin is request building
 * and field mapping.
 *
 * <ul>
 *   <li>{@link org.userresolver.http.HttpJsonClient}: timeouts, size cap, {@code User-Agent},
 *       one mapping of responses to {@link org.userresolver.ResolutionException}s, one request
 *       per send; configured by {@link org.userresolver.http.HttpClientConfig}.
 *   <li>{@link org.userresolver.http.ApiClient}: the authenticated calls of one service, with
 *       {@link org.userresolver.http.ApiCredentials} (bearer token, a scheme such as
 *       {@code SSWS}, HTTP Basic), one new token after a 401, and the plugin's explanations of
 *       401 and 403.
 *   <li>{@link org.userresolver.http.OidcDiscovery} (checked, cached discovery documents) and
 *       {@link org.userresolver.http.OAuthTokenClient} (client credentials with a client secret
 *       or {@code private_key_jwt}, and the JWT bearer grant; cached, refreshed early, one
 *       request for concurrent callers, the endpoint fixed or found by discovery).
 *   <li>{@link org.userresolver.http.HttpSettings} and
 *       {@link org.userresolver.http.OidcSettings}: URL, discovery and token settings.
 *   <li>{@link org.userresolver.http.ProfileMapping} and
 *       {@link org.userresolver.http.OtherKeys}: mapping a JSON user to a profile.
 * </ul>
 *
 * <p>A provider builds its pieces from settings, then looks users up:
 *
 * <pre>{@code
 * Settings.Parser parser = settings.parser();
 * HttpClientConfig httpConfig = HttpClientConfig.read(parser).toBuilder()
 *     .rateLimitErrorCodes(Set.of("rateLimitExceeded")).build();
 * Optional<URI> discovery = HttpSettings.discoveryUrl(settings, parser, OidcSettings.CONFIG_URL);
 * parser.finish("Invalid settings for the acme provider");
 * HttpJsonClient http = HttpJsonClient.create(httpConfig);
 * OidcDiscovery documents = OidcDiscovery.create(http);
 * OAuthTokenClient tokens = OAuthTokenClient.clientCredentials(http,
 *     () -> documents.load(discovery.get()).requireTokenEndpoint(),
 *     ClientAuthentication.clientSecretBasic(id, secret)).build();
 * ApiClient api = ApiClient.builder("Acme", http, ApiCredentials.oauth(tokens))
 *     .explain(403, (what, response) -> "Acme refused " + what + " ("
 *         + response.describeStatus() + "): grant the client the users:read role")
 *     .build();
 * Optional<JsonResponse> user = api.get(userUrl, "looking up " + id);
 * }</pre>
 */
package org.userresolver.http;
