package org.userresolver.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of {@code serve}: routes each request to its endpoint and does what every
 * request needs: shedding and draining answers, the bearer token, the method, the deadline,
 * the {@code userresolver.serve.requests} timer, and the access log (logger
 * {@code org.userresolver.serve.access}, DEBUG: method, path, status, bytes, microseconds
 * from arrival to the answer; never a header, so never a token).
 */
final class Router implements HttpHandler {

  /** The paths {@code serve} answers, as the {@code endpoint} tag names them. */
  enum Endpoint {
    USER, USERS, HEALTHZ, READYZ, METRICS, OTHER;

    static Endpoint of(String path) {
      if (path == null) {
        return OTHER;
      }
      if (path.startsWith(USER_PREFIX)) {
        return USER;
      }
      return switch (path) {
        case "/users/resolve" -> USERS;
        case "/healthz" -> HEALTHZ;
        case "/readyz" -> READYZ;
        case "/metrics" -> METRICS;
        default -> OTHER;
      };
    }

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final String USER_PREFIX = "/user/";
  private static final Logger ACCESS = LoggerFactory.getLogger("org.userresolver.serve.access");
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Reply NOT_FOUND = Reply.error(404, "no such endpoint; serve answers GET "
      + "/user/{id}, POST /users/resolve, GET /healthz, GET /readyz and GET /metrics");
  private static final Reply UNAUTHORIZED = Reply.error(401,
      "missing or wrong bearer token: send Authorization: Bearer <USER_RESOLVER_SERVE_TOKEN>")
      .with("WWW-Authenticate", "Bearer realm=\"user-resolver\"");

  private final UserEndpoints users;
  private final Readiness readiness;
  private final Supplier<String> metrics;
  private final Optional<BearerToken> token;
  private final long timeoutNanos;
  private final RequestPool pool;
  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /**
   * Creates the router.
   *
   * @param users the user endpoints
   * @param readiness the readiness checks
   * @param metrics the Prometheus text of the meters
   * @param config the token and the request timeout
   * @param pool the request pool, for admissions and draining
   * @param registry where the request timer goes
   */
  Router(UserEndpoints users, Readiness readiness, Supplier<String> metrics, ServeConfig config,
      RequestPool pool, MeterRegistry registry) {
    this.users = users;
    this.readiness = readiness;
    this.metrics = metrics;
    this.token = config.token();
    this.timeoutNanos = config.requestTimeout().toNanos();
    this.pool = pool;
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    RequestPool.Admission admission = RequestPool.current();
    String path = exchange.getRequestURI().getRawPath();
    Endpoint endpoint = Endpoint.of(path);
    Reply reply;
    try {
      reply = answer(exchange, endpoint, path, admission);
    } catch (RuntimeException e) {
      LOG.warn("internal error answering {} {}", exchange.getRequestMethod(), endpoint.tag(), e);
      reply = Reply.error(500, "internal error");
    }
    // Counted and logged before the bytes go out, so a client that reads /metrics after an
    // answer finds that answer counted.
    long nanos = System.nanoTime() - admission.arrivedNanos();
    timer(endpoint, reply.status()).record(nanos, TimeUnit.NANOSECONDS);
    if (ACCESS.isDebugEnabled()) {
      ACCESS.debug("{} {} {} {} bytes {} us", exchange.getRequestMethod(), path, reply.status(),
          reply.body().length, nanos / 1000);
    }
    try {
      send(exchange, reply, admission.draining());
    } finally {
      exchange.close();
    }
  }

  private Reply answer(HttpExchange exchange, Endpoint endpoint, String path,
      RequestPool.Admission admission) throws IOException {
    if (admission.shed() && endpoint != Endpoint.HEALTHZ) {
      return Reply.unavailable(pool.overloadMessage());
    }
    String method = exchange.getRequestMethod();
    switch (endpoint) {
      case HEALTHZ:
        return get(method, () -> Reply.json(200, "{\"status\":\"ok\"}"));
      case READYZ:
        return get(method, () -> pool.draining()
            ? Reply.json(503, "{\"status\":\"shutting down\"}") : readiness.current().reply());
      case METRICS:
        return get(method, () -> new Reply(200, PROMETHEUS_TEXT, Map.of(),
            metrics.get().getBytes(StandardCharsets.UTF_8)));
      case OTHER:
        return NOT_FOUND;
      default:
        break;
    }
    if (admission.draining()) {
      return Reply.unavailable("shutting down");
    }
    if (token.isPresent()
        && !token.get().admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return UNAUTHORIZED;
    }
    long deadline = admission.arrivedNanos() + timeoutNanos;
    if (System.nanoTime() - deadline >= 0) {
      return Reply.unavailable("overloaded: the request waited in the queue past its deadline");
    }
    if (endpoint == Endpoint.USER) {
      return get(method, () -> users.one(path.substring(USER_PREFIX.length()), deadline));
    }
    if (!method.equals("POST")) {
      return Reply.error(405, "use POST").with("Allow", "POST");
    }
    return users.many(exchange.getRequestBody(), deadline);
  }

  private static Reply get(String method, Supplier<Reply> answer) {
    return method.equals("GET") ? answer.get()
        : Reply.error(405, "use GET").with("Allow", "GET");
  }

  private static void send(HttpExchange exchange, Reply reply, boolean close)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    reply.headers().forEach(headers::set);
    if (close) {
      headers.set("Connection", "close");
    }
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Timer timer(Endpoint endpoint, int status) {
    return timers.computeIfAbsent(endpoint.tag() + status, key ->
        Timer.builder("userresolver.serve.requests")
            .description("HTTP requests answered by serve, from arrival to the answer")
            .tag("endpoint", endpoint.tag())
            .tag("status", Integer.toString(status))
            .register(registry));
  }
}
