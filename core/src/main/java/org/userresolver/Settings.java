package org.userresolver;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.userresolver.internal.ChainConfig;

/**
 * userresolver's settings: one set of names, read from a map, environment variables or system
 * properties alike, with a {@link Parser} that checks typed values and reports every problem
 * at once.
 *
 * <p>Amundsen's names select the plugins where userresolver's own are unset:
 * {@code FLASK_OIDC_PROVIDER_NAME} for {@value #PROVIDER}, {@code PROXY_CLIENT}
 * ({@code NEO4J}, {@code ATLAS}) for {@value #STORE}. Each plugin reads its own names (and the
 * Amundsen names it accepts as aliases) with {@link #get}.
 *
 * <p>Construction checks every setting the core reads and reports all problems in one
 * {@link IllegalArgumentException}. Immutable and thread-safe; {@link #toString()} never shows
 * a secret.
 */
public final class Settings {

  /** Identity provider name: {@code okta}, {@code google}, {@code keycloak}, {@code file}. */
  public static final String PROVIDER = "USER_RESOLVER_PROVIDER";
  /** Metadata store name: {@code neo4j}, {@code atlas}, {@code memory}, {@code none}. */
  public static final String STORE = "USER_RESOLVER_STORE";
  /** JSON file of the {@code file} provider. */
  public static final String FILE = "USER_RESOLVER_FILE";
  /** {@code lower} (default) or {@code preserve}: how ids are normalised. */
  public static final String ID_CASE = "USER_RESOLVER_ID_CASE";
  /** Most profiles the cache holds. */
  public static final String CACHE_MAX_SIZE = "USER_RESOLVER_CACHE_MAX_SIZE";
  /** How long a profile stays cached. */
  public static final String CACHE_TTL = "USER_RESOLVER_CACHE_TTL";
  /** After how long a cached profile is refreshed in the background. */
  public static final String CACHE_REFRESH = "USER_RESOLVER_CACHE_REFRESH";
  /** How long a fallback profile stays cached. */
  public static final String FALLBACK_TTL = "USER_RESOLVER_FALLBACK_TTL";
  /** Most attempts per provider or store call, the first included. */
  public static final String RETRY_MAX_ATTEMPTS = "USER_RESOLVER_RETRY_MAX_ATTEMPTS";
  /** Wait before the first retry; doubles with jitter after it. */
  public static final String RETRY_BACKOFF = "USER_RESOLVER_RETRY_BACKOFF";
  /** Overall deadline of one lookup, retries included. */
  public static final String TIMEOUT = "USER_RESOLVER_TIMEOUT";

  /** Default of {@value #STORE}. */
  public static final String DEFAULT_STORE = "memory";
  /** Default of {@value #CACHE_MAX_SIZE}. */
  public static final long DEFAULT_CACHE_MAX_SIZE = 10_000;
  /** Default of {@value #CACHE_TTL}. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);
  /** Default of {@value #CACHE_REFRESH}. */
  public static final Duration DEFAULT_CACHE_REFRESH = Duration.ofMinutes(10);
  /** Default of {@value #FALLBACK_TTL}. */
  public static final Duration DEFAULT_FALLBACK_TTL = Duration.ofSeconds(30);
  /** Default of {@value #RETRY_MAX_ATTEMPTS}. */
  public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 3;
  /** Default of {@value #RETRY_BACKOFF}. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
  /** Default of {@value #TIMEOUT}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** How user ids are normalised before lookup. */
  public enum IdCase {
    /** Lower-case ids (emails are case-insensitive in practice). */
    LOWER,
    /** Keep ids as given, trimmed. */
    PRESERVE
  }

