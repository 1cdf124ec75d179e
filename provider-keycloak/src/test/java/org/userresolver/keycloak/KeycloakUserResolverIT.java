package org.userresolver.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.testkit.UserResolverContract;

/** The provider against a real Keycloak server and our realm: the contract, then Keycloak's own cases. */
@ExtendWith(KeycloakExtension.class)
final class KeycloakUserResolverIT extends UserResolverContract {
  private static KeycloakServer server;

  @BeforeAll
  static void server(KeycloakServer started) {
    server = started;
  }

  @Override
  protected UserResolver createResolver() {
    return create(Map.of());
  }

  @Override
  protected User knownUser() {
    return User.builder().email("ada@example.com").firstName("Ada").lastName("Lovelace")
        .displayName("Ada Lovelace").build();
  }

  private static UserResolver create(Map<String, String> extra) {
    Map<String, String> settings = server.settings();
    settings.putAll(extra);
    return new KeycloakUserResolverFactory().create(Settings.of(settings));
  }

  private static ResolutionException failure(UserResolver resolver, String userId) {
    return assertThrows(ResolutionException.class, () -> resolver.resolve(userId));
  }

  @Test
  void resolve_mapsNamesDeclaredAndUnmanagedAttributes_andLinksTheAccountConsole() {
    try (UserResolver all = create(Map.of("KEYCLOAK_OTHER_KEYS", "*"))) {
      User ada = all.resolve("ada@example.com");

      assertEquals("ada@example.com", ada.userId());
      assertEquals("ada@example.com", ada.email());
      assertEquals("Ada Lovelace", ada.fullName());
      assertTrue(ada.isActive());
      assertEquals("Mathematician", ada.roleName(), "declared attribute title");
      assertEquals("Analytical Engines", ada.teamName(), "declared attribute department");
      assertEquals("charles@example.com", ada.managerEmail(), "unmanaged attribute manager");
      assertEquals(Map.of("costCenter", "R&D", "languages", "en, fr"), ada.otherKeyValues());
      assertEquals(server.issuer() + "/account", ada.profileUrl());
    }
  }

  @Test
  void resolve_marksADisabledUserInactive() {
    User mary = resolver.resolve("mary@example.com");

    assertFalse(mary.isActive());
    assertEquals("Mary Somerville", mary.displayName());
    assertEquals("Astronomy", mary.teamName());
  }

  @Test
  void resolve_findsAUserByUsername_whenNoEmailMatches() {
    User alan = resolver.resolve("alan@example.com");
    User grace = resolver.resolve("grace");

    assertEquals("alan@example.com", alan.userId());
    assertEquals("alan.turing@example.com", alan.email());
    assertEquals("Alan Turing", alan.displayName());
    assertEquals("grace", grace.userId());
    assertEquals("", grace.email());
    assertEquals("Grace Hopper", grace.displayName());
  }

  @Test
  void resolve_refusesToGuess_whenTwoUsersShareTheEmail() {
    ResolutionException e = failure(resolver, "twins@example.com");

    assertFalse(e.isTransient());
    assertEquals("more than one Keycloak user in realm acme has the email twins@example.com "
        + "(usernames twin-a, twin-b); not guessing which is meant: make the email unique in "
        + "Keycloak", e.getMessage());
  }

  @Test
  void resolve_namesTheMissingRole_whenTheServiceAccountCannotViewUsers() {
    try (UserResolver noRoles = create(Map.of("KEYCLOAK_CLIENT_ID", KeycloakServer.NO_ROLES_CLIENT_ID,
        "KEYCLOAK_CLIENT_SECRET", KeycloakServer.NO_ROLES_SECRET))) {
      ResolutionException e = failure(noRoles, "ada@example.com");

      assertFalse(e.isTransient());
      assertEquals("Keycloak refused looking up ada@example.com by email in realm acme at "
          + server.baseUrl() + " (HTTP 403 to GET " + server.baseUrl() + "/admin/realms/acme/"
          + "users): the service account of client no-roles lacks the realm-management role "
          + "view-users in realm acme; assign it in the admin console under Clients > no-roles "
          + "> Service account roles > Assign role > realm-management view-users",
          e.getMessage());
    }
  }

  @Test
  void resolve_failsClearly_withAWrongClientSecret_neverShowingIt() {
    try (UserResolver wrong = create(Map.of("KEYCLOAK_CLIENT_SECRET", "not-the-secret-42"))) {
      ResolutionException e = failure(wrong, "ada@example.com");

      assertFalse(e.isTransient());
      assertEquals("Keycloak refused an access token to client user-resolver of realm acme at "
          + server.baseUrl() + ": token request failed: POST " + server.issuer()
          + "/protocol/openid-connect/token answered HTTP 401 (unauthorized_client: Invalid "
          + "client or Invalid client credentials); check the client id and secret "
          + "(FLASK_OIDC_CLIENT_ID, KEYCLOAK_CLIENT_SECRET), and that the client has Client "
          + "authentication and Service account roles turned on", e.getMessage());
      assertFalse(wrong.toString().contains("not-the-secret-42"), wrong.toString());
    }
  }

