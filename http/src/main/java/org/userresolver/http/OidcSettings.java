package org.userresolver.http;

/**
 * The names of Amundsen's OIDC settings ({@code FLASK_OIDC_*}), which HTTP providers read as
 * fallbacks for their own: the discovery document, and the confidential client's id and secret.
 */
public final class OidcSettings {
  /** Setting: the OIDC discovery document's URL; a provider's API base comes from its issuer. */
  public static final String CONFIG_URL = "FLASK_OIDC_CONFIG_URL";
  /** Setting: the confidential client's id. */
  public static final String CLIENT_ID = "FLASK_OIDC_CLIENT_ID";
  /** Setting: the confidential client's secret. */
  public static final String CLIENT_SECRET = "FLASK_OIDC_CLIENT_SECRET";

  private OidcSettings() {}
}