  /** The user info of a URL ({@code scheme://user:password@}), which may hold a password. */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s]*@");

  private static final List<String> SECRET_MARKERS =
      List.of("SECRET", "PASSWORD", "TOKEN", "PRIVATE_KEY", "CREDENTIALS");

  private final Map<String, String> values;
  private final String provider;
  private final String store;
  private final IdCase idCase;

  private Settings(Map<String, String> raw) {
    this.values = Collections.unmodifiableMap(withAliases(raw));
    this.provider = get(PROVIDER).map(v -> v.toLowerCase(Locale.ROOT)).orElse("");
    this.store = get(STORE).map(v -> v.toLowerCase(Locale.ROOT)).orElse(DEFAULT_STORE);
    this.idCase = ChainConfig.read(this).lowerCaseIds() ? IdCase.LOWER : IdCase.PRESERVE;
  }

  /**
   * Returns settings read from a map of names to values (the same names as environment
   * variables). Blank values count as unset.
   *
   * @param values the settings
   * @return the validated settings
   * @throws IllegalArgumentException listing every invalid value; or when {@code values} is
   *     {@code null}
   */
  public static Settings of(Map<String, String> values) {
    if (values == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    return new Settings(values);
  }

  /**
   * Returns settings read from environment variables, overridden by system properties of the
   * same names.
   *
   * @return the validated settings
   * @throws IllegalArgumentException listing every invalid value
   */
  public static Settings fromEnvironment() {
    return fromEnvironment(Map.of());
  }

  /**
   * Returns settings read from environment variables, overridden by system properties of the
   * same names, overridden by the given values.
   *
   * @param overrides values that win over the environment
   * @return the validated settings
   * @throws IllegalArgumentException listing every invalid value
   */
  public static Settings fromEnvironment(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(System.getenv());
    System.getProperties().forEach((key, value) -> {
      if (key instanceof String && value instanceof String) {
        merged.put((String) key, (String) value);
      }
    });
    merged.putAll(overrides);
    return new Settings(merged);
  }

  /**
   * Returns one setting, Amundsen aliases applied; blank counts as unset. Plugins read their
   * own names with it.
   *
   * @param name the setting's name
   * @return the trimmed value, or empty
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * Returns a parser over these settings that collects every problem, for a plugin to check
   * its own settings and report them all at once.
   *
   * @return a new parser
   */
  public Parser parser() {
    return new Parser();
  }

  /**
   * Returns the identity provider's name, lower case.
   *
   * @return the name, or empty when {@value #PROVIDER} is unset
   */
  public Optional<String> provider() {
    return provider.isEmpty() ? Optional.empty() : Optional.of(provider);
  }

  /**
   * Returns the metadata store's name, lower case; {@code none} means no store.
   *
   * @return the name
   */
  public String store() {
    return store;
  }

  /**
   * Returns how ids are normalised.
   *
   * @return the id case of {@value #ID_CASE}
   */
  public IdCase idCase() {
    return idCase;
  }

  /**
   * Tells whether a setting holds a secret, judged by its name (secrets, passwords, tokens,
   * private keys, credentials); such values are never printed.
   *
   * @param name the setting's name
   * @return {@code true} for a secret
   */
  public static boolean isSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SECRET_MARKERS.stream().anyMatch(upper::contains);
  }

  /**
   * Lists the settings that are set, secrets masked (and the user info of URLs, such as
   * {@code bolt://user:password@host}): userresolver's and Amundsen's
   * ({@code USER_RESOLVER_*}, {@code FLASK_OIDC_*}) and, by the naming convention every plugin
   * follows, the selected provider's and store's own ({@code OKTA_*} for {@code okta},
   * {@code NEO4J_*} for {@code neo4j}). Other names (the rest of the environment) are left out.
   */
  @Override
  public String toString() {
    List<String> prefixes = new ArrayList<>(List.of("USER_RESOLVER_", "FLASK_OIDC_"));
    provider().ifPresent(name -> prefixes.add(name.toUpperCase(Locale.ROOT) + "_"));
    prefixes.add(store.toUpperCase(Locale.ROOT) + "_");
    Map<String, String> shown = new TreeMap<>();
    values.forEach((name, value) -> {
      if (prefixes.stream().anyMatch(name::startsWith)) {
        shown.put(name, isSecret(name) ? "****" : USER_INFO.matcher(value).replaceAll("$1****@"));
      }
    });
    return "Settings" + shown;
  }

  private static Map<String, String> withAliases(Map<String, String> raw) {
    Map<String, String> values = new HashMap<>();
    raw.forEach((name, value) -> {
      if (name != null && value != null && !value.isBlank()) {
        values.put(name, value.trim());
      }
    });
    alias(values, PROVIDER, values.get("FLASK_OIDC_PROVIDER_NAME"));
    String proxyClient = values.getOrDefault("PROXY_CLIENT", "").toLowerCase(Locale.ROOT);
    alias(values, STORE, proxyClient.isEmpty() ? null : proxyClient);
    return values;
  }

  private static void alias(Map<String, String> values, String name, String aliasValue) {
    if (aliasValue != null && !values.containsKey(name)) {
      values.put(name, aliasValue);
    }
  }

  /**
   * Reads typed settings and collects every problem instead of stopping at the first, so a
   * component can report all its bad settings in one message. Not thread-safe; use one per
   * component construction.
   */
  public final class Parser {
    private final List<String> problems = new ArrayList<>();

    private Parser() {}

    /**
     * Returns a required setting, or records that it is missing.
     *
     * @param name the setting's name
     * @param hint what it should hold, for the message (for example "the Okta org URL")
     * @return the value, or the empty string when missing
     */
    public String require(String name, String hint) {
      Optional<String> value = get(name);
      if (value.isEmpty()) {
        problems.add(name + " is required: " + hint);
        return "";
      }
      return value.get();
    }

    /**
     * Returns an ISO-8601 duration setting (for example {@code PT30S}), which must be positive.
     *
     * @param name the setting's name
     * @param fallback the value when unset or invalid
     * @return the duration
     */
    public Duration duration(String name, Duration fallback) {
      Optional<String> value = get(name);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        Duration parsed = Duration.parse(value.get().toUpperCase(Locale.ROOT));
        if (parsed.isNegative() || parsed.isZero()) {
          problems.add(name + " must be a positive duration, found " + shown(name, value.get()));
          return fallback;
        }
        return parsed;
      } catch (DateTimeParseException e) {
        problems.add(name + " must be an ISO-8601 duration such as PT30S or PT1H, found "
            + shown(name, value.get()));
        return fallback;
      }
    }

    /**
     * Returns a whole-number setting of at least {@code min}.
     *
     * @param name the setting's name
     * @param fallback the value when unset or invalid
     * @param min the smallest value allowed
     * @return the number
     */
    public long integer(String name, long fallback, long min) {
      Optional<String> value = get(name);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        long parsed = Long.parseLong(value.get());
        if (parsed < min) {
          problems.add(name + " must be at least " + min + ", found " + shown(name, value.get()));
          return fallback;
        }
        return parsed;
      } catch (NumberFormatException e) {
        problems.add(name + " must be a whole number, found " + shown(name, value.get()));
        return fallback;
      }
    }

    /**
     * Returns a {@code true}/{@code false} setting.
     *
     * @param name the setting's name
     * @param fallback the value when unset or invalid
     * @return the flag
     */
    public boolean bool(String name, boolean fallback) {
      Optional<String> value = get(name);
      if (value.isEmpty()) {
        return fallback;
      }
      if (value.get().equalsIgnoreCase("true") || value.get().equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(value.get());
      }
      problems.add(name + " must be true or false, found " + shown(name, value.get()));
      return fallback;
    }

    /**
     * Returns a setting naming one constant of an enum, case-insensitively.
     *
     * @param name the setting's name
     * @param type the enum
     * @param fallback the value when unset or invalid
     * @param <E> the enum type
     * @return the constant
     */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
      Optional<String> value = get(name);
      if (value.isEmpty()) {
        return fallback;
      }
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(value.get())) {
          return constant;
        }
      }
      List<String> allowed = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        allowed.add(constant.name().toLowerCase(Locale.ROOT));
      }
      problems.add(name + " must be one of " + String.join(", ", allowed) + ", found "
          + shown(name, value.get()));
      return fallback;
    }

    /**
     * Returns a list setting: items separated by commas or white space, blanks dropped,
     * duplicates kept once, in order. Attribute names and OAuth scopes are read this way.
     *
     * @param name the setting's name
     * @return the items; empty when unset
     */
    public Set<String> list(String name) {
      Set<String> items = new LinkedHashSet<>();
      get(name).ifPresent(value -> {
        for (String item : value.split("[,\\s]+")) {
          if (!item.isEmpty()) {
            items.add(item);
          }
        }
      });
      return Collections.unmodifiableSet(items);
    }

    /**
     * Records a problem found by the caller's own checks.
     *
     * @param message the problem, naming the setting
     */
    public void problem(String message) {
      problems.add(message);
    }

    /**
     * Returns the problems recorded so far.
     *
     * @return the messages, in order
     */
    public List<String> problems() {
      return List.copyOf(problems);
    }

    /**
     * Throws when any problem was recorded.
     *
     * @param what the heading of the message, for example {@code "Invalid Okta settings"}
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public void finish(String what) {
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(what + ":\n  - " + String.join("\n  - ", problems));
      }
    }

    private String shown(String name, String value) {
      return isSecret(name) ? "a value (hidden)" : "\"" + value + "\"";
    }
  }
}
