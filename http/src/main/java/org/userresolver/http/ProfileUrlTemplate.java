package org.userresolver.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.userresolver.Settings;

/**
 * A provider's {@code profile_url} template, from a setting such as
 * {@code https://intranet.example.com/people/{email}}: placeholders in braces, filled per user,
 * each value percent-encoded (as one path segment) unless the provider names it verbatim (a
 * base URL). Reading a setting checks that every placeholder is one the provider fills and
 * that the template expands to an absolute http(s) URL. Immutable and thread-safe.
 */
public final class ProfileUrlTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private final String template;
  private final Set<String> verbatim;

  private ProfileUrlTemplate(String template, Set<String> verbatim) {
    this.template = template;
    this.verbatim = verbatim;
  }

  /**
   * Reads a template setting and records a problem with the parser when it is unusable: an
   * unknown placeholder, or a value that does not expand to an absolute http(s) URL.
   *
   * @param settings the settings
   * @param parser the provider's settings parser
   * @param setting the setting's name, such as {@code GOOGLE_PROFILE_URL}
   * @param samples every placeholder the provider fills, with a sample value for the check, in
   *     the order messages list them (pass an ordered map)
   * @param verbatim the placeholders filled as they are (a base URL), not percent-encoded
   * @param example a template to suggest in the message
   * @return the template, or empty when the setting is unset or unusable
   */
  public static Optional<ProfileUrlTemplate> read(Settings settings, Settings.Parser parser,
      String setting, Map<String, String> samples, Set<String> verbatim, String example) {
    Optional<String> value = settings.get(setting);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(value.get(), samples, verbatim, example));
    } catch (IllegalArgumentException e) {
      parser.problem(setting + " " + e.getMessage() + ", found \"" + value.get() + "\"");
      return Optional.empty();
    }
  }

  /**
   * Reads a template.
   *
   * @param value the template
   * @param samples every placeholder the provider fills, with a sample value for the check
   * @param verbatim the placeholders filled as they are, not percent-encoded
   * @param example a template to suggest in the message
   * @return the template
   * @throws IllegalArgumentException naming the problem: an unknown placeholder, or a value that
   *     does not expand to an absolute http(s) URL
   */
  public static ProfileUrlTemplate parse(String value, Map<String, String> samples,
      Set<String> verbatim, String example) {
    Objects.requireNonNull(value, "value");
    Matcher matcher = PLACEHOLDER.matcher(value);
    while (matcher.find()) {
      if (!samples.containsKey(matcher.group(1))) {
        List<String> names = samples.keySet().stream().map(name -> "{" + name + "}").toList();
        throw new IllegalArgumentException("has the unknown placeholder {" + matcher.group(1)
            + "}; use " + String.join(", ", names.subList(0, names.size() - 1))
            + (names.size() > 1 ? " or " : "") + names.get(names.size() - 1));
      }
    }
    ProfileUrlTemplate template = new ProfileUrlTemplate(value, Set.copyOf(verbatim));
    try {
      URI sample = new URI(template.expand(samples));
      String scheme = sample.getScheme() == null ? "" : sample.getScheme().toLowerCase(Locale.ROOT);
      if (sample.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
        throw new IllegalArgumentException("must expand to an absolute http(s) URL, such as "
            + example);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("does not expand to a URL: " + e.getReason());
    }
    return template;
  }

  /**
   * Fills the placeholders for one user.
   *
   * @param values each placeholder's value, as it is (this method encodes it)
   * @return the URL
   */
  public String expand(Map<String, String> values) {
    Map<String, String> filled = new LinkedHashMap<>();
    values.forEach((name, value) -> filled.put(name,
        verbatim.contains(name) ? value : Urls.encode(value)));
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder url = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(url,
          Matcher.quoteReplacement(filled.getOrDefault(matcher.group(1), "")));
    }
    matcher.appendTail(url);
    return url.toString();
  }

  /** Shows the template. */
  @Override
  public String toString() {
    return template;
  }
}
