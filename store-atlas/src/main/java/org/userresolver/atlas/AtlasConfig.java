package org.userresolver.atlas;

import static org.userresolver.atlas.AtlasUserStoreFactory.CREATE_TYPES;
import static org.userresolver.atlas.AtlasUserStoreFactory.PASSWORD;
import static org.userresolver.atlas.AtlasUserStoreFactory.URL;
import static org.userresolver.atlas.AtlasUserStoreFactory.USERNAME;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.userresolver.Settings;
import org.userresolver.http.ApiCredentials;
import org.userresolver.http.HttpClientConfig;
import org.userresolver.http.HttpSettings;
import org.userresolver.http.HttpSettings.UrlRule;

/**
 * The validated Atlas settings of one store. The password is held for the basic-authentication
 * header only: {@link #toString()} and every message leave it out.
 *
 * @param url the server's base URL, without a trailing slash
 * @param username the basic-authentication user
 * @param password the basic-authentication password
 * @param createTypes whether to create the {@code User} type when Atlas lacks it
 * @param http the HTTP client's configuration (plain http allowed when Amundsen's
 *     {@code PROXY_ENCRYPTED=False} asked for it)
 * @param urlSettings the settings the URL came from, for messages
 * @param credentialSettings the settings the credentials came from, for messages
 */
