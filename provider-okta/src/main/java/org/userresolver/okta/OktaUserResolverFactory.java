package org.userresolver.okta;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.http.HttpClientConfig;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.HttpSettings;
import org.userresolver.http.HttpSettings.UrlRule;
import org.userresolver.http.OidcDiscovery;
import org.userresolver.http.OidcSettings;
import org.userresolver.http.OtherKeys;
import org.userresolver.http.SigningKey;
import org.userresolver.spi.UserResolverFactory;

/**
 * Creates the {@code okta} identity provider from settings.
 *
 * <p>Where: {@code FLASK_OIDC_CONFIG_URL} (the discovery document; the org URL is its issuer,
 * a custom authorization server's {@code /oauth2/<id>} removed), or {@value #ORG_URL}, which
 * wins. How: {@value #API_TOKEN} ({@code Authorization: SSWS}), or an OAuth service app:
 * {@value #CLIENT_ID} (else {@code FLASK_OIDC_CLIENT_ID}), {@value #PRIVATE_KEY} (a PEM file or
 * PEM text, such as {@code openssl pkcs12} prints it) and optionally {@value #KEY_ID}, asking
 * the org authorization server for {@value #SCOPES} (default {@code okta.users.read}) with
 * {@code private_key_jwt}. What:
 * {@value #OTHER_KEYS} lists profile attributes to copy into {@code other_key_values}
 * ({@code *} for all unmapped ones); {@value #RESOLVE_MANAGER} ({@code true} by default)
 * looks the manager up to fill {@code manager_email}. A sync lists every user but the
 * deprovisioned ones, or those {@value #SYNC_FILTER} or {@value #SYNC_SEARCH} select. The
 * {@code USER_RESOLVER_HTTP_*} settings of {@link HttpClientConfig} apply.
 *
 * <p>Creation checks every setting and reads the key, but sends no request.
 */
public final class OktaUserResolverFactory implements UserResolverFactory {
  /** Setting: the Okta org URL, such as {@code https://acme.okta.com}; wins over discovery. */
  public static final String ORG_URL = "OKTA_ORG_URL";
  /** Setting: an Okta API token, sent as {@code Authorization: SSWS <token>}. */
  public static final String API_TOKEN = "OKTA_API_TOKEN";
  /** Setting: the OAuth service app's client id; {@code FLASK_OIDC_CLIENT_ID} when unset. */
  public static final String CLIENT_ID = "OKTA_CLIENT_ID";
  /** Setting: the service app's private key, a PEM file path or the PEM text itself. */
  public static final String PRIVATE_KEY = "OKTA_PRIVATE_KEY";
  /** Setting: the key id ({@code kid}) of the service app's public key in Okta. */
  public static final String KEY_ID = "OKTA_KEY_ID";
  /** Setting: the scopes the service app asks for, space-separated. */
  public static final String SCOPES = "OKTA_SCOPES";
  /** Setting: profile attributes copied into {@code other_key_values}, comma-separated. */
  public static final String OTHER_KEYS = "OKTA_OTHER_KEYS";
  /** Setting: whether to look the manager up by {@code managerId} for her email. */
  public static final String RESOLVE_MANAGER = "OKTA_RESOLVE_MANAGER";
  /**
   * Setting: an Okta {@code filter} expression selecting the users a sync lists, such as
   * {@code status eq "ACTIVE"}; not with {@value #SYNC_SEARCH}.
   */
  public static final String SYNC_FILTER = "OKTA_SYNC_FILTER";
  /**
   * Setting: an Okta {@code search} expression selecting the users a sync lists, such as
   * {@code profile.department eq "Engineering"}; not with {@value #SYNC_FILTER}.
   */
  public static final String SYNC_SEARCH = "OKTA_SYNC_SEARCH";
  /**
   * The least size cap on an answer to a sync's list request (200 users with custom profiles
   * can pass the default 1 MiB cap of {@code USER_RESOLVER_HTTP_MAX_RESPONSE_BYTES}).
   */
  static final long LIST_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  /** Default of {@value #SCOPES}. */
  public static final String DEFAULT_SCOPES = "okta.users.read";

  /** Called by {@link java.util.ServiceLoader}. */
  public OktaUserResolverFactory() {}

  @Override
  public String name() {
    return "okta";
  }

  @Override
  public UserResolver create(Settings settings) {
    return create(settings, Clock.systemUTC());
  }

