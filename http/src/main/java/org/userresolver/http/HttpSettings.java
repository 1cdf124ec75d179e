package org.userresolver.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.userresolver.Settings;

/**
 * The readers of the kinds of settings every HTTP plugin has: URLs (HTTPS only, plain HTTP to
 * loopback hosts), OIDC discovery URLs, and secrets sent verbatim in a header. Each method
 * records a problem with the plugin's {@link Settings.Parser}, naming the setting, so that the
 * plugin reports every bad setting at once; it never quotes a secret.
 *
 * <pre>{@code
 * Settings.Parser parser = settings.parser();
 * Optional<URI> discovery = HttpSettings.discoveryUrl(settings, parser, OidcSettings.CONFIG_URL);
 * Optional<URI> base = HttpSettings.url(settings, parser, "ACME_URL", "https://acme.example.com",
 *     HttpSettings.UrlRule.WITHOUT_QUERY);
 * Optional<String> token = HttpSettings.headerToken(settings, parser, "ACME_API_TOKEN");
 * parser.finish("Invalid settings for the acme provider");
 * }</pre>
 */
public final class HttpSettings {

  /** A rule a URL setting must follow beyond being an absolute HTTPS URL, or an exception. */
  public enum UrlRule {
    /** Nothing after the host and port: no path (but {@code /}), no query. */
    WITHOUT_PATH,
    /** No query; a path (a context path such as {@code /auth}) is fine. */
    WITHOUT_QUERY,
    /**
     * Plain {@code http} to any host is fine too, for a service inside a private network (an
     * Apache Atlas behind Amundsen's {@code PROXY_ENCRYPTED=false}); the client must then be
     * built with {@link HttpClientConfig.Builder#allowPlainHttp}.
     */
    PLAIN_HTTP_ALLOWED
  }

  private HttpSettings() {}

  /**
   * Reads a URL setting: an absolute {@code https} URL ({@code http} only to loopback hosts),
   * without user info or a fragment, following the rules given; trailing slashes are removed.
   * A bad value is recorded as
   * {@code NAME must be an https URL without a path, such as <example> (plain http only for
   * loopback hosts), found "<value>"}.
   *
   * @param settings the settings
   * @param parser the plugin's parser, which collects the problem
   * @param name the setting's name
   * @param example what a good value looks like, for the message
   * @param rules further rules
   * @return the URL, or empty when unset or bad
   */
  public static Optional<URI> url(Settings settings, Settings.Parser parser, String name,
      String example, UrlRule... rules) {
    Optional<String> value = settings.get(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<URI> url = parse(parser, name, value.get());
    if (url.isEmpty()) {
      return url;
    }
    URI uri = url.get();
    Set<UrlRule> required = rules.length == 0 ? EnumSet.noneOf(UrlRule.class)
        : EnumSet.of(rules[0], rules);
    boolean withoutPath = required.contains(UrlRule.WITHOUT_PATH);
    boolean withoutQuery = withoutPath || required.contains(UrlRule.WITHOUT_QUERY);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    boolean plainHttp = required.contains(UrlRule.PLAIN_HTTP_ALLOWED);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean secure = uri.isAbsolute() && uri.getHost() != null && uri.getRawFragment() == null
        && (HttpJsonClient.isSecureOrLoopback(uri) || (plainHttp && scheme.equals("http")));
    boolean pathOk = !withoutPath || path.isEmpty() || path.equals("/");
    boolean queryOk = !withoutQuery || uri.getRawQuery() == null;
    if (!secure || !pathOk || !queryOk) {
      String without = withoutPath ? " without a path" : withoutQuery ? " without a query" : "";
      parser.problem(name + " must be an " + (plainHttp ? "http(s)" : "https") + " URL" + without
          + ", such as " + example + (plainHttp ? "" : " (plain http only for loopback hosts)")
          + ", found \"" + value.get() + "\"");
      return Optional.empty();
    }
    return Optional.of(withoutPath ? URI.create(uri.getScheme() + "://" + uri.getRawAuthority())
        : Urls.withoutTrailingSlash(uri));
  }

  /**
   * Reads an OIDC discovery URL setting, such as {@value OidcSettings#CONFIG_URL}: an absolute
   * {@code https} URL ({@code http} only to loopback hosts) without a query, ending with
   * {@code /.well-known/openid-configuration} (or {@code oauth-authorization-server}), as
   * {@link OidcDiscovery#load} accepts it.
   *
   * @param settings the settings
   * @param parser the plugin's parser, which collects the problem
   * @param name the setting's name
   * @return the URL, or empty when unset or bad
   */
  public static Optional<URI> discoveryUrl(Settings settings, Settings.Parser parser,
      String name) {
    Optional<String> value = settings.get(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<URI> url = parse(parser, name, value.get());
    Optional<String> problem = url.flatMap(OidcDiscovery::problemWith);
    problem.ifPresent(p -> parser.problem(name + " " + p));
    return problem.isPresent() ? Optional.empty() : url;
  }

  /**
   * Reads a secret that is sent as it is in a header, such as an API token: printable ASCII
   * without white space. A value pasted with a typographic quote or a line break is recorded
   * as {@code NAME holds a character that cannot be sent in an HTTP header (U+201C at
   * character 1); ...}: the setting and the character, never the value.
   *
   * @param settings the settings
   * @param parser the plugin's parser, which collects the problem
   * @param name the setting's name
   * @return the secret, or empty when unset or bad
   */
  public static Optional<String> headerToken(Settings settings, Settings.Parser parser,
      String name) {
    Optional<String> value = settings.get(name);
    Optional<String> problem = value.flatMap(HeaderValues::tokenProblem);
    problem.ifPresent(p -> parser.problem(name + " " + p));
    return problem.isPresent() ? Optional.empty() : value;
  }

  private static Optional<URI> parse(Settings.Parser parser, String name, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      parser.problem(name + " must be a URL, found \"" + value + "\"");
      return Optional.empty();
    }
    if (uri.getRawUserInfo() != null) {
      parser.problem(name + " must not hold a user name or password; the value is not shown");
      return Optional.empty();
    }
    return Optional.of(uri);
  }
}
