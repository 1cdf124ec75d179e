package org.userresolver.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server shaped as Okta's list endpoint, for the sync benchmark: {@code GET
 * /api/v1/users?limit=200[&after=N]} answers users {@code N..N+199} of {@code users}, generated
 * on the fly as Okta's user objects (profile with names, title, department, an email-shaped
 * {@code managerId}, employee type; {@code _links.self}), with the {@code Link: <...>;
 * rel="next"} header and the rate-limit headers Okta sends. JDK {@code HttpServer} on loopback,
 * with {@code sun.net.httpserver.nodelay} on (set before the first server is made).
 */
final class OktaShapedServer implements AutoCloseable {
  private static final int PAGE = 200;

  private final HttpServer server;
  private final ExecutorService threads;
  private final int users;
  private final String domain;
  private final AtomicLong pages = new AtomicLong();

  private OktaShapedServer(int users, String domain) throws IOException {
    this.users = users;
    this.domain = domain;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        64);
    this.threads = Executors.newFixedThreadPool(2);
    server.setExecutor(threads);
    server.createContext("/api/v1/users", this::list);
    server.start();
  }

  /** Starts a server listing {@code users} users {@code user<i>@<domain>}. */
  static OktaShapedServer start(int users, String domain) {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      return new OktaShapedServer(users, domain);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The org URL, {@code http://127.0.0.1:<port>}. */
  String orgUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Pages served. */
  long pages() {
    return pages.get();
  }

  private void list(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      int after = 0;
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      for (String pair : query.split("&")) {
        if (pair.startsWith("after=")) {
          after = Integer.parseInt(pair.substring("after=".length()));
        }
      }
      int to = Math.min(users, after + PAGE);
      StringBuilder json = new StringBuilder(PAGE * 900).append('[');
      for (int i = after; i < to; i++) {
        user(json.append(i == after ? "" : ","), i);
      }
      byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
      var headers = exchange.getResponseHeaders();
      headers.add("Content-Type", "application/json");
      headers.add("Link", "<" + orgUrl() + "/api/v1/users?limit=" + PAGE + ">; rel=\"self\"");
      if (to < users) {
        headers.add("Link", "<" + orgUrl() + "/api/v1/users?after=" + to + "&limit=" + PAGE
            + ">; rel=\"next\"");
      }
      headers.add("X-Rate-Limit-Limit", "100000");
      headers.add("X-Rate-Limit-Remaining", "99999");
      headers.add("X-Rate-Limit-Reset", Long.toString(System.currentTimeMillis() / 1000 + 60));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      pages.incrementAndGet();
    }
  }

  private void user(StringBuilder json, int i) {
    String email = "user" + i + "@" + domain;
    String manager = "user" + (i - i % 50) + "@" + domain;
    json.append("{\"id\":\"00u").append(i).append("\",\"status\":\"ACTIVE\",")
        .append("\"created\":\"2024-01-01T00:00:00.000Z\",")
        .append("\"lastUpdated\":\"2025-06-01T00:00:00.000Z\",")
        .append("\"profile\":{\"login\":\"").append(email).append("\",\"email\":\"")
        .append(email).append("\",\"firstName\":\"First").append(i)
        .append("\",\"lastName\":\"Last").append(i).append("\",\"title\":\"Engineer ")
        .append(i % 7).append("\",\"department\":\"Team ").append(i % 40)
        .append("\",\"managerId\":\"").append(manager)
        .append("\",\"manager\":\"First").append(i - i % 50).append(" Last").append(i - i % 50)
        .append("\",\"employeeType\":\"Full-time\",\"mobilePhone\":null},")
        .append("\"_links\":{\"self\":{\"href\":\"").append(orgUrl()).append("/api/v1/users/00u")
        .append(i).append("\"}}}");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