  @Test
  void resolve_explainsAClientWithoutAServiceAccount() {
    try (UserResolver noAccount = create(Map.of(
        "KEYCLOAK_CLIENT_ID", KeycloakServer.NO_SERVICE_ACCOUNT_CLIENT_ID,
        "KEYCLOAK_CLIENT_SECRET", KeycloakServer.NO_SERVICE_ACCOUNT_SECRET))) {
      ResolutionException e = failure(noAccount, "ada@example.com");

      assertTrue(e.getMessage().contains("Client not enabled to retrieve service account"),
          e.getMessage());
      assertTrue(e.getMessage().contains("Service account roles turned on"), e.getMessage());
    }
  }

  @Test
  void resolve_getsANewToken_whenKeycloakRejectsTheCurrentOne_afterAKeyRotation() {
    assertEquals("Ada Lovelace", resolver.resolve("ada@example.com").displayName());

    server.rotateRealmKeys();

    assertEquals("Ada Lovelace", resolver.resolve("ada@example.com").displayName());
  }

  @Test
  void resolve_needsNoDiscoveryDocument_withBothOverrides() {
    try (UserResolver direct = new KeycloakUserResolverFactory().create(Settings.of(Map.of(
        "KEYCLOAK_URL", server.baseUrl() + "/", "KEYCLOAK_REALM", KeycloakServer.REALM,
        "KEYCLOAK_CLIENT_ID", KeycloakServer.CLIENT_ID,
        "KEYCLOAK_CLIENT_SECRET", KeycloakServer.CLIENT_SECRET,
        "KEYCLOAK_PROFILE_URL", "{base}/admin/master/console/#/{realm}/users/{id}/settings")))) {
      User ada = direct.resolve("ada@example.com");

      assertEquals("Ada Lovelace", ada.displayName());
      assertTrue(ada.profileUrl().matches(java.util.regex.Pattern.quote(server.baseUrl()
          + "/admin/master/console/#/acme/users/") + "[0-9a-f-]{36}/settings"), ada.profileUrl());
    }
  }

  @Test
  void resolve_namesAnUnknownRealm() {
    try (UserResolver elsewhere = create(Map.of("KEYCLOAK_REALM", "nowhere"))) {
      ResolutionException e = failure(elsewhere, "ada@example.com");

      assertFalse(e.isTransient());
      assertTrue(e.getMessage().startsWith("Keycloak refused an access token to client "
          + "user-resolver of realm nowhere at " + server.baseUrl() + ": token request failed: "
          + "no token endpoint at POST " + server.baseUrl() + "/realms/nowhere/protocol/"
          + "openid-connect/token (HTTP 404)"), e.getMessage());
    }
  }

  @Test
  void checks_reportTheDiscoveryDocumentTheTokenAndOneLookup() {
    List<Check.Result> results = resolver.checks().stream().map(Check::run).toList();

    assertEquals(List.of("keycloak discovery document", "keycloak token", "keycloak lookup"),
        results.stream().map(Check.Result::name).toList());
    assertEquals("issuer " + server.issuer() + "; realm acme at " + server.baseUrl()
        + ", token endpoint " + server.issuer() + "/protocol/openid-connect/token",
        results.get(0).detail());
    assertTrue(results.get(1).detail().startsWith("access token for client user-resolver from "
        + server.issuer() + "/protocol/openid-connect/token, valid until "),
        results.get(1).detail());
    assertEquals("users of realm acme at " + server.baseUrl() + " readable by client "
        + "user-resolver", results.get(2).detail());
    assertTrue(results.stream().allMatch(Check.Result::ok), results.toString());
  }

  @Test
  void checks_failTheLookup_withTheMissingRole_andTheToken_withAWrongSecret() {
    try (UserResolver noRoles = create(Map.of("KEYCLOAK_CLIENT_ID", KeycloakServer.NO_ROLES_CLIENT_ID,
            "KEYCLOAK_CLIENT_SECRET", KeycloakServer.NO_ROLES_SECRET));
        UserResolver wrong = create(Map.of("KEYCLOAK_CLIENT_SECRET", "not-the-secret-42"))) {
      List<Check.Result> noRole = noRoles.checks().stream().map(Check::run).toList();
      List<Check.Result> wrongSecret = wrong.checks().stream().map(Check::run).toList();

      assertEquals(List.of(true, true, false), noRole.stream().map(Check.Result::ok).toList());
      assertTrue(noRole.get(2).detail().contains("lacks the realm-management role view-users"),
          noRole.get(2).detail());
      assertEquals(List.of(true, false, false),
          wrongSecret.stream().map(Check.Result::ok).toList());
      assertTrue(wrongSecret.get(1).detail().contains("Invalid client or Invalid client "
          + "credentials"), wrongSecret.get(1).detail());
      assertFalse(wrongSecret.toString().contains("not-the-secret-42"));
    }
  }
}
