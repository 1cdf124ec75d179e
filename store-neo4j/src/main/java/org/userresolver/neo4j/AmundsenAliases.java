package org.userresolver.neo4j;

/**
 * The names Amundsen's metadata service gives its store connection, which the {@code neo4j}
 * store accepts where its own {@code NEO4J_*} names are unset, when {@value #PROXY_CLIENT} is
 * unset or {@code NEO4J} (Amundsen's default).
 */
final class AmundsenAliases {
  /** Which store Amundsen uses: {@code NEO4J} (its default) or {@code ATLAS}. */
  static final String PROXY_CLIENT = "PROXY_CLIENT";
  /** The host, or a URI such as {@code bolt://neo4j}; stands for {@code NEO4J_URI}. */
  static final String PROXY_HOST = "PROXY_HOST";
  /** The port, 7687 by default. */
  static final String PROXY_PORT = "PROXY_PORT";
  /** {@code true} for TLS. */
  static final String PROXY_ENCRYPTED = "PROXY_ENCRYPTED";
  /** {@code true} to validate the server's certificate. */
  static final String PROXY_VALIDATE_SSL = "PROXY_VALIDATE_SSL";
  /** Stands for {@code NEO4J_USERNAME}. */
  static final String CREDENTIALS_PROXY_USER = "CREDENTIALS_PROXY_USER";
  /** Stands for {@code NEO4J_PASSWORD}. */
  static final String CREDENTIALS_PROXY_PASSWORD = "CREDENTIALS_PROXY_PASSWORD";

  private AmundsenAliases() {}
}