  /** Creates the provider with a clock for rate limits and tokens; for tests. */
  UserResolver create(Settings settings, Clock clock) {
    Settings.Parser parser = settings.parser();
    HttpClientConfig httpConfig = HttpClientConfig.read(parser).toBuilder()
        .rateLimitErrorCodes(Set.of(OktaCredentials.RATE_LIMIT_ERROR)).build();
    Optional<URI> discoveryUrl = HttpSettings.discoveryUrl(settings, parser,
        OidcSettings.CONFIG_URL);
    Optional<URI> orgUrl = HttpSettings.url(settings, parser, ORG_URL, "https://acme.okta.com",
        UrlRule.WITHOUT_PATH);
    if (settings.get(OidcSettings.CONFIG_URL).isEmpty() && settings.get(ORG_URL).isEmpty()) {
      parser.problem(OidcSettings.CONFIG_URL + " or " + ORG_URL + " is required: the Okta "
          + "discovery document (https://<your-org>.okta.com/.well-known/openid-configuration) "
          + "or the org URL (https://<your-org>.okta.com)");
    }
    CredentialsSpec credentials = credentials(settings, parser);
    OtherKeys otherKeys = OtherKeys.of(parser.list(OTHER_KEYS));
    boolean resolveManager = parser.bool(RESOLVE_MANAGER, true);
    Optional<String> filter = settings.get(SYNC_FILTER);
    Optional<String> search = settings.get(SYNC_SEARCH);
    if (filter.isPresent() && search.isPresent()) {
      parser.problem("set " + SYNC_FILTER + " or " + SYNC_SEARCH + ", not both: Okta lists "
          + "users by one expression");
    }
    parser.finish("Invalid settings for the okta provider");

    HttpJsonClient http = HttpJsonClient.create(httpConfig, clock);
    OktaOrg org = new OktaOrg(orgUrl, discoveryUrl, OidcDiscovery.create(http));
    OktaCredentials auth = credentials.create(http, org);
    RateLimitGate gate = new RateLimitGate(clock);
    HttpJsonClient listHttp = HttpJsonClient.create(httpConfig.toBuilder()
        .maxResponseBytes(Math.max(httpConfig.maxResponseBytes(), LIST_MAX_RESPONSE_BYTES))
        .build(), clock);
    return new OktaUserResolver(auth.apiClient(http, gate), auth.apiClient(listHttp, gate), org,
        auth, gate, new OktaUserMapper(otherKeys), resolveManager,
        new OktaDirectory.Query(filter.orElse(null), search.orElse(null)));
  }

  /** Makes the credentials once the HTTP client and the org exist. */
  private interface CredentialsSpec {
    CredentialsSpec NONE = (http, org) -> {
      throw new IllegalStateException("no credentials: the parser reported why");
    };

    OktaCredentials create(HttpJsonClient http, OktaOrg org);
  }

  private static CredentialsSpec credentials(Settings settings, Settings.Parser parser) {
    Optional<String> apiToken = HttpSettings.headerToken(settings, parser, API_TOKEN);
    boolean tokenSet = settings.get(API_TOKEN).isPresent();
    Optional<String> privateKey = settings.get(PRIVATE_KEY);
    if (tokenSet && privateKey.isPresent()) {
      parser.problem("set " + API_TOKEN + " or " + PRIVATE_KEY + ", not both");
      return CredentialsSpec.NONE;
    }
    if (tokenSet) {
      return apiToken.<CredentialsSpec>map(token -> (http, org) -> OktaCredentials.apiToken(token))
          .orElse(CredentialsSpec.NONE);
    }
    if (privateKey.isEmpty()) {
      parser.problem(API_TOKEN + " or " + PRIVATE_KEY + " is required: an Okta API token, or "
          + "the private key of an OAuth service app granted okta.users.read ("
          + OidcSettings.CLIENT_SECRET + " cannot be used: Okta grants okta.* scopes only to "
          + "private_key_jwt clients)");
      return CredentialsSpec.NONE;
    }
    Optional<String> clientId = settings.get(CLIENT_ID).or(() -> settings.get(
        OidcSettings.CLIENT_ID));
    if (clientId.isEmpty()) {
      parser.problem(CLIENT_ID + " (or " + OidcSettings.CLIENT_ID + ") is required with "
          + PRIVATE_KEY + ": the client id of the Okta API service app");
    }
    SigningKey key = null;
    try {
      key = SigningKey.fromPemTextOrFile(privateKey.get(), settings.get(KEY_ID).orElse(null));
    } catch (IllegalArgumentException e) {
      parser.problem(PRIVATE_KEY + ": " + e.getMessage());
    }
    Set<String> configured = parser.list(SCOPES);
    List<String> scopes = configured.isEmpty() ? List.of(DEFAULT_SCOPES) : List.copyOf(configured);
    if (clientId.isEmpty() || key == null) {
      return CredentialsSpec.NONE;
    }
    String id = clientId.get();
    SigningKey signingKey = key;
    return (http, org) -> OktaCredentials.serviceApp(http, org, id, signingKey, scopes);
  }
}
