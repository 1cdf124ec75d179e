package org.userresolver.neo4j;

import static org.userresolver.neo4j.Neo4jUserStoreFactory.CONNECTION_ACQUISITION_TIMEOUT;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.CONNECTION_TIMEOUT;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.CREATE_CONSTRAINT;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.DATABASE;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.MAX_CONNECTION_POOL_SIZE;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.MAX_TRANSACTION_RETRY_TIME;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.PASSWORD;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.TRANSACTION_TIMEOUT;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.URI;
import static org.userresolver.neo4j.Neo4jUserStoreFactory.USERNAME;

import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.userresolver.Settings;

/**
 * The validated Neo4j settings of one store. The password is held for the driver only:
 * {@link #toString()} and every message leave it out, and {@link #displayUri()} drops any
 * user info, path and query from the URI.
 *
 * @param uri the Bolt URI, scheme lower case
 * @param username the user for basic authentication, or empty for none
 * @param password the password, empty exactly when the username is
 * @param database the database, or empty for the server's default
 * @param maxPoolSize most pooled connections
 * @param connectionTimeout TCP connect timeout
 * @param acquisitionTimeout wait for a pooled connection
 * @param transactionTimeout server-side limit of one transaction
 * @param maxRetryTime how long the driver retries a managed transaction
 * @param createConstraint whether to create the uniqueness constraint on {@code User.key} when
 *     it is missing ({@code auto} and {@code true}); without it, writes are serialised
 */
