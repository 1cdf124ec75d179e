package org.userresolver.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Keycloak server: the {@code keycloak-quarkus-dist} that Maven unpacked before the
 * integration tests ({@code keycloak.home}), started with {@code kc.sh start-dev} on a free
 * loopback port with our realm ({@code keycloak/acme-realm.json}) imported, ready once the
 * realm's discovery document answers. Its output goes to {@code keycloak.log} under
 * {@code keycloak.work}, which stays after the run; a failed start throws with the log's tail.
 */
final class KeycloakServer implements AutoCloseable {
  static final String REALM = "acme";
  /** The confidential client whose service account has realm-management view-users. */
  static final String CLIENT_ID = "user-resolver";
  static final String CLIENT_SECRET = "Vq3mX8tLpZ2rWk9N";
  /** A confidential client whose service account has no realm-management role. */
  static final String NO_ROLES_CLIENT_ID = "no-roles";
  static final String NO_ROLES_SECRET = "Hs7dE2qYbC4fJm1U";
  /** A confidential client without a service account. */
  static final String NO_SERVICE_ACCOUNT_CLIENT_ID = "no-service-account";
  static final String NO_SERVICE_ACCOUNT_SECRET = "Tn5gK8wRaD3sLx6P";

  /** How long the server may take to start: it builds itself on its first start. */
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(
      Long.getLong("keycloak.startup.timeout.seconds", 240));
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int LOG_TAIL_LINES = 80;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final Path log;
  private final String adminPassword;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private KeycloakServer(Process process, int port, Path log, String adminPassword) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.adminPassword = adminPassword;
  }

  /** Starts the server and waits until the realm answers. */
  static KeycloakServer start() {
    String homeProperty = System.getProperty("keycloak.home");
    if (homeProperty == null) {
      throw new IllegalStateException("the keycloak.home system property is not set: run the "
          + "integration tests with ./mvnw verify, which unpacks Keycloak and sets it");
    }
    Path home = Path.of(homeProperty);
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException("no Keycloak at " + home + " (bin/kc.sh is missing)");
    }
    Path work = Path.of(System.getProperty("keycloak.work", "target/keycloak-it"));
    try {
      Files.createDirectories(work);
      resetData(home);
      Path log = work.resolve("keycloak.log");
      int port = freePort();
      String adminPassword = UUID.randomUUID().toString();
      ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(),
          "start-dev", "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS"));
      env.put("JAVA_HOME", System.getProperty("keycloak.java.home",
          System.getProperty("java.home")));
      // C1 alone starts Keycloak about twice as fast on two busy cores.
      env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      KeycloakServer server = new KeycloakServer(builder.start(), port, log, adminPassword);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Keycloak from " + home, e);
    }
  }

  /** The server's base URL, {@code http://127.0.0.1:<port>}. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The realm's issuer, {@code {base}/realms/acme}. */
  String issuer() {
    return baseUrl() + "/realms/" + REALM;
  }

  /** The realm's discovery document URL. */
  String discoveryUrl() {
    return issuer() + "/.well-known/openid-configuration";
  }

  /** Settings for the provider, as the working client. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("FLASK_OIDC_CONFIG_URL", discoveryUrl());
    settings.put("FLASK_OIDC_CLIENT_ID", CLIENT_ID);
    settings.put("FLASK_OIDC_CLIENT_SECRET", CLIENT_SECRET);
    settings.put("KEYCLOAK_ATTRIBUTE_MAP", "title=role_name,department=team_name,"
        + "manager=manager_email");
    return settings;
  }

  /**
   * Replaces the realm's RSA signing key, as a key rotation does: tokens signed with the old
   * key are rejected from now on.
   */
  void rotateRealmKeys() {
    String admin = adminToken();
    String realmId = adminGet(admin, "/admin/realms/" + REALM).path("id").asText();
    JsonNode keys = adminGet(admin, "/admin/realms/" + REALM
        + "/components?type=org.keycloak.keys.KeyProvider");
    String component = "{\"name\":\"rsa-rotated-" + System.nanoTime() + "\","
        + "\"providerId\":\"rsa-generated\",\"providerType\":\"org.keycloak.keys.KeyProvider\","
        + "\"parentId\":\"" + realmId + "\",\"config\":{\"priority\":[\"200\"]}}";
    send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + "/components"))
        .header("Authorization", "Bearer " + admin)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(component)), 201);
    for (JsonNode key : keys) {
      if (key.path("providerId").asText().equals("rsa-generated")) {
        send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM
                + "/components/" + key.path("id").asText()))
            .header("Authorization", "Bearer " + admin)
            .DELETE(), 204);
      }
    }
  }

  /** Stops the server and every process it started; waits for them to end. */
  @Override
  public void close() {
    List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
        .toList();
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      } catch (ExecutionException e) {
        handle.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "KeycloakServer[" + baseUrl() + ", log " + log + "]";
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    URI ready = URI.create(discoveryUrl());
    while (true) {
      if (!process.isAlive()) {
        throw failed("Keycloak exited with status " + process.exitValue() + " while starting");
      }
      if (answers(ready)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        close();
        throw failed("Keycloak did not answer " + ready + " within " + STARTUP_TIMEOUT);
      }
      try {
        process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw failed("interrupted while waiting for Keycloak");
      }
    }
  }

  private boolean answers(URI uri) {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private IllegalStateException failed(String why) {
    String tail;
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      List<String> all = lines.toList();
      tail = String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
    } catch (IOException | UncheckedIOException e) {
      tail = "(log unreadable: " + e.getMessage() + ")";
    }
    String message = why + "; the whole log is " + log + ", its last lines:\n" + tail;
    System.err.println(message);
    return new IllegalStateException(message);
  }

  private String adminToken() {
    String form = "grant_type=password&client_id=admin-cli&username=admin&password="
        + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
    JsonNode token = send(HttpRequest.newBuilder(URI.create(baseUrl()
            + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)), 200);
    return token.path("access_token").asText();
  }

  private JsonNode adminGet(String token, String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Authorization", "Bearer " + token).GET(), 200);
  }

  private JsonNode send(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(response.request().method() + " " + response.uri()
            + " answered HTTP " + response.statusCode() + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Removes the data of an earlier run (database, imported realm) and puts our realm in. */
  private static void resetData(Path home) throws IOException {
    Path data = home.resolve("data");
    if (Files.exists(data)) {
      try (Stream<Path> paths = Files.walk(data)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Path imports = Files.createDirectories(data.resolve("import"));
    try (InputStream realm = KeycloakServer.class.getResourceAsStream(
        "/keycloak/acme-realm.json")) {
      if (realm == null) {
        throw new IllegalStateException("missing test resource keycloak/acme-realm.json");
      }
      Files.copy(realm, imports.resolve("acme-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
