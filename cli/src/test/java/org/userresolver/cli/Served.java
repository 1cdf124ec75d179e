package org.userresolver.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.UserStore;

/**
 * A {@link UserService} running in the test's JVM on a free loopback port, in front of a chain
 * built from the given parts, with an HTTP client to call it.
 */
final class Served implements AutoCloseable {

  /** The examples' users file, as the tests run in {@code cli/}. */
  static final Path USERS = Path.of("..", "examples", "users.json").toAbsolutePath().normalize();

  /** What one request got back. */
  record Response(int status, String body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
          .findFirst().orElse(null);
    }
  }

  final UserResolver chain;
  final PrometheusMeterRegistry registry;
  final UserService service;

  private Served(UserResolver chain, PrometheusMeterRegistry registry, UserService service) {
    this.chain = chain;
    this.registry = registry;
    this.service = service;
  }

  /** A configuration on a free loopback port: 8 workers, 16 queued, 5 s, no token. */
  static ServeConfig config() {
    return config(8, 16, Duration.ofSeconds(5), null);
  }

  static ServeConfig config(int workers, int queue, Duration timeout, String token) {
    return new ServeConfig("127.0.0.1", 0, workers, queue, timeout,
        Optional.ofNullable(token).map(BearerToken::of), ServeConfig.DEFAULT_READINESS_TTL);
  }

  /** Serves the examples' users file through the memory store. */
  static Served examples(ServeConfig config) {
    return start(UserResolvers.builder().settings(Settings.of(Map.of(
        "USER_RESOLVER_PROVIDER", "file", "USER_RESOLVER_FILE", USERS.toString()))), config);
  }

  /** Serves a chain of this provider and store ({@code null}: none), deadlines equal. */
  static Served of(UserResolver provider, UserStore store, ServeConfig config) {
    return of(provider, store, config, config.requestTimeout());
  }

  /** Serves a chain of this provider and store with its own deadline. */
  static Served of(UserResolver provider, UserStore store, ServeConfig config,
      Duration chainTimeout) {
    UserResolvers.Builder builder = UserResolvers.builder()
        .settings(Settings.of(Map.of(Settings.TIMEOUT, chainTimeout.toString())))
        .provider(provider);
    return start(store == null ? builder.withoutStore() : builder.store(store), config);
  }

  private static Served start(UserResolvers.Builder builder, ServeConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    UserResolver chain = builder.meterRegistry(registry).build();
    try {
      return new Served(chain, registry, UserService.start(chain, Settings.IdCase.LOWER,
          registry, registry::scrape, config));
    } catch (IOException e) {
      chain.close();
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.address().getPort() + path);
  }

  Response get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Response post(String path, String body, String... headers) {
    return send("POST", path, body, headers);
  }

  CompletableFuture<Response> getAsync(String path) {
    return CompletableFuture.supplyAsync(() -> get(path));
  }

  /** Sends one request on a new connection; headers as name, value, name, value... */
  Response send(String method, String path, String body, String... headers) {
    return call(uri(path), method, body, headers);
  }

  /** Sends one request to any URL. */
  static Response call(URI uri, String method, String body, String... headers) {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setRequestMethod(method);
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(30_000);
      for (int i = 0; i < headers.length; i += 2) {
        connection.setRequestProperty(headers[i], headers[i + 1]);
      }
      if (body != null) {
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> fields = new HashMap<>();
      connection.getHeaderFields().forEach((name, values) -> {
        if (name != null) {
          fields.put(name.toLowerCase(Locale.ROOT), values);
        }
      });
      connection.disconnect();
      return new Response(status, text, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    service.close();
    chain.close();
  }
}