record AtlasConfig(
    URI url,
    String username,
    String password,
    boolean createTypes,
    HttpClientConfig http,
    String urlSettings,
    String credentialSettings) {

  private static final String EXAMPLE = "https://atlas.example.com:21000";
  private static final Set<String> TRUE = Set.of("y", "yes", "t", "true", "on", "1");
  private static final Set<String> FALSE = Set.of("n", "no", "f", "false", "off", "0");

  /**
   * Reads and validates the Atlas settings, Amundsen's aliases included, reporting every
   * problem at once.
   *
   * @param settings the settings
   * @return the configuration
   * @throws IllegalArgumentException headed "Invalid Atlas settings", one line per problem
   */
  static AtlasConfig from(Settings settings) {
    Settings.Parser parser = settings.parser();
    HttpClientConfig http = HttpClientConfig.read(parser);
    String proxyClient = settings.get(AmundsenAliases.PROXY_CLIENT).orElse("");
    boolean aliases = proxyClient.isEmpty()
        || proxyClient.equalsIgnoreCase(AtlasUserStoreFactory.NAME);

    URI url = null;
    String urlSettings = URL;
    boolean plainHttp = false;
    if (settings.get(URL).isPresent()) {
      url = baseUrl(settings, parser).orElse(null);
    } else if (aliases && settings.get(AmundsenAliases.PROXY_HOST).isPresent()) {
      urlSettings = AmundsenAliases.PROXY_HOST + ", " + AmundsenAliases.PROXY_PORT + " and "
          + AmundsenAliases.PROXY_ENCRYPTED;
      boolean encrypted = encrypted(settings, parser);
      url = proxyUrl(settings, parser, encrypted).orElse(null);
      plainHttp = !encrypted;
    } else {
      parser.problem(URL + " is required: the Atlas server's base URL, for example " + EXAMPLE
          + " (or Amundsen's " + AmundsenAliases.PROXY_HOST + ", " + AmundsenAliases.PROXY_PORT
          + " and " + AmundsenAliases.PROXY_ENCRYPTED + ")" + ignoredAliases(settings, aliases,
          proxyClient));
    }

    boolean own = settings.get(USERNAME).isPresent() || settings.get(PASSWORD).isPresent();
    boolean proxy = settings.get(AmundsenAliases.CREDENTIALS_PROXY_USER).isPresent()
        || settings.get(AmundsenAliases.CREDENTIALS_PROXY_PASSWORD).isPresent();
    boolean fromAliases = aliases && proxy && !own;
    String userSetting = fromAliases ? AmundsenAliases.CREDENTIALS_PROXY_USER : USERNAME;
    String passwordSetting = fromAliases ? AmundsenAliases.CREDENTIALS_PROXY_PASSWORD : PASSWORD;
    String username = settings.get(userSetting).orElse("");
    String password = settings.get(passwordSetting).orElse("");
    checkCredentials(parser, userSetting, username, passwordSetting, password, aliases);

    boolean createTypes = parser.bool(CREATE_TYPES, AtlasUserStoreFactory.DEFAULT_CREATE_TYPES);
    parser.finish("Invalid Atlas settings");
    if (plainHttp) {
      http = http.toBuilder().allowPlainHttp(true).build();
    }
    return new AtlasConfig(url, username, password, createTypes, http, urlSettings,
        userSetting + " and " + passwordSetting);
  }

  /**
   * Returns where this store points, for messages.
   *
   * @return for example {@code Atlas at https://atlas.example.com:21000}
   */
  String where() {
    return "Atlas at " + url;
  }

  /**
   * Returns the URL of an Atlas REST path.
   *
   * @param pathAndQuery the path from the server's root, such as
   *     {@code /api/atlas/v2/entity}, with an encoded query if any
   * @return the absolute URL
   */
  URI resolve(String pathAndQuery) {
    return URI.create(url + pathAndQuery);
  }

  /** Lists the settings, the password left out. */
  @Override
  public String toString() {
    return "AtlasConfig[url=" + url + ", username=" + username + ", password=****"
        + ", createTypes=" + createTypes + ", from " + urlSettings + "; " + credentialSettings
        + "]";
  }

  private static Optional<URI> baseUrl(Settings settings, Settings.Parser parser) {
    Optional<URI> url = HttpSettings.url(settings, parser, URL, EXAMPLE, UrlRule.WITHOUT_QUERY);
    if (url.isPresent() && url.get().getRawPath().toLowerCase(Locale.ROOT).contains("/api/atlas")) {
      parser.problem(URL + " is the server's base URL, without /api/atlas, such as " + EXAMPLE
          + ", found \"" + url.get() + "\"");
      return Optional.empty();
    }
    boolean plainHttp = settings.get(URL).orElse("").toLowerCase(Locale.ROOT).startsWith("http:");
    if (url.isEmpty() && plainHttp) {
      parser.problem(URL + ": for an Atlas served over plain http inside a private network, set "
          + "Amundsen's " + AmundsenAliases.PROXY_HOST + ", " + AmundsenAliases.PROXY_PORT
          + " and " + AmundsenAliases.PROXY_ENCRYPTED + "=False instead");
    }
    return url;
  }

  /** {@code PROXY_ENCRYPTED} read as Amundsen's {@code distutils.util.strtobool}; true if unset. */
  private static boolean encrypted(Settings settings, Settings.Parser parser) {
    Optional<String> value = settings.get(AmundsenAliases.PROXY_ENCRYPTED);
    if (value.isEmpty()) {
      return true;
    }
    String flag = value.get().toLowerCase(Locale.ROOT);
    if (TRUE.contains(flag) || FALSE.contains(flag)) {
      return TRUE.contains(flag);
    }
    parser.problem(AmundsenAliases.PROXY_ENCRYPTED + " must be true or false (also yes/no, on/off, "
        + "1/0, as Amundsen reads it), found \"" + value.get() + "\"");
    return true;
  }

  /** The URL Amundsen's Atlas proxy builds: {@code <http|https>://PROXY_HOST:PROXY_PORT}. */
  private static Optional<URI> proxyUrl(Settings settings, Settings.Parser parser,
      boolean encrypted) {
    String host = settings.get(AmundsenAliases.PROXY_HOST).orElseThrow();
    long port = parser.integer(AmundsenAliases.PROXY_PORT,
        AtlasUserStoreFactory.DEFAULT_PROXY_PORT, 1);
    if (port > 65_535) {
      parser.problem(AmundsenAliases.PROXY_PORT + " must be at most 65535, found \"" + port
          + "\"");
      return Optional.empty();
    }
    String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    try {
      URI url = new URI((encrypted ? "https" : "http") + "://" + bracketed + ":" + port);
      if (url.getHost() != null && url.getRawPath().isEmpty() && url.getRawUserInfo() == null) {
        return Optional.of(url);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    parser.problem(AmundsenAliases.PROXY_HOST + " must be a host name (Amundsen builds the Atlas "
        + "URL from " + AmundsenAliases.PROXY_ENCRYPTED + ", " + AmundsenAliases.PROXY_HOST
        + " and " + AmundsenAliases.PROXY_PORT + "), found \"" + host + "\"");
    return Optional.empty();
  }

  private static String ignoredAliases(Settings settings, boolean aliases, String proxyClient) {
    if (aliases || settings.get(AmundsenAliases.PROXY_HOST).isEmpty()) {
      return "";
    }
    return "; " + AmundsenAliases.PROXY_HOST + " is not used, because "
        + AmundsenAliases.PROXY_CLIENT + "=" + proxyClient + " names another store";
  }

  private static void checkCredentials(Settings.Parser parser, String userSetting,
      String username, String passwordSetting, String password, boolean aliases) {
    if (username.isEmpty() && password.isEmpty()) {
      parser.problem(userSetting + " and " + passwordSetting + " are required: Atlas "
          + "authenticates every API request (basic authentication)" + (aliases
              ? " (or Amundsen's " + AmundsenAliases.CREDENTIALS_PROXY_USER + " and "
                  + AmundsenAliases.CREDENTIALS_PROXY_PASSWORD + ")" : ""));
    } else if (username.isEmpty()) {
      parser.problem(passwordSetting + " is set but " + userSetting + " is not: set both");
    } else if (password.isEmpty()) {
      parser.problem(userSetting + " is set (\"" + username + "\") but " + passwordSetting
          + " is not: set both");
    } else {
      try {
        ApiCredentials.basic(username, password);
      } catch (IllegalArgumentException e) {
        parser.problem(userSetting + " " + e.getMessage().replace("the user name ", ""));
      }
    }
  }
}
