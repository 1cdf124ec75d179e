package org.userresolver.google;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.http.HttpClientConfig;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.HttpSettings;
import org.userresolver.http.HttpSettings.UrlRule;
import org.userresolver.http.OtherKeys;
import org.userresolver.http.ProfileUrlTemplate;
import org.userresolver.spi.UserResolverFactory;

/**
 * Creates the {@code google} identity provider from settings.
 *
 * <p>Who: {@value #CREDENTIALS}, the path of a service-account JSON key; tokens come from the
 * key file's {@code token_uri} with the JWT bearer grant, scope {@value #SCOPE}, acting as
 * {@value #DELEGATED_SUBJECT} (an administrator, through domain-wide delegation) when set, else
 * as the service account itself (which then needs an admin role). Where:
 * {@value #DIRECTORY_URL}, the Admin SDK's base URL ({@value #DEFAULT_DIRECTORY_URL}). What:
 * {@value #OTHER_KEYS} lists attributes for {@code other_key_values} ({@code *} for every
 * unmapped one; nested ones by path, such as {@code externalIds.organization} or
 * {@code customSchemas.Employment.costCenter}); {@value #PROFILE_URL} is a template for
 * {@code profile_url} with {@code {email}} and {@code {id}}. The {@code USER_RESOLVER_HTTP_*}
 * settings of {@link HttpClientConfig} apply.
 *
 * <p>Creation reads and checks the key file and every setting, reporting all problems at once
 * and never the key; it sends no request.
 */
public final class GoogleUserResolverFactory implements UserResolverFactory {
  /** Setting: the path of the service account's JSON key file. */
  public static final String CREDENTIALS = "GOOGLE_APPLICATION_CREDENTIALS";
  /** Setting: the administrator the service account acts as (domain-wide delegation). */
  public static final String DELEGATED_SUBJECT = "GOOGLE_DELEGATED_SUBJECT";
  /** Setting: the Admin SDK's base URL. */
  public static final String DIRECTORY_URL = "GOOGLE_DIRECTORY_URL";
  /** Setting: attributes copied into {@code other_key_values}, comma-separated, or {@code *}. */
  public static final String OTHER_KEYS = "GOOGLE_OTHER_KEYS";
  /** Setting: the {@code profile_url} template, with {@code {email}} and {@code {id}}. */
  public static final String PROFILE_URL = "GOOGLE_PROFILE_URL";

  /** Default of {@value #DIRECTORY_URL}. */
  public static final String DEFAULT_DIRECTORY_URL = "https://admin.googleapis.com";
  /** The one scope asked for, which domain-wide delegation must grant: read-only users. */
  public static final String SCOPE =
      "https://www.googleapis.com/auth/admin.directory.user.readonly";

  /** Called by {@link java.util.ServiceLoader}. */
  public GoogleUserResolverFactory() {}

  /** Returns {@code google}. */
  @Override
  public String name() {
    return "google";
  }

  /**
   * Creates the provider; reads the key file, sends no request.
   *
   * @throws IllegalArgumentException listing every missing or invalid setting, never the key
   */
  @Override
  public UserResolver create(Settings settings) {
    return create(settings, Clock.systemUTC());
  }

  /** Creates the provider with a clock for tokens and retry delays; for tests. */
  UserResolver create(Settings settings, Clock clock) {
    Settings.Parser parser = settings.parser();
    HttpClientConfig httpConfig = HttpClientConfig.read(parser).toBuilder()
        .rateLimitErrorCodes(GoogleDirectoryApi.RATE_LIMIT_REASONS).build();
    URI base = HttpSettings.url(settings, parser, DIRECTORY_URL, DEFAULT_DIRECTORY_URL,
        UrlRule.WITHOUT_QUERY).orElse(URI.create(DEFAULT_DIRECTORY_URL));
    ServiceAccountKey key = key(settings, parser);
    Optional<String> subject = settings.get(DELEGATED_SUBJECT);
    subject.filter(user -> !user.matches("[^@\\s]+@[^@\\s]+")).ifPresent(user -> parser.problem(
        DELEGATED_SUBJECT + " must be the email address of the administrator to act as, found \""
            + user + "\""));
    Set<String> otherKeys = parser.list(OTHER_KEYS);
    ProfileUrlTemplate profileUrl = profileUrl(settings, parser);
    parser.finish("Invalid settings for the google provider");

    GoogleDirectoryApi api = new GoogleDirectoryApi(HttpJsonClient.create(httpConfig, clock),
        key, subject);
    boolean customSchemas = otherKeys.contains(OtherKeys.ALL)
        || otherKeys.stream().anyMatch(name -> name.startsWith("customSchemas."));
    return new GoogleUserResolver(base, api,
        new GoogleUserMapper(OtherKeys.of(otherKeys), profileUrl), customSchemas);
  }

  private static ServiceAccountKey key(Settings settings, Settings.Parser parser) {
    Optional<String> value = settings.get(CREDENTIALS);
    if (value.isEmpty()) {
      parser.problem(CREDENTIALS + " is required: the path of the service account's JSON key "
          + "file (Cloud console > IAM & Admin > Service accounts > Keys > Add key > JSON)");
      return null;
    }
    try {
      return ServiceAccountKey.read(value.get());
    } catch (IllegalArgumentException e) {
      parser.problem(CREDENTIALS + ": " + e.getMessage());
      return null;
    }
  }

  /** The profile link template; {@code null} when unset or bad (reported). */
  private static ProfileUrlTemplate profileUrl(Settings settings, Settings.Parser parser) {
    return ProfileUrlTemplate.read(settings, parser, PROFILE_URL, GoogleUserMapper.SAMPLES,
        Set.of(), "https://admin.google.com/ac/users/{id}").orElse(null);
  }
}
