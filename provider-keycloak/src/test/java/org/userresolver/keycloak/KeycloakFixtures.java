package org.userresolver.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Keycloak payloads shaped as a Keycloak 26 server sends them (discovery document, token
 * answer, {@code UserRepresentation} list), for the few tests that cannot use the real server.
 */
final class KeycloakFixtures {
  static final String CLIENT_ID = "user-resolver";
  static final String CLIENT_SECRET = "hush-hush-3kT9";
  static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZXJ2aWNlLWFjY291bnQifQ.c2lnbmF0dXJl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeycloakFixtures() {}

  /** The realm's discovery document for an issuer such as {@code http://127.0.0.1:1234/realms/acme}. */
  static String discovery(String issuer) {
    return resource("openid-configuration.json").replace("{{issuer}}", issuer);
  }

  /** A token endpoint's answer to {@code client_credentials}. */
  static String token() {
    return resource("token.json").replace("{{token}}", TOKEN);
  }

  /** The answer to {@code users?email=ada@example.com&exact=true}: a list of one user. */
  static String adaList() {
    return resource("ada.json");
  }

  /** Ada's {@code UserRepresentation}. */
  static JsonNode ada() {
    try {
      return JSON.readTree(adaList()).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = KeycloakFixtures.class.getResourceAsStream("/keycloak/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource keycloak/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
