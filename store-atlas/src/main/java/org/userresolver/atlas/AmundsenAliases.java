package org.userresolver.atlas;

/**
 * The names Amundsen's metadata service gives its Atlas connection, which the {@code atlas}
 * store accepts where its own {@code ATLAS_*} names are unset, unless {@value #PROXY_CLIENT}
 * names another store (then they describe that store, not Atlas).
 */
final class AmundsenAliases {
  /** Which store Amundsen uses: {@code ATLAS} for this one. */
  static final String PROXY_CLIENT = "PROXY_CLIENT";
  /** The Atlas host name; with the next two it stands for {@code ATLAS_URL}. */
  static final String PROXY_HOST = "PROXY_HOST";
  /** The port, 21000 by default. */
  static final String PROXY_PORT = "PROXY_PORT";
  /** {@code True} (Amundsen's default) for https, {@code False} for http. */
  static final String PROXY_ENCRYPTED = "PROXY_ENCRYPTED";
  /** Stands for {@code ATLAS_USERNAME}. */
  static final String CREDENTIALS_PROXY_USER = "CREDENTIALS_PROXY_USER";
  /** Stands for {@code ATLAS_PASSWORD}. */
  static final String CREDENTIALS_PROXY_PASSWORD = "CREDENTIALS_PROXY_PASSWORD";

  private AmundsenAliases() {}
}
