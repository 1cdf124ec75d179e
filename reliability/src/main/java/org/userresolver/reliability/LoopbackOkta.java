package org.userresolver.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Okta-shaped Users API on a loopback port, for load: {@code GET /api/v1/users/{id}} answers
 * a user object or Okta's 404 ({@code E0000007}), {@code GET /api/v1/users?search=profile.email
 * eq "<id>"} a list of zero or one users, both only to {@code Authorization: SSWS} with its
 * token, with Okta's rate-limit headers. A share of lookups fails on purpose, alternately with
 * Okta's 503 ({@code E0000009}) and with a connection closed before any answer.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}; creating one sets
 * {@code sun.net.httpserver.nodelay=true} unless it is set (without it, keep-alive answers wait
 * on Nagle's algorithm). Thread-safe.
 */
public final class LoopbackOkta implements AutoCloseable {
  /** The API token it accepts. */
  public static final String API_TOKEN = "00loopback-okta-token-not-a-secret";
  private static final String USERS = "/api/v1/users";
  private static final String SEARCH_PREFIX = "profile.email eq \"";

  /** Who this Okta knows. */
  @FunctionalInterface
  public interface Directory {
    /**
     * Returns a known user's first and last name.
     *
     * @param id the id looked up (login or email)
     * @return {@code {first, last}}, or {@code null} for an unknown id
     */
    String[] names(String id);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Directory directory;
  private volatile double faultRate;
  private final AtomicLong lookups = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private LoopbackOkta(HttpServer server, ExecutorService executor, Directory directory,
      double faultRate) {
    this.server = server;
    this.executor = executor;
    this.directory = directory;
    this.faultRate = faultRate;
  }

  /**
   * Starts the server on a free loopback port.
   *
   * @param directory the first and last name of each known id; {@code null} for an unknown id
   * @param faultRate the share of lookups that fail, from 0 to 1
   * @param threads threads answering requests
   * @return the running server
   * @throws IOException when no port can be bound
   */
  public static LoopbackOkta start(Directory directory, double faultRate, int threads)
      throws IOException {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "loopback-okta");
      thread.setDaemon(true);
      return thread;
    });
    LoopbackOkta okta = new LoopbackOkta(server, executor, directory, faultRate);
    server.createContext(USERS, okta::handle);
    server.setExecutor(executor);
    server.start();
    return okta;
  }

  /** The org URL, {@code http://127.0.0.1:<port>}. */
  public URI orgUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * The settings that point the {@code okta} provider here: the org URL, the API token, and
   * no manager lookups.
   */
  public Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("USER_RESOLVER_PROVIDER", "okta");
    settings.put("OKTA_ORG_URL", orgUrl().toString());
    settings.put("OKTA_API_TOKEN", API_TOKEN);
    settings.put("OKTA_RESOLVE_MANAGER", "false");
    return settings;
  }

  /** Changes the share of lookups that fail from now on. */
  public void faultRate(double rate) {
    this.faultRate = rate;
  }

  /** Lookups received (by path and searches), failed ones included. */
  public long lookups() {
    return lookups.get();
  }

  /** Lookups answered with 503 on purpose. */
  public long unavailable() {
    return unavailable.get();
  }

  /** Lookups whose connection was closed on purpose before any answer. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!("SSWS " + API_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, error("E0000011", "Invalid token provided"));
        return;
      }
      long number = lookups.incrementAndGet();
      if (fails(number)) {
        if (number % 2 == 0) {
          unavailable.incrementAndGet();
          send(exchange, 503, error("E0000009", "Internal Server Error"));
        } else {
          dropped.incrementAndGet();
          // closing the exchange before any header closes the connection: no answer at all
        }
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      if (path.startsWith(USERS + "/")) {
        String id = URLDecoder.decode(path.substring(USERS.length() + 1).replace("+", "%2B"),
            StandardCharsets.UTF_8);
        String[] names = directory.names(id);
        send(exchange, names == null ? 404 : 200, names == null
            ? error("E0000007", "Not found: Resource not found: " + id + " (User)")
            : user(id, names));
      } else {
        String id = searchedEmail(exchange.getRequestURI().getRawQuery());
        String[] names = id == null ? null : directory.names(id);
        send(exchange, 200, names == null ? "[]" : "[" + user(id, names) + "]");
      }
    } finally {
      exchange.close();
    }
  }

  /** Whether the lookup with this number fails: a fixed, well-spread share of them. */
  private boolean fails(long number) {
    double rate = faultRate;
    if (rate <= 0) {
      return false;
    }
    long mixed = number * 0x9E3779B97F4A7C15L;
    mixed ^= mixed >>> 31;
    return (mixed >>> 11) * 0x1.0p-53 < rate;
  }

  private static String searchedEmail(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String parameter : rawQuery.split("&")) {
      if (parameter.startsWith("search=")) {
        String filter = URLDecoder.decode(parameter.substring("search=".length())
            .replace("+", "%2B"), StandardCharsets.UTF_8);
        if (filter.startsWith(SEARCH_PREFIX) && filter.endsWith("\"")) {
          return filter.substring(SEARCH_PREFIX.length(), filter.length() - 1)
              .replace("\\\"", "\"").replace("\\\\", "\\");
        }
      }
    }
    return null;
  }

  private void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Rate-Limit-Limit", "100000");
    exchange.getResponseHeaders().set("X-Rate-Limit-Remaining", "99999");
    exchange.getResponseHeaders().set("X-Rate-Limit-Reset",
        Long.toString(Instant.now().getEpochSecond() + 60));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String user(String id, String[] names) {
    String self = orgUrl() + USERS + "/00u" + Integer.toHexString(id.hashCode());
    return "{\"id\":" + json("00u" + Integer.toHexString(id.hashCode()))
        + ",\"status\":\"ACTIVE\",\"profile\":{\"login\":" + json(id) + ",\"email\":" + json(id)
        + ",\"firstName\":" + json(names[0]) + ",\"lastName\":" + json(names[1])
        + ",\"title\":\"Engineer\",\"department\":\"Data Platform\"},"
        + "\"_links\":{\"self\":{\"href\":" + json(self) + "}}}";
  }

  private static String error(String code, String summary) {
    return "{\"errorCode\":" + json(code) + ",\"errorSummary\":" + json(summary)
        + ",\"errorLink\":" + json(code) + ",\"errorId\":\"oaeLoopback\",\"errorCauses\":[]}";
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
