package org.userresolver.google;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.userresolver.http.Urls;

/**
 * The {@code profile_url} of a Google user, from {@value GoogleUserResolverFactory#PROFILE_URL}:
 * a template whose placeholders {@code {email}} (the primary email) and {@code {id}} (Google's
 * user id) are filled per user, percent-encoded, such as
 * {@code https://admin.google.com/ac/users/{id}} or
 * {@code https://intranet.example.com/people/{email}}. Immutable.
 */
final class GoogleProfileUrl {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private final String template;

  private GoogleProfileUrl(String template) {
    this.template = template;
  }

  /**
   * Reads the setting's value.
   *
   * @throws IllegalArgumentException naming the problem: an unknown placeholder, or a value that
   *     does not expand to an absolute http(s) URL
   */
  static GoogleProfileUrl parse(String value) {
    Matcher matcher = PLACEHOLDER.matcher(value);
    while (matcher.find()) {
      if (!matcher.group(1).equals("email") && !matcher.group(1).equals("id")) {
        throw new IllegalArgumentException("has the unknown placeholder {" + matcher.group(1)
            + "}; use {email} or {id}");
      }
    }
    GoogleProfileUrl template = new GoogleProfileUrl(value);
    try {
      URI sample = new URI(template.expand("user@example.com", "100000000000000000001"));
      String scheme = sample.getScheme() == null ? "" : sample.getScheme().toLowerCase(Locale.ROOT);
      if (sample.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
        throw new IllegalArgumentException("must expand to an absolute http(s) URL, such as "
            + "https://admin.google.com/ac/users/{id}");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("does not expand to a URL: " + e.getReason());
    }
    return template;
  }

  /** Fills the placeholders for one user. */
  String expand(String email, String id) {
    Map<String, String> values = Map.of("email", Urls.encode(email), "id", Urls.encode(id));
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
