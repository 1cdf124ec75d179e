package org.userresolver.keycloak;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.userresolver.http.Urls;

/**
 * The {@code profile_url} of a Keycloak user, from {@value KeycloakUserResolverFactory#PROFILE_URL}:
 * the realm's account console by default, {@code none} for no link, or a template whose
 * placeholders {@code {base}}, {@code {realm}}, {@code {id}}, {@code {username}} and
 * {@code {email}} are filled per user (all but {@code {base}} percent-encoded). Immutable.
 */
final class ProfileUrlTemplate {
  /** The default: the realm's account console. */
  static final String ACCOUNT_CONSOLE = "{base}/realms/{realm}/account";
  /** The value that turns profile links off. */
  static final String NONE = "none";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Set<String> NAMES = Set.of("base", "realm", "id", "username", "email");

  private final String template;

  private ProfileUrlTemplate(String template) {
    this.template = template;
  }

  /** The default template, the account console. */
  static ProfileUrlTemplate accountConsole() {
    return new ProfileUrlTemplate(ACCOUNT_CONSOLE);
  }

  /**
   * Reads the setting's value.
   *
   * @return the template; {@code null} for {@code none}
   * @throws IllegalArgumentException naming the problem: an unknown placeholder, or a value
   *     that does not expand to an absolute http(s) URL
   */
  static ProfileUrlTemplate parse(String value) {
    if (value.toLowerCase(Locale.ROOT).equals(NONE)) {
      return null;
    }
    Matcher matcher = PLACEHOLDER.matcher(value);
    while (matcher.find()) {
      if (!NAMES.contains(matcher.group(1))) {
        throw new IllegalArgumentException("unknown placeholder {" + matcher.group(1)
            + "}; use {base}, {realm}, {id}, {username} or {email}");
      }
    }
    ProfileUrlTemplate template = new ProfileUrlTemplate(value);
    String sample = template.expand("https://keycloak.example.com", "realm", "id", "user",
        "user@example.com");
    try {
      URI uri = new URI(sample);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
        throw new IllegalArgumentException("must expand to an absolute http(s) URL, such as "
            + ACCOUNT_CONSOLE + " or https://intranet.example.com/people/{username}");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("does not expand to a URL: " + e.getReason());
    }
    return template;
  }

  /** Fills the placeholders for one user. */
  String expand(String base, String realm, String id, String username, String email) {
    Map<String, String> values = Map.of("base", base, "realm", Urls.encode(realm),
        "id", Urls.encode(id), "username", Urls.encode(username), "email", Urls.encode(email));
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder url = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(url, Matcher.quoteReplacement(values.get(matcher.group(1))));
    }
    matcher.appendTail(url);
    return url.toString();
  }

  @Override
  public String toString() {
    return template;
  }
}
