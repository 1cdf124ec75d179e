package org.userresolver.okta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.spi.UserResolverFactory;

final class OktaUserResolverFactoryTest {
  private static final String DISCOVERY = "https://acme.okta.com/.well-known/openid-configuration";

  @TempDir
  Path dir;

  private static IllegalArgumentException invalid(Map<String, String> settings) {
    return assertThrows(IllegalArgumentException.class,
        () -> new OktaUserResolverFactory().create(Settings.of(settings)));
  }

  @Test
  void name_isOkta_andServiceLoaderFindsTheFactory() {
    List<String> names = ServiceLoader.load(UserResolverFactory.class).stream()
        .map(provider -> provider.get().name()).toList();

    assertEquals("okta", new OktaUserResolverFactory().name());
    assertTrue(names.contains("okta"), names.toString());
  }

  @Test
  void create_listsEveryMissingSetting_atOnce() {
    IllegalArgumentException e = invalid(Map.of("FLASK_OIDC_CLIENT_SECRET", "hush"));

    assertEquals("Invalid settings for the okta provider:\n"
        + "  - FLASK_OIDC_CONFIG_URL or OKTA_ORG_URL is required: the Okta discovery document "
        + "(https://<your-org>.okta.com/.well-known/openid-configuration) or the org URL "
        + "(https://<your-org>.okta.com)\n"
        + "  - OKTA_API_TOKEN or OKTA_PRIVATE_KEY is required: an Okta API token, or the private "
        + "key of an OAuth service app granted okta.users.read (FLASK_OIDC_CLIENT_SECRET cannot "
        + "be used: Okta grants okta.* scopes only to private_key_jwt clients)", e.getMessage());
    assertFalse(e.getMessage().contains("hush"));
  }

  @Test
  void create_rejectsBothAnApiTokenAndAPrivateKey() {
    IllegalArgumentException e = invalid(Map.of("FLASK_OIDC_CONFIG_URL", DISCOVERY,
        "OKTA_API_TOKEN", "00tok", "OKTA_PRIVATE_KEY", "/keys/okta.pem"));

    assertEquals("Invalid settings for the okta provider:\n  - set OKTA_API_TOKEN or "
        + "OKTA_PRIVATE_KEY, not both", e.getMessage());
  }

  @Test
  void create_needsAClientId_andAReadableKey_forAServiceApp() {
    Path missing = dir.resolve("missing.pem");

    IllegalArgumentException e = invalid(Map.of("OKTA_ORG_URL", "https://acme.okta.com",
        "OKTA_PRIVATE_KEY", missing.toString()));

    assertEquals("Invalid settings for the okta provider:\n"
        + "  - OKTA_CLIENT_ID (or FLASK_OIDC_CLIENT_ID) is required with OKTA_PRIVATE_KEY: the "
        + "client id of the Okta API service app\n"
        + "  - OKTA_PRIVATE_KEY: cannot read the private key file " + missing
        + ": NoSuchFileException", e.getMessage());
  }

