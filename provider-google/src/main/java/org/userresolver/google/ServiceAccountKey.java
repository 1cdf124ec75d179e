package org.userresolver.google;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.Settings;
import org.userresolver.http.HttpSettings;
import org.userresolver.http.HttpSettings.UrlRule;
import org.userresolver.http.ProfileMapping;
import org.userresolver.http.SigningKey;

/**
 * A Google service-account key, read from the JSON file the Cloud console downloads
 * ({@code "type": "service_account"}): the account's {@code client_email} and numeric
 * {@code client_id}, the RSA {@code private_key} (PKCS#8 PEM) with its {@code private_key_id},
 * and the {@code token_uri} tokens come from. Immutable and thread-safe; {@link #toString()}
 * and every message name the file and the account, never the key.
 */
final class ServiceAccountKey {
  /** Google's token endpoint, for a key file without {@code token_uri}. */
  static final URI DEFAULT_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");
  /** A key file is about 2.4 KB; anything far larger is not one. */
  static final long MAX_FILE_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PATH_LENGTH = 4096;
  private static final String TOKEN_URI = "token_uri";

  private final Path file;
  private final String clientEmail;
  private final String clientId;
  private final URI tokenUri;
  private final SigningKey signingKey;

  private ServiceAccountKey(Path file, String clientEmail, String clientId, URI tokenUri,
      SigningKey signingKey) {
    this.file = file;
    this.clientEmail = clientEmail;
    this.clientId = clientId;
    this.tokenUri = tokenUri;
    this.signingKey = signingKey;
  }

  /**
   * Reads and checks a key file.
   *
   * @param value the setting's value, the file's path
   * @return the key
   * @throws IllegalArgumentException saying every problem found (unreadable, not JSON, not a
   *     service-account key, a field missing, an unusable PEM key); the value is shown only when
   *     it is plainly a path, the file's content never
   */
  static ServiceAccountKey read(String value) {
    Path file = path(value);
    JsonNode json = parse(file, load(file));
    String where = "the key file " + file;
    String type = ProfileMapping.text(json.path("type"));
    if (!type.equals("service_account")) {
      throw new IllegalArgumentException(where + " is " + describeType(type)
          + ", not a service-account key (\"type\": \"service_account\"); create a JSON key for "
          + "the service account in the Cloud console (IAM & Admin > Service accounts > Keys)");
    }
    List<String> problems = new ArrayList<>();
    String clientEmail = required(json, "client_email", problems);
    String keyId = ProfileMapping.text(json.path("private_key_id"));
    String pem = required(json, "private_key", problems);
    URI tokenUri = tokenUri(json, problems);
    SigningKey key = pem.isEmpty() ? null : signingKey(pem, keyId, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(where + ": " + String.join("; ", problems));
    }
    return new ServiceAccountKey(file, clientEmail,
        ProfileMapping.text(json.path("client_id")), tokenUri, key);
  }

  /** The file the key was read from. */
  Path file() {
    return file;
  }

  /** The service account's email, the assertion's {@code iss}. */
  String clientEmail() {
    return clientEmail;
  }

  /** The numeric client id domain-wide delegation is granted to; empty when the file lacks it. */
  String clientId() {
    return clientId;
  }

  /** Where tokens come from, the assertion's {@code aud}. */
  URI tokenUri() {
    return tokenUri;
  }

  /** The RS256 key, its {@code kid} the {@code private_key_id}. */
  SigningKey signingKey() {
    return signingKey;
  }

  /** "client id 1234" for messages, or the account when the file has no client id. */
  String describeClient() {
    return clientId.isEmpty() ? "the client id of service account " + clientEmail
        : "client id " + clientId;
  }

  /** Shows the account, the key id and the file; never the key. */
  @Override
  public String toString() {
    return "service account " + clientEmail + signingKey.keyId().map(id -> ", key id " + id)
        .orElse("") + " from " + file;
  }

  /** The value as a path, when it is one; never echoes what may be key material. */
  private static Path path(String value) {
    String text = value.strip();
    if (text.startsWith("{") || text.contains("-----BEGIN")) {
      throw new IllegalArgumentException("the value is key text, not a path: save the JSON key "
          + "as a file and set the file's path; the value is not shown");
    }
    Optional<Path> path = showablePath(text);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("the value is not the path of a readable file; it is "
          + "not shown, as it may be a key");
    }
    return path.get();
  }

  /**
   * A value that may be shown: one line naming a file that exists, or a path whose folder
   * exists (a mistyped file name). Key material (base64, which may hold {@code /}) is neither.
   */
  private static Optional<Path> showablePath(String value) {
    if (value.length() > MAX_PATH_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(value);
      Path folder = path.toAbsolutePath().getParent();
      boolean shown = Files.exists(path) || (path.getParent() != null && folder != null
          && Files.isDirectory(folder));
      return shown ? Optional.of(path) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static byte[] load(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + " is not a readable file");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES / 1024
            + " KiB: not a service-account key file");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** Parses the file; a failure names the position only, as Jackson's message quotes text. */
  private static JsonNode parse(Path file, byte[] content) {
    String notJson = "the key file " + file + " is not JSON";
    String hint = ": use the JSON key the Cloud console downloads for the service account";
    JsonNode json;
    try {
      json = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(notJson + (at == null ? "" : " (line " + at.getLineNr()
          + ", column " + at.getColumnNr() + ")") + hint);
    } catch (IOException e) {
      throw new IllegalArgumentException(notJson + hint);
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(notJson + " object" + hint);
    }
    return json;
  }

  /** The {@code type} for a message, shown only when it is a plain word. */
  private static String describeType(String type) {
    if (type.isEmpty()) {
      return "a JSON file without \"type\"";
    }
    if (!type.matches("[a-z_]{1,40}")) {
      return "a JSON file of another type";
    }
    String kind = switch (type) {
      case "authorized_user" -> " (a user's credentials, as gcloud auth application-default "
          + "login writes them)";
      case "external_account" -> " (workload identity federation, not supported)";
      default -> "";
    };
    return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type + " credential" + kind;
  }

  private static String required(JsonNode json, String field, List<String> problems) {
    String value = ProfileMapping.text(json.path(field));
    if (value.isEmpty()) {
      problems.add("it has no " + field);
    }
    return value;
  }

  /**
   * The file's {@code token_uri}, Google's when absent, checked by the rule every URL setting
   * follows ({@link HttpSettings#url}: https, plain http only to loopback hosts).
   */
  private static URI tokenUri(JsonNode json, List<String> problems) {
    String value = ProfileMapping.text(json.path("token_uri"));
    if (value.isEmpty()) {
      return DEFAULT_TOKEN_URI;
    }
    Settings field = Settings.of(Map.of(TOKEN_URI, value));
    Settings.Parser parser = field.parser();
    Optional<URI> uri = HttpSettings.url(field, parser, TOKEN_URI, DEFAULT_TOKEN_URI.toString(),
        UrlRule.WITHOUT_QUERY);
    problems.addAll(parser.problems().stream().map(problem -> "its " + problem).toList());
    return uri.orElse(null);
  }

  private static SigningKey signingKey(String pem, String keyId, List<String> problems) {
    try {
      SigningKey key = SigningKey.fromPem(pem, keyId.isEmpty() ? null : keyId);
      if (!key.algorithm().equals(SigningKey.RS256)) {
        problems.add("its private_key must be an RSA key (Google accepts RS256 assertions "
            + "only), found " + key.algorithm());
        return null;
      }
      return key;
    } catch (IllegalArgumentException e) {
      problems.add("its private_key is unusable: " + e.getMessage());
      return null;
    }
  }
}
