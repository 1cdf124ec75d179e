package org.userresolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link Settings} shows of a secret (nothing), and what it makes of no settings at all. */
final class SettingsSecretsTest {

  @Test
  void toString_masksThePasswordInAUrl_whateverTheSettingsName() {
    Settings settings = Settings.of(Map.of(
        "USER_RESOLVER_PROVIDER", "okta",
        "USER_RESOLVER_STORE", "neo4j",
        "FLASK_OIDC_CONFIG_URL", "https://admin:hunter2@acme.okta.com/.well-known/"
            + "openid-configuration",
        "NEO4J_URI", "bolt://neo4j:s3cret@graph:7687",
        "OKTA_ORG_URL", "https://acme.okta.com"));

    assertEquals("Settings{FLASK_OIDC_CONFIG_URL=https://****@acme.okta.com/.well-known/"
        + "openid-configuration, NEO4J_URI=bolt://****@graph:7687, "
        + "OKTA_ORG_URL=https://acme.okta.com, USER_RESOLVER_PROVIDER=okta, "
        + "USER_RESOLVER_STORE=neo4j}", settings.toString());
  }

  @Test
  void of_null_isAnIllegalArgument() {
    assertEquals("settings must not be null",
        assertThrows(IllegalArgumentException.class, () -> Settings.of(null)).getMessage());
  }
}
