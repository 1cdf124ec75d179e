package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stub Apache Atlas on the JDK's HTTP server, behaving as Atlas's own code does for what the
 * store uses: {@code EntityREST} (lookups by unique attribute, one and bulk; create-or-update,
 * one and bulk), {@code TypesREST} (read a typedef, create typedefs), {@code DiscoveryREST}
 * (basic search with {@code limit}/{@code offset} normalised as Atlas does), the admin status
 * and version; error bodies as {@code AtlasBaseExceptionMapper} writes them, and Spring
 * Security's basic authentication: credentials checked on every request but the status, a
 * failure answered 401 with Jetty's error page (HTML, or JSON when the client accepts it), and
 * no {@code WWW-Authenticate} challenge.
 *
 * <p>Records every request, and can answer the next requests with a given status (faults).
 * Public, and in this module's test jar, for the reliability suite's Atlas fixture.
 */
public final class AtlasStub implements AutoCloseable {
  /** The one user Atlas authenticates. */
  public static final String USER = "admin";
  /** Its password. */
  public static final String PASSWORD = "s3cr3t-Atl@s-pw";

  /** One request as received. */
  record Request(String method, String path, String rawQuery, Map<String, String> query,
      Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(h -> h.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private record Fault(int status, String contentType, String body, String retryAfter) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final StubEntities state = new StubEntities();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private volatile String status = "ACTIVE";
  private volatile boolean forbidden;
  private volatile int maxSearchLimit = 10_000;
  private volatile boolean ignoreSearchOffset;

  private AtlasStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a stub holding Amundsen's {@code User} type and no users. */
  public static AtlasStub start() {
    try {
      return new AtlasStub();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The loopback port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code ATLAS_URL}, {@code ATLAS_USERNAME} and {@code ATLAS_PASSWORD} for this stub. */
  public Map<String, String> settings() {
    Map<String, String> settings = new TreeMap<>();
    settings.put("ATLAS_URL", url());
    settings.put("ATLAS_USERNAME", USER);
    settings.put("ATLAS_PASSWORD", PASSWORD);
    return settings;
  }

  /** A store for this stub, with further settings. */
  AtlasUserStore store(Map<String, String> extra) {
    Map<String, String> values = new TreeMap<>(settings());
    values.putAll(extra);
    return (AtlasUserStore) new AtlasUserStoreFactory().create(
        org.userresolver.Settings.of(values));
  }

  /** What the stub holds. */
  public StubEntities state() {
    return state;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests to a path, the query left out: {@code GET /api/atlas/v2/entity}. */
  List<Request> requests(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** Forgets the requests recorded so far. */
  public void clearRequests() {
    requests.clear();
  }

  /** Answers the next {@code times} requests with this status and an empty JSON body. */
  synchronized void failNext(int times, int status) {
    failNext(times, status, "application/json", "");
  }

  /** Answers the next {@code times} requests with this status and body. */
  synchronized void failNext(int times, int status, String contentType, String body) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(status, contentType, body, null));
    }
  }

  /** Answers the next request with this status and a {@code Retry-After} of some seconds. */
  synchronized void failNextWithRetryAfter(int status, int seconds) {
    faults.add(new Fault(status, "application/json", "", String.valueOf(seconds)));
  }

  void status(String value) {
    status = value;
  }

  /** Refuses every authenticated request as Atlas's authorizer does (403). */
  void forbid() {
    forbidden = true;
  }

  void maxSearchLimit(int value) {
    maxSearchLimit = value;
  }

  /** Answers every search with its first page, as a broken server or proxy might. */
  void ignoreSearchOffset() {
    ignoreSearchOffset = true;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = record(exchange);
      Fault fault = nextFault();
      if (fault != null) {
        if (fault.retryAfter() != null) {
          exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
        }
        send(exchange, fault.status(), fault.contentType(), fault.body());
        return;
      }
      if (request.path().equals("/api/atlas/admin/status")) {
        send(exchange, 200, "{\"Status\":\"" + status + "\"}");
        return;
      }
      String user = authenticatedUser(request);
      if (user == null) {
        unauthorized(exchange, request);
        return;
      }
      try {
        if (forbidden) {
          throw new StubError(StubError.UNAUTHORIZED_ACCESS, user,
              request.method() + " " + request.path());
        }
        JsonNode answer = route(request, user);
        if (answer == null) {
          send(exchange, 404, "text/plain", "There was an error processing your request. It "
              + "has been logged (ID 5f2c1d0e9a8b7c6d).");
          return;
        }
        send(exchange, 200, answer.toString());
      } catch (StubError e) {
        send(exchange, e.code.status(), e.body());
      }
    }
  }

  /** Routes a request to the state; {@code null} for an unknown path. */
  private JsonNode route(Request request, String user) {
    String path = request.path();
    String method = request.method();
    String bulkLookup = "/api/atlas/v2/entity/bulk/uniqueAttribute/type/";
    String lookup = "/api/atlas/v2/entity/uniqueAttribute/type/";
    if (method.equals("GET") && path.equals("/api/atlas/admin/version")) {
      return StubEntities.read("{\"Version\":\"2.3.0\",\"Revision\":\"release\","
          + "\"Name\":\"apache-atlas\",\"Description\":\"Metadata Management and Data "
          + "Governance Platform over Hadoop\"}");
    }
    if (method.equals("GET") && path.startsWith(lookup)) {
      return state.lookup(path.substring(lookup.length()), prefixed(request.query(), "attr:"));
    }
    if (method.equals("GET") && path.startsWith(bulkLookup)) {
      return state.lookupAll(path.substring(bulkLookup.length()), indexed(request.query()));
    }
    if (method.equals("POST") && (path.equals("/api/atlas/v2/entity")
        || path.equals("/api/atlas/v2/entity/bulk"))) {
      JsonNode body = json(request);
      List<JsonNode> entities = new ArrayList<>();
      if (path.endsWith("/bulk")) {
        body.path("entities").forEach(entities::add);
      } else if (body.has("entity")) {
        entities.add(body.get("entity"));
      }
      return state.write(entities, user);
    }
    if (method.equals("GET") && path.startsWith("/api/atlas/v2/types/typedef/name/")) {
      String name = path.substring("/api/atlas/v2/types/typedef/name/".length());
      return state.userType().filter(type -> name.equals("User"))
          .orElseThrow(() -> new StubError(StubError.TYPE_NAME_NOT_FOUND, name));
    }
    if (method.equals("POST") && path.equals("/api/atlas/v2/types/typedefs")) {
      return state.createTypes(json(request));
    }
    if (method.equals("POST") && path.equals("/api/atlas/v2/search/basic")) {
      ObjectNode parameters = (ObjectNode) json(request);
      if (ignoreSearchOffset) {
        parameters.put("offset", 0);
      }
      return state.search(parameters, 100, maxSearchLimit);
    }
    return null;
  }

  /** The JSON body; Jersey refuses other media types with 415 before Atlas sees them. */
  private static JsonNode json(Request request) {
    String type = request.header("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      throw new StubError(new StubError.Code(415, "", "Unsupported Media Type"));
    }
    return StubEntities.read(request.body());
  }

  /** {@code attr:qualifiedName=x} as {@code EntityREST.getAttributes} reads it. */
  private static Map<String, String> prefixed(Map<String, String> query, String prefix) {
    Map<String, String> attributes = new java.util.HashMap<>();
    query.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        attributes.put(key.substring(prefix.length()), value);
      }
    });
    return attributes;
  }

  /** {@code attr_0:qualifiedName=x&...} as {@code EntityREST.getAttributesList} reads it. */
  private static List<Map<String, String>> indexed(Map<String, String> query) {
    Map<String, Map<String, String>> byIndex = new TreeMap<>(
        (a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
    query.forEach((key, value) -> {
      int separator = key.indexOf(':', "attr_".length());
      if (key.startsWith("attr_") && separator >= 0) {
        byIndex.computeIfAbsent(key.substring("attr_".length(), separator),
            index -> new java.util.HashMap<>()).put(key.substring(separator + 1), value);
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  /** The basic-auth user, or {@code null} when the credentials are missing or wrong. */
  private static String authenticatedUser(Request request) {
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return null;
    }
    String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)),
        StandardCharsets.UTF_8);
    return decoded.equals(USER + ":" + PASSWORD) ? USER : null;
  }

  /**
   * Spring Security's entry point: {@code sendError(401, message)}, which Jetty renders as its
   * error page; no {@code WWW-Authenticate}.
   */
  private static void unauthorized(HttpExchange exchange, Request request) throws IOException {
    String message = request.header("Authorization") == null
        ? "Full authentication is required to access this resource" : "Bad credentials";
    exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
    String accept = request.header("Accept");
    if (accept != null && accept.contains("json")) {
      send(exchange, 401, "application/json", "{\"url\":\"" + request.path()
          + "\",\"status\":\"401\",\"message\":\"" + message + "\",\"servlet\":\"jersey\"}");
      return;
    }
    send(exchange, 401, "text/html;charset=iso-8859-1", "<html>\n<head>\n<meta http-equiv="
        + "\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n<title>Error 401 " + message
        + "</title>\n</head>\n<body><h2>HTTP ERROR 401 " + message + "</h2>\n<table>\n<tr><th>"
        + "URI:</th><td>" + request.path() + "</td></tr>\n<tr><th>STATUS:</th><td>401</td></tr>"
        + "\n<tr><th>MESSAGE:</th><td>" + message + "</td></tr>\n</table>\n</body>\n</html>\n");
  }

  private Request record(HttpExchange exchange) throws IOException {
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        query.putIfAbsent(key, value);
      }
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(), rawQuery, query,
        Map.copyOf(exchange.getRequestHeaders()), body);
    requests.add(request);
    return request;
  }

  private synchronized Fault nextFault() {
    return faults.poll();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, "application/json;charset=UTF-8", json);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
