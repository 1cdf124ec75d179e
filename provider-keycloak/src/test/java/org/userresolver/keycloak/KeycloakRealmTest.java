package org.userresolver.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.userresolver.ResolutionException;
import org.userresolver.http.DiscoveryDocument;
import org.userresolver.keycloak.KeycloakRealm.Location;

final class KeycloakRealmTest {

  private static DiscoveryDocument document(String issuer) {
    return new DiscoveryDocument(URI.create(issuer + "/.well-known/openid-configuration"),
        URI.create(issuer), Optional.of(URI.create(issuer + "/protocol/openid-connect/token")),
        Map.of());
  }

  @Test
  void locate_takesTheBaseUrlAndRealm_fromTheIssuer_andTheDocumentsTokenEndpoint() {
    Location at = KeycloakRealm.locate(document("https://sso.example.com/realms/acme"),
        Optional.empty(), Optional.empty());

    assertEquals(URI.create("https://sso.example.com"), at.base());
    assertEquals("acme", at.realm());
    assertEquals(URI.create("https://sso.example.com/realms/acme/protocol/openid-connect/token"),
        at.tokenEndpoint());
    assertEquals(URI.create("https://sso.example.com/admin/realms/acme/users?max=1"),
        at.users("max=1"));
    assertEquals(URI.create("https://sso.example.com/realms/acme/account"), at.accountConsole());
  }

  @Test
  void locate_keepsAContextPath_andDecodesTheRealmName() {
    Location at = KeycloakRealm.locate(document("https://sso.example.com/auth/realms/data%20team"),
        Optional.empty(), Optional.empty());

    assertEquals(URI.create("https://sso.example.com/auth"), at.base());
    assertEquals("data team", at.realm());
    assertEquals(URI.create("https://sso.example.com/auth/admin/realms/data%20team/users?max=1"),
        at.users("max=1"));
  }

  @Test
  void locate_letsEitherOverrideWin_andThenUsesThatRealmsTokenEndpoint() {
    DiscoveryDocument document = document("https://sso.example.com/realms/acme");

    Location otherRealm = KeycloakRealm.locate(document, Optional.empty(), Optional.of("staff"));
    Location otherBase = KeycloakRealm.locate(document,
        Optional.of(URI.create("https://keycloak.internal:8443")), Optional.empty());

    assertEquals(URI.create("https://sso.example.com/realms/staff/protocol/openid-connect/token"),
        otherRealm.tokenEndpoint());
    assertEquals(URI.create("https://keycloak.internal:8443/admin/realms/acme/users?max=1"),
        otherBase.users("max=1"));
    assertEquals(URI.create(
        "https://keycloak.internal:8443/realms/acme/protocol/openid-connect/token"),
        otherBase.tokenEndpoint());
  }

  @Test
  void locate_needsNoDocument_withBothOverrides() {
    Location at = KeycloakRealm.locate(null, Optional.of(URI.create("http://127.0.0.1:8080")),
        Optional.of("acme"));

    assertEquals("realm acme at http://127.0.0.1:8080", at.toString());
  }

  @Test
  void locate_rejectsAnIssuerThatIsNotARealm_namingTheSettingsThatFixIt() {
    ResolutionException e = assertThrows(ResolutionException.class, () -> KeycloakRealm.locate(
        document("https://acme.okta.com"), Optional.empty(), Optional.of("acme")));

    assertFalse(e.isTransient());
    assertEquals("the issuer https://acme.okta.com of the discovery document at "
        + "https://acme.okta.com/.well-known/openid-configuration is not a Keycloak realm URL "
        + "({base}/realms/{realm}); set KEYCLOAK_URL and KEYCLOAK_REALM", e.getMessage());
  }

  @Test
  void toString_saysWhatIsSet_andWhatIsDiscovered() {
    Optional<URI> discovery = Optional.of(URI.create(
        "https://sso.example.com/realms/acme/.well-known/openid-configuration"));
    Optional<URI> base = Optional.of(URI.create("https://keycloak.internal/"));

    assertEquals("realm discovered from " + discovery.get(),
        new KeycloakRealm(discovery, Optional.empty(), Optional.empty(), null).toString());
    assertEquals("realm staff, base URL discovered from " + discovery.get(),
        new KeycloakRealm(discovery, Optional.empty(), Optional.of("staff"), null).toString());
    assertEquals("realm discovered from " + discovery.get() + ", at https://keycloak.internal",
        new KeycloakRealm(discovery, base, Optional.empty(), null).toString());
    assertEquals("realm staff at https://keycloak.internal",
        new KeycloakRealm(Optional.empty(), base, Optional.of("staff"), null).toString());
  }
}