record Neo4jConfig(
    java.net.URI uri,
    String username,
    String password,
    Optional<String> database,
    int maxPoolSize,
    Duration connectionTimeout,
    Duration acquisitionTimeout,
    Duration transactionTimeout,
    Duration maxRetryTime,
    boolean createConstraint) {

  /** The URI schemes the driver accepts. */
  static final List<String> SCHEMES =
      List.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

  private static final String AUTO = "auto";

  private static final String URI_HINT = "the Bolt URI of the Neo4j server, for example "
      + "bolt://neo4j:7687, neo4j://graph.example.com:7687 or neo4j+s://graph.example.com";

  /**
   * Reads and validates the Neo4j settings, reporting every problem at once.
   *
   * @param settings the settings
   * @return the configuration
   * @throws IllegalArgumentException headed "Invalid Neo4j settings", one line per problem
   */
  static Neo4jConfig from(Settings settings) {
    Settings.Parser parser = settings.parser();
    boolean amundsen = settings.get(AmundsenAliases.PROXY_CLIENT)
        .map(client -> client.equalsIgnoreCase("neo4j")).orElse(true);
    Optional<String> proxyUri = amundsen ? amundsenUri(settings, parser) : Optional.empty();
    String rawUri = settings.get(URI).or(() -> proxyUri).orElse("");
    if (rawUri.isEmpty()) {
      parser.problem(URI + " is required: " + URI_HINT + " (or Amundsen's "
          + AmundsenAliases.PROXY_HOST + " and " + AmundsenAliases.PROXY_PORT + ")");
    }
    java.net.URI uri = rawUri.isEmpty() ? null : parseUri(rawUri, parser);
    String username = settings.get(USERNAME).or(() -> amundsen
        ? settings.get(AmundsenAliases.CREDENTIALS_PROXY_USER) : Optional.empty()).orElse("");
    String password = settings.get(PASSWORD).or(() -> amundsen
        ? settings.get(AmundsenAliases.CREDENTIALS_PROXY_PASSWORD) : Optional.empty())
        .orElse("");
    if (username.isEmpty() && !password.isEmpty()) {
      parser.problem(PASSWORD + " is set but " + USERNAME + " is not: set both for basic "
          + "authentication, or neither for a server without authentication");
    } else if (!username.isEmpty() && password.isEmpty()) {
      parser.problem(USERNAME + " is set (\"" + username + "\") but " + PASSWORD
          + " is not: set both for basic authentication, or neither for a server without "
          + "authentication");
    }
    Optional<String> database = settings.get(DATABASE);
    long poolSize = parser.integer(MAX_CONNECTION_POOL_SIZE,
        Neo4jUserStoreFactory.DEFAULT_MAX_CONNECTION_POOL_SIZE, 1);
    if (poolSize > Integer.MAX_VALUE) {
      parser.problem(MAX_CONNECTION_POOL_SIZE + " must be at most " + Integer.MAX_VALUE
          + ", found \"" + poolSize + "\"");
    }
    Duration connectionTimeout = parser.duration(CONNECTION_TIMEOUT,
        Neo4jUserStoreFactory.DEFAULT_CONNECTION_TIMEOUT);
    Duration acquisitionTimeout = parser.duration(CONNECTION_ACQUISITION_TIMEOUT,
        Neo4jUserStoreFactory.DEFAULT_CONNECTION_ACQUISITION_TIMEOUT);
    Duration transactionTimeout = parser.duration(TRANSACTION_TIMEOUT,
        Neo4jUserStoreFactory.DEFAULT_TRANSACTION_TIMEOUT);
    Duration maxRetryTime = parser.duration(MAX_TRANSACTION_RETRY_TIME,
        Neo4jUserStoreFactory.DEFAULT_MAX_TRANSACTION_RETRY_TIME);
    boolean createConstraint = createConstraint(settings, parser);
    parser.finish("Invalid Neo4j settings");
    return new Neo4jConfig(uri, username, password, database, (int) poolSize, connectionTimeout,
        acquisitionTimeout, transactionTimeout, maxRetryTime, createConstraint);
  }

  /**
   * Reads {@code NEO4J_CREATE_CONSTRAINT}: {@code auto} (the default) or {@code true} create the
   * constraint when it is missing, {@code false} never does.
   */
  private static boolean createConstraint(Settings settings, Settings.Parser parser) {
    String value = settings.get(CREATE_CONSTRAINT).orElse(AUTO);
    if (value.equalsIgnoreCase(AUTO) || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    parser.problem(CREATE_CONSTRAINT + " must be auto, true or false, found \"" + value + "\"");
    return true;
  }

  /**
   * Returns the URI as it may be shown: scheme, host and port, without user info, path or query.
   *
   * @return for example {@code bolt://neo4j:7687}
   */
  String displayUri() {
    return display(uri);
  }

  /**
   * Returns the database as it may be shown.
   *
   * @return the name quoted, or "the default database"
   */
  String displayDatabase() {
    return database.map(name -> "database '" + name + "'").orElse("the default database");
  }

  /**
   * Returns where this store points, for messages: URI and database.
   *
   * @return for example {@code Neo4j at bolt://neo4j:7687 (database 'neo4j')}
   */
  String where() {
    return "Neo4j at " + displayUri() + " (" + displayDatabase() + ")";
  }

  /** Lists the settings, the password left out. */
  @Override
  public String toString() {
    return "Neo4jConfig[uri=" + displayUri()
        + ", database=" + database.orElse("(default)")
        + ", username=" + (username.isEmpty() ? "(no authentication)" : username)
        + ", password=" + (password.isEmpty() ? "(none)" : "****")
        + ", maxPoolSize=" + maxPoolSize
        + ", connectionTimeout=" + connectionTimeout
        + ", acquisitionTimeout=" + acquisitionTimeout
        + ", transactionTimeout=" + transactionTimeout
        + ", maxRetryTime=" + maxRetryTime
        + ", createConstraint=" + createConstraint + "]";
  }

  private static java.net.URI parseUri(String raw, Settings.Parser parser) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(raw);
    } catch (URISyntaxException e) {
      parser.problem(URI + " is not a valid URI (" + e.getReason() + "), found \""
          + withoutUserInfo(raw) + "\"; expected " + URI_HINT);
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      parser.problem(URI + " must use one of the schemes " + String.join(", ", SCHEMES)
          + ", found \"" + withoutUserInfo(raw) + "\"");
      return null;
    }
    if (uri.getHost() == null) {
      parser.problem(URI + " must name a host (letters, digits, dots and dashes), found \""
          + withoutUserInfo(raw) + "\"");
      return null;
    }
    if (uri.getUserInfo() != null) {
      parser.problem(URI + " must not hold credentials; set " + USERNAME + " and " + PASSWORD
          + " instead, found \"" + withoutUserInfo(raw) + "\"");
      return null;
    }
    return withScheme(uri, scheme);
  }

  /**
   * The URI Amundsen's metadata service settings name: {@code PROXY_HOST} (a host, or a URI
   * such as {@code bolt://neo4j}) and {@code PROXY_PORT} (default 7687), with
   * {@code PROXY_ENCRYPTED} turning {@code bolt} into {@code bolt+ssc} ({@code +s} when
   * {@code PROXY_VALIDATE_SSL} is true). Unset {@code PROXY_ENCRYPTED} means unencrypted, unlike
   * Amundsen's default, because Neo4j 4 and later serve Bolt without TLS unless configured.
   */
  private static Optional<String> amundsenUri(Settings settings, Settings.Parser parser) {
    Optional<String> host = settings.get(AmundsenAliases.PROXY_HOST);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String base = host.get().contains("://") ? host.get() : "bolt://" + host.get();
    String port = settings.get(AmundsenAliases.PROXY_PORT).orElse("7687");
    boolean encrypted = parser.bool(AmundsenAliases.PROXY_ENCRYPTED, false);
    boolean validate = parser.bool(AmundsenAliases.PROXY_VALIDATE_SSL, false);
    int schemeEnd = base.indexOf("://");
    String scheme = base.substring(0, schemeEnd);
    if (encrypted && !scheme.contains("+")) {
      base = scheme + (validate ? "+s" : "+ssc") + base.substring(schemeEnd);
    }
    return Optional.of(base + ":" + port);
  }

  private static java.net.URI withScheme(java.net.URI uri, String scheme) {
    return java.net.URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
  }

  private static String display(java.net.URI uri) {
    if (uri == null) {
      return "(no URI)";
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** Masks user info in a raw URI that may not even parse. */
  private static String withoutUserInfo(String raw) {
    int schemeEnd = raw.indexOf("://");
    int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int at = raw.lastIndexOf('@');
    int slash = raw.indexOf('/', start);
    if (at >= start && (slash < 0 || at < slash)) {
      return raw.substring(0, start) + "****@" + raw.substring(at + 1);
    }
    return raw;
  }
}
