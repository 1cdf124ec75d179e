package org.userresolver.keycloak;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.http.ClientAuthentication;
import org.userresolver.http.HttpClientConfig;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.HttpSettings;
import org.userresolver.http.HttpSettings.UrlRule;
import org.userresolver.http.OidcDiscovery;
import org.userresolver.http.OidcSettings;
import org.userresolver.http.ProfileUrlTemplate;
import org.userresolver.spi.UserResolverFactory;

/**
 * Creates the {@code keycloak} identity provider from settings.
 *
 * <p>Where: {@code FLASK_OIDC_CONFIG_URL}, the realm's discovery document, whose issuer
 * {@code {base}/realms/{realm}} gives the server's base URL and the realm; {@value #URL} and
 * {@value #REALM} override either (with both, no discovery document is needed). Who: the
 * confidential client {@value #CLIENT_ID} with secret {@value #CLIENT_SECRET} (else
 * {@code FLASK_OIDC_CLIENT_ID} and {@code FLASK_OIDC_CLIENT_SECRET}), whose service account
 * holds the realm-management role {@code view-users}; it gets tokens with
 * {@code client_credentials} and {@code client_secret_basic}. What: {@value #ATTRIBUTE_MAP}
 * maps user attributes to profile fields ({@code title=role_name,department=team_name,
 * manager=manager_email}), {@value #OTHER_KEYS} lists attributes for {@code other_key_values}
 * ({@code *} for every unmapped one), {@value #PROFILE_URL} sets the profile link (the account
 * console by default, a template, or {@code none}). A sync lists the realm's users
 * {@value #SYNC_PAGE_SIZE} a page. The {@code USER_RESOLVER_HTTP_*} settings
 * of {@link HttpClientConfig} apply.
 *
 * <p>Creation checks every setting and reports all problems at once, but sends no request.
 */
public final class KeycloakUserResolverFactory implements UserResolverFactory {
  /** Setting: the server's base URL, such as {@code https://sso.example.com}; wins over the issuer. */
  public static final String URL = "KEYCLOAK_URL";
  /** Setting: the realm's name; wins over the issuer. */
  public static final String REALM = "KEYCLOAK_REALM";
  /** Setting: the confidential client's id; {@code FLASK_OIDC_CLIENT_ID} when unset. */
  public static final String CLIENT_ID = "KEYCLOAK_CLIENT_ID";
  /** Setting: the confidential client's secret; {@code FLASK_OIDC_CLIENT_SECRET} when unset. */
  public static final String CLIENT_SECRET = "KEYCLOAK_CLIENT_SECRET";
  /** Setting: {@code attribute=field} pairs, comma-separated, mapping attributes to fields. */
  public static final String ATTRIBUTE_MAP = "KEYCLOAK_ATTRIBUTE_MAP";
  /** Setting: attributes copied into {@code other_key_values}, comma-separated, or {@code *}. */
  public static final String OTHER_KEYS = "KEYCLOAK_OTHER_KEYS";
  /** Setting: the profile link: a template, or {@code none}; the account console by default. */
  public static final String PROFILE_URL = "KEYCLOAK_PROFILE_URL";
  /** Setting: users per page when a sync lists the realm (default 100). */
  public static final String SYNC_PAGE_SIZE = "KEYCLOAK_SYNC_PAGE_SIZE";

  /** The default profile link: the realm's account console. */
  static final String ACCOUNT_CONSOLE = "{base}/realms/{realm}/account";
  /** The {@value #PROFILE_URL} value that turns profile links off. */
  static final String NO_PROFILE_URL = "none";
  private static final ProfileUrlTemplate ACCOUNT_CONSOLE_URL = ProfileUrlTemplate.parse(
      ACCOUNT_CONSOLE, KeycloakUserMapper.SAMPLES, Set.of("base"), ACCOUNT_CONSOLE);

  /** Called by {@link java.util.ServiceLoader}. */
  public KeycloakUserResolverFactory() {}

