package org.userresolver.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.spi.UserResolverFactory;

final class KeycloakUserResolverFactoryTest {
  private static final String DISCOVERY =
      "https://sso.example.com/realms/acme/.well-known/openid-configuration";
  private static final String SECRET = KeycloakFixtures.CLIENT_SECRET;

  private static IllegalArgumentException invalid(Map<String, String> settings) {
    return assertThrows(IllegalArgumentException.class,
        () -> new KeycloakUserResolverFactory().create(Settings.of(settings)));
  }

  @Test
  void name_isKeycloak_andServiceLoaderFindsTheFactory() {
    List<String> names = ServiceLoader.load(UserResolverFactory.class).stream()
        .map(provider -> provider.get().name()).toList();

    assertEquals("keycloak", new KeycloakUserResolverFactory().name());
    assertTrue(names.contains("keycloak"), names.toString());
  }

  @Test
  void create_listsEveryMissingSetting_atOnce() {
    IllegalArgumentException e = invalid(Map.of("KEYCLOAK_REALM", "acme"));

    assertEquals("Invalid Keycloak settings:\n"
        + "  - FLASK_OIDC_CONFIG_URL (or both KEYCLOAK_URL and KEYCLOAK_REALM) is required: the "
        + "realm's discovery document, https://<keycloak>/realms/<realm>/.well-known/"
        + "openid-configuration\n"
        + "  - KEYCLOAK_CLIENT_ID (or FLASK_OIDC_CLIENT_ID) is required: the confidential client "
        + "whose service account has the realm-management role view-users\n"
        + "  - KEYCLOAK_CLIENT_SECRET (or FLASK_OIDC_CLIENT_SECRET) is required: the "
        + "confidential client's secret", e.getMessage());
  }

  @Test
  void create_reportsEveryBadValue_atOnce_neverTheSecret() {
    IllegalArgumentException e = invalid(Map.of(
        "FLASK_OIDC_CONFIG_URL", "https://sso.example.com/realms/acme",
        "KEYCLOAK_URL", "http://sso.example.com",
        "KEYCLOAK_CLIENT_ID", "user-resolver",
        "KEYCLOAK_CLIENT_SECRET", SECRET,
        "KEYCLOAK_ATTRIBUTE_MAP", "title=job_title",
        "KEYCLOAK_PROFILE_URL", "https://people.example.com/{login}",
        "USER_RESOLVER_HTTP_REQUEST_TIMEOUT", "5s"));

    assertEquals("Invalid Keycloak settings:\n"
        + "  - USER_RESOLVER_HTTP_REQUEST_TIMEOUT must be an ISO-8601 duration such as PT30S or "
        + "PT1H, found \"5s\"\n"
        + "  - FLASK_OIDC_CONFIG_URL must end with /.well-known/openid-configuration, found "
        + "\"https://sso.example.com/realms/acme\"\n"
        + "  - KEYCLOAK_URL must be an https URL without a query, such as "
        + "https://sso.example.com or https://sso.example.com/auth (plain http only for loopback "
        + "hosts), found \"http://sso.example.com\"\n"
        + "  - KEYCLOAK_ATTRIBUTE_MAP: \"job_title\" (for attribute title) is not a field an "
        + "attribute can fill; use one of display_name, full_name, role_name, team_name, "
        + "employee_type, manager_email, manager_fullname, manager_id, github_username, "
        + "slack_id, profile_url\n"
        + "  - KEYCLOAK_PROFILE_URL has the unknown placeholder {login}; use {base}, {realm}, {id}, "
        + "{username} or {email}, found \"https://people.example.com/{login}\"", e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void create_needsNoDiscoveryUrl_withBothOverrides_andSendsNothing() {
    try (UserResolver resolver = new KeycloakUserResolverFactory().create(Settings.of(Map.of(
        "KEYCLOAK_URL", "https://sso.example.com/auth/", "KEYCLOAK_REALM", "acme",
        "FLASK_OIDC_CLIENT_ID", "user-resolver", "FLASK_OIDC_CLIENT_SECRET", SECRET)))) {
      assertEquals("KeycloakUserResolver[realm acme at https://sso.example.com/auth, client "
          + "user-resolver]", resolver.toString());
    }
  }

  @Test
  void create_prefersTheKeycloakClientSettings_andNeverShowsASecret() {
    Map<String, String> values = Map.of("FLASK_OIDC_CONFIG_URL", DISCOVERY,
        "FLASK_OIDC_CLIENT_ID", "amundsen-frontend", "FLASK_OIDC_CLIENT_SECRET", "frontend-secret",
        "KEYCLOAK_CLIENT_ID", "user-resolver", "KEYCLOAK_CLIENT_SECRET", SECRET);

    try (UserResolver resolver = new KeycloakUserResolverFactory().create(Settings.of(values))) {
      assertEquals("KeycloakUserResolver[realm discovered from " + DISCOVERY + ", client "
          + "user-resolver]", resolver.toString());
    }
    String settings = Settings.of(values).toString();
    assertFalse(settings.contains(SECRET), settings);
    assertFalse(settings.contains("frontend-secret"), settings);
  }
}
