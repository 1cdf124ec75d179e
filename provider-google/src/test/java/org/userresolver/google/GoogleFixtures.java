package org.userresolver.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Google payloads shaped as Google's API reference and discovery document show them (a
 * service-account key file, a token answer, {@code User} resources, the JSON error body), and
 * the RSA key pair the tests sign and verify with.
 *
 * <p>Public, and in this module's test jar, for the reliability suite's Google fixture.
 */
public final class GoogleFixtures {
  /** The service account's key pair: Google knows its public half as {@link #KEY_ID}. */
  public static final KeyPair KEYS = rsaKeys();
  static final String KEY_ID = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";
  static final String CLIENT_EMAIL = "user-resolver@acme-directory.iam.gserviceaccount.com";
  static final String CLIENT_ID = "112233445566778899001";
  static final String SUBJECT = "grace@example.com";
  static final String TOKEN = "ya29.c.b0AXv0zTOf3Hq1ServiceAccountToken-Q9w";
  /** The Directory API's users collection. */
  public static final String USERS = "/admin/directory/v1/users";
  /** The token endpoint's path under the server's base URL. */
  public static final String TOKEN_PATH = "/token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GoogleFixtures() {}

  /** The private key as PKCS#8 PEM, as Google's key files hold it. */
  static String pem() {
    return pem(KEYS);
  }

  /** A private key as PKCS#8 PEM, as Google's key files hold it. */
  private static String pem(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The key's base64 body on one line, as it could leak. */
  static String keyBase64() {
    return Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
  }

  /** A service-account key file's text with this token URI. */
  public static String keyFileText(String tokenUri) {
    return keyFileText(tokenUri, KEYS, KEY_ID);
  }

  /**
   * A key file of the same service account holding this key under this key id: with another
   * pair and id, a key Google does not know (one deleted in the Cloud console, say).
   */
  public static String keyFileText(String tokenUri, KeyPair keys, String keyId) {
    return resource("service-account.json")
        .replace("{{private_key_id}}", keyId)
        .replace("{{private_key}}", new TextNode(pem(keys)).toString())
        .replace("{{client_email}}", CLIENT_EMAIL)
        .replace("{{client_id}}", CLIENT_ID)
        .replace("{{token_uri}}", tokenUri);
  }

  /** Writes a key file whose token URI is {@code baseUrl + /token}; returns its path. */
  static Path keyFile(Path dir, String baseUrl) {
    return write(dir.resolve("service-account.json"), keyFileText(baseUrl + TOKEN_PATH));
  }

  /** Writes text to a file; returns its path. */
  public static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Google's answer to the JWT bearer grant. */
  static String token(String value) {
    return resource("token.json").replace("{{access_token}}", value);
  }

  /** Ada's {@code User} resource: every mapped field set, organizations and relations. */
  static String ada() {
    return resource("ada.json");
  }

  /** Grace's {@code User} resource: the delegated subject, an administrator. */
  static String grace() {
    return resource("grace.json");
  }

  /** Google's JSON error body. */
  public static String error(int code, String status, String domain, String reason,
      String message) {
    return resource("error.json")
        .replace("{{code}}", Integer.toString(code))
        .replace("{{status}}", status)
        .replace("{{domain}}", domain)
        .replace("{{reason}}", reason)
        .replace("{{message}}", message);
  }

  /** Google's 404 for an unknown user key. */
  public static String notFound() {
    return error(404, "NOT_FOUND", "global", "notFound", "Resource Not Found: userKey");
  }

  /** Google's 403 when delegation, the scope or the admin role is missing. */
  static String forbidden() {
    return error(403, "PERMISSION_DENIED", "global", "forbidden",
        "Not Authorized to access this resource/api");
  }

  /** A users.list page. */
  static String page(String nextPageToken, String... users) {
    return "{\"kind\": \"admin#directory#users\", \"etag\": \"\\\"nMZ5v8sRlpcXlN1k/page\\\"\", "
        + "\"users\": [" + String.join(", ", users) + "]"
        + (nextPageToken == null ? "" : ", \"nextPageToken\": \"" + nextPageToken + "\"") + "}";
  }

  /** A minimal {@code User} resource. */
  static String user(String id, String primaryEmail, String givenName, String familyName) {
    return "{\"kind\": \"admin#directory#user\", \"id\": \"" + id + "\", \"primaryEmail\": \""
        + primaryEmail + "\", \"name\": {\"givenName\": \"" + givenName + "\", \"familyName\": \""
        + familyName + "\", \"fullName\": \"" + (givenName + " " + familyName).strip()
        + "\"}, \"suspended\": false, \"archived\": false}";
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
    try (InputStream in = GoogleFixtures.class.getResourceAsStream("/google/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource google/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