  /** Returns {@code keycloak}. */
  @Override
  public String name() {
    return "keycloak";
  }

  /**
   * Creates the provider; sends no request.
   *
   * @throws IllegalArgumentException listing every missing or invalid setting, never a secret
   */
  @Override
  public UserResolver create(Settings settings) {
    Settings.Parser parser = settings.parser();
    HttpClientConfig httpConfig = HttpClientConfig.read(parser);
    Optional<URI> discoveryUrl = HttpSettings.discoveryUrl(settings, parser,
        OidcSettings.CONFIG_URL);
    Optional<URI> baseUrl = HttpSettings.url(settings, parser, URL,
        "https://sso.example.com or https://sso.example.com/auth", UrlRule.WITHOUT_QUERY);
    Optional<String> realm = settings.get(REALM);
    if (settings.get(OidcSettings.CONFIG_URL).isEmpty()
        && (settings.get(URL).isEmpty() || realm.isEmpty())) {
      parser.problem(OidcSettings.CONFIG_URL + " (or both " + URL + " and " + REALM
          + ") is required: the realm's discovery document, "
          + "https://<keycloak>/realms/<realm>/.well-known/openid-configuration");
    }
    String idName = settings.get(CLIENT_ID).isPresent() ? CLIENT_ID : OidcSettings.CLIENT_ID;
    String secretName = settings.get(CLIENT_SECRET).isPresent()
        ? CLIENT_SECRET : OidcSettings.CLIENT_SECRET;
    Optional<String> clientId = settings.get(idName);
    Optional<String> secret = settings.get(secretName);
    if (clientId.isEmpty()) {
      parser.problem(CLIENT_ID + " (or " + OidcSettings.CLIENT_ID + ") is required: the "
          + "confidential client whose service account has the realm-management role "
          + KeycloakAdminApi.ROLE);
    }
    if (secret.isEmpty()) {
      parser.problem(CLIENT_SECRET + " (or " + OidcSettings.CLIENT_SECRET + ") is required: "
          + "the confidential client's secret");
    }
    Map<String, KeycloakUserMapper.Field> attributeMap = KeycloakUserMapper.parseAttributeMap(
        settings.get(ATTRIBUTE_MAP).orElse(""), parser);
    Set<String> otherKeys = parser.list(OTHER_KEYS);
    ProfileUrlTemplate profileUrl = profileUrl(settings, parser);
    int pageSize = (int) parser.integer(SYNC_PAGE_SIZE, KeycloakDirectory.DEFAULT_PAGE_SIZE, 1);
    parser.finish("Invalid Keycloak settings");

    HttpJsonClient http = HttpJsonClient.create(httpConfig);
    KeycloakRealm location = new KeycloakRealm(discoveryUrl, baseUrl, realm,
        OidcDiscovery.create(http));
    KeycloakAdminApi api = new KeycloakAdminApi(http, location,
        ClientAuthentication.clientSecretBasic(clientId.get(), secret.get()),
        "the client id and secret (" + idName + ", " + secretName + ")");
    return new KeycloakUserResolver(location, api,
        new KeycloakUserMapper(attributeMap, otherKeys, profileUrl), pageSize);
  }

  /** The profile link template; {@code null} for {@code none} or a bad value (reported). */
  static ProfileUrlTemplate profileUrl(Settings settings, Settings.Parser parser) {
    if (settings.get(PROFILE_URL).map(NO_PROFILE_URL::equalsIgnoreCase).orElse(false)) {
      return null;
    }
    return ProfileUrlTemplate.read(settings, parser, PROFILE_URL, KeycloakUserMapper.SAMPLES,
            Set.of("base"), ACCOUNT_CONSOLE + " or https://intranet.example.com/people/{username}")
        .orElseGet(() -> settings.get(PROFILE_URL).isPresent() ? null : ACCOUNT_CONSOLE_URL);
  }
}