  @Test
  void create_neverQuotesABrokenPemKey() {
    IllegalArgumentException e = invalid(Map.of("OKTA_ORG_URL", "https://acme.okta.com",
        "OKTA_CLIENT_ID", "0oa1", "OKTA_PRIVATE_KEY",
        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----"));

    assertEquals("Invalid settings for the okta provider:\n  - OKTA_PRIVATE_KEY: the PEM block "
        + "is not an RSA or EC private key", e.getMessage());
  }

  @Test
  void create_neverQuotesAPrivateKeyThatIsNeitherPemNorAFile() {
    String mangled = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC/s3cr3t+key/material==";

    IllegalArgumentException garbage = invalid(Map.of("OKTA_ORG_URL", "https://acme.okta.com",
        "OKTA_CLIENT_ID", "0oa1", "OKTA_PRIVATE_KEY", "s3cr3t key text, not PEM"));
    IllegalArgumentException headless = invalid(Map.of("OKTA_ORG_URL", "https://acme.okta.com",
        "OKTA_CLIENT_ID", "0oa1", "OKTA_PRIVATE_KEY", mangled));

    for (IllegalArgumentException e : List.of(garbage, headless)) {
      assertEquals("Invalid settings for the okta provider:\n  - OKTA_PRIVATE_KEY: is neither "
          + "PEM text (-----BEGIN PRIVATE KEY-----) nor the path of a readable file; the value is "
          + "not shown, as it may be a key", e.getMessage());
      assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }
  }

  @Test
  void create_readsAPemKeyAfterOpensslBagAttributes() {
    String pkcs12Output = "Bag Attributes\n    localKeyID: 01 00 00 00 \n"
        + "Key Attributes: <No Attributes>\n-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(rsaKey()) + "\n-----END PRIVATE KEY-----\n";

    try (UserResolver resolver = new OktaUserResolverFactory().create(Settings.of(Map.of(
        "OKTA_ORG_URL", "https://acme.okta.com", "OKTA_CLIENT_ID", "0oa1",
        "OKTA_PRIVATE_KEY", pkcs12Output)))) {
      assertEquals("OktaUserResolver[org=https://acme.okta.com, auth=the access token of "
          + "service app 0oa1]", resolver.toString());
    }
  }

  @Test
  void create_rejectsAnApiTokenWithACharacterHeadersCannotCarry_neverShowingIt() {
    IllegalArgumentException e = invalid(Map.of("OKTA_ORG_URL", "https://acme.okta.com",
        "OKTA_API_TOKEN", "00s3cr3t-token\u201d"));

    assertEquals("Invalid settings for the okta provider:\n  - OKTA_API_TOKEN holds a character "
        + "that cannot be sent in an HTTP header (U+201D at character 15); enter it again as "
        + "plain text", e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
  }

  @Test
  void create_rejectsInsecureOrMalformedUrls_andBadHttpSettings() {
    IllegalArgumentException e = invalid(Map.of(
        "FLASK_OIDC_CONFIG_URL", "http://acme.okta.com/.well-known/openid-configuration",
        "OKTA_ORG_URL", "https://acme.okta.com/app/home",
        "OKTA_API_TOKEN", "00tok",
        "USER_RESOLVER_HTTP_REQUEST_TIMEOUT", "five seconds"));

    assertEquals("Invalid settings for the okta provider:\n"
        + "  - USER_RESOLVER_HTTP_REQUEST_TIMEOUT must be an ISO-8601 duration such as PT30S or "
        + "PT1H, found \"five seconds\"\n"
        + "  - FLASK_OIDC_CONFIG_URL must be an https URL (plain http only for loopback hosts), "
        + "found \"http://acme.okta.com/.well-known/openid-configuration\"\n"
        + "  - OKTA_ORG_URL must be an https URL without a path, such as https://acme.okta.com "
        + "(plain http only for loopback hosts), found \"https://acme.okta.com/app/home\"",
        e.getMessage());
    assertFalse(e.getMessage().contains("00tok"));
  }

  @Test
  void create_rejectsADiscoveryUrlThatIsNotWellKnown() {
    IllegalArgumentException e = invalid(Map.of("FLASK_OIDC_CONFIG_URL",
        "https://acme.okta.com", "OKTA_API_TOKEN", "00tok"));

    assertEquals("Invalid settings for the okta provider:\n  - FLASK_OIDC_CONFIG_URL must end "
        + "with /.well-known/openid-configuration, found \"https://acme.okta.com\"",
        e.getMessage());
  }

  @Test
  void create_takesTheClientIdFromFlaskOidc_andSendsNothing() throws IOException {
    Path key = dir.resolve("key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(rsaKey()) + "\n-----END PRIVATE "
        + "KEY-----\n");

    try (UserResolver resolver = new OktaUserResolverFactory().create(Settings.of(Map.of(
        "FLASK_OIDC_CONFIG_URL", DISCOVERY, "FLASK_OIDC_CLIENT_ID", "0oa-web",
        "OKTA_PRIVATE_KEY", key.toString())))) {
      assertEquals("OktaUserResolver[org=discovered from " + DISCOVERY + ", auth=the access "
          + "token of service app 0oa-web]", resolver.toString());
    }
  }

  private static byte[] rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPrivate().getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
