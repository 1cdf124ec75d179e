package org.userresolver.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.ResolutionException;

/**
 * The HTTP/JSON client every provider and store shares: {@code java.net.http} with connect and
 * request timeouts, a cap on response size, the library's {@code User-Agent}, HTTPS only
 * (plain HTTP to loopback hosts, for tests), no redirects followed, and one mapping of
 * responses to errors.
 *
 * <p>The mapping ({@link #send}, {@link #check}): 2xx is the answer, its body checked to be
 * JSON; 404 is "not found" (empty); 408, 429, 5xx, a configured rate-limit error code, I/O
 * errors and timeouts are transient {@link ResolutionException}s carrying any
 * {@code Retry-After} or {@code X-Rate-Limit-Reset} delay; every other status is a permanent
 * one. Messages name the method, the endpoint (without its query), the status and the
 * provider's error code and summary, and never a header value or a request body, so
 * credentials stay out of them: a header value the JDK would refuse is a permanent failure
 * naming the header, not its value.
 *
 * <p>One {@link #send} is one request on the wire: the JDK's silent second attempt of a
 * {@code GET} whose connection failed before any answer is suppressed, so only the caller's
 * retry policy decides about sending again (a refused connection, which sends nothing, is
 * still retried once by the JDK).
 *
 * <p>Thread-safe; one instance per provider is enough. It holds no resources that need closing.
 */
public final class HttpJsonClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpJsonClient.class);
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private final HttpClientConfig config;
  private final Clock clock;
  private final HttpClient client;

  private HttpJsonClient(HttpClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Returns a client with this configuration and the system clock.
   *
   * @param config timeouts, size cap and the rest
   * @return the client
   */
  public static HttpJsonClient create(HttpClientConfig config) {
    return new HttpJsonClient(config, Clock.systemUTC());
  }

  /**
   * Returns a client with this configuration and clock; the clock turns {@code Retry-After}
   * dates and rate-limit reset times into delays, and is shared by the token client and
   * discovery loader built on this client.
   *
   * @param config timeouts, size cap and the rest
   * @param clock the clock
   * @return the client
   */
  public static HttpJsonClient create(HttpClientConfig config, Clock clock) {
    return new HttpJsonClient(config, clock);
  }

  /** This client's configuration. */
  HttpClientConfig config() {
    return config;
  }

  /** This client's clock, shared by the token clients and discovery loaders built on it. */
  Clock clock() {
    return clock;
  }

  /**
   * Sends a request and maps the response: the answer for 2xx, empty for 404, an exception
   * for everything else (see the class description).
   *
   * @param request the request
   * @return the response for 2xx, its body valid JSON; empty for 404
   * @throws ResolutionException transient for 408, 429, 5xx, rate-limit codes, I/O errors and
   *     timeouts; permanent for other statuses, malformed JSON, an oversized body, a plain
   *     HTTP URL to a host that is not loopback, or a header value HTTP cannot carry (named by
   *     the header, never by the value)
   */
  public Optional<JsonResponse> send(JsonRequest request) {
    return check(exchange(request));
  }

  /**
   * Sends a request and returns the response whatever its status, for a caller that handles
   * some statuses itself before {@link #check}ing the rest.
   *
   * @param request the request
   * @return the response
   * @throws ResolutionException transient for I/O errors and timeouts; permanent for an
   *     oversized body, a plain HTTP URL to a host that is not loopback, or a header value
   *     HTTP cannot carry
   */
  public JsonResponse exchange(JsonRequest request) {
    URI uri = request.uri();
    String what = request.describe();
    requireAllowed(uri, what);
    HttpRequest httpRequest = toHttpRequest(request, what);

    long start = System.nanoTime();
    long max = config.maxResponseBytes();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(httpRequest,
        info -> new CappedBodySubscriber(max,
            info.headers().firstValueAsLong("Content-Length").orElse(-1)));
    HttpResponse<byte[]> response;
    try {
      response = future.get(config.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw ResolutionException.transientFailure(
          "no answer to " + what + " within " + config.requestTimeout(), e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw ResolutionException.permanentFailure("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      throw failure(what, e.getCause());
    }
    int status = response.statusCode();
    LOG.debug("{} answered HTTP {} in {} ms", what, status,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    boolean success = status >= 200 && status < 300;
    Duration retryAfter = success ? null
        : RetryAfter.of(status, response.headers(), clock.instant());
    return new JsonResponse(request.method(), uri, status, response.headers(), response.body(),
        retryAfter);
  }

  /**
   * Applies the error mapping to a response from {@link #exchange}.
   *
   * @param response the response
   * @return the response for 2xx, its body valid JSON; empty for 404
   * @throws ResolutionException as {@link #send} does
   */
  public Optional<JsonResponse> check(JsonResponse response) {
    int status = response.status();
    if (response.isSuccess()) {
      response.json();
      return Optional.of(response);
    }
    if (status == 404) {
      return Optional.empty();
    }
    String message = response.describeRequest() + " answered HTTP " + status
        + response.errorDetail().map(detail -> " (" + detail + ")").orElse("");
    if (status == 408 || status == 429 || status >= 500 || isRateLimited(response)) {
      Duration retryAfter = response.retryAfter().orElse(null);
      throw ResolutionException.transientFailure(
          retryAfter == null ? message : message + "; retry after " + retryAfter, retryAfter);
    }
    throw ResolutionException.permanentFailure(message, null);
  }

  /** Whether a response carries one of the configured rate-limit error codes. */
  boolean isRateLimited(JsonResponse response) {
    return response.errorCode().map(config.rateLimitErrorCodes()::contains).orElse(false);
  }

  /**
   * Tells whether a URL may carry credentials: {@code https}, or {@code http} to a loopback
   * host ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}). Names are not resolved.
   */
  static boolean isSecureOrLoopback(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") || (scheme.equals("http") && isLoopback(uri));
  }

  /** Shows the configuration; holds no secret. */
  @Override
  public String toString() {
    return "HttpJsonClient[connectTimeout=" + config.connectTimeout() + ", requestTimeout="
        + config.requestTimeout() + ", maxResponseBytes=" + config.maxResponseBytes() + "]";
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("localhost") || IPV4_LOOPBACK.matcher(host).matches()
        || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]");
  }

  /**
   * The JDK request: our headers checked first, so that a bad value is reported by the header's
   * name (the JDK's own message quotes the value, credential and all), and a body the JDK can
   * send only once.
   */
  private HttpRequest toHttpRequest(JsonRequest request, String what) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
        .timeout(config.requestTimeout())
        .header("User-Agent", config.userAgent())
        .header("Accept", "application/json");
    if ("http".equalsIgnoreCase(request.uri().getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    request.contentType().ifPresent(type -> header(builder, "Content-Type", type, what));
    request.headers().forEach((name, value) -> header(builder, name, value, what));
    builder.method(request.method(), new OneSendBodyPublisher(request.body()
        .map(HttpRequest.BodyPublishers::ofString)
        .orElse(HttpRequest.BodyPublishers.noBody())));
    return builder.build();
  }

  private static void header(HttpRequest.Builder builder, String name, String value,
      String what) {
    Optional<String> problem = HeaderValues.problem(value);
    if (problem.isPresent()) {
      throw ResolutionException.permanentFailure(
          "cannot send " + what + ": its " + name + " header " + problem.get(), null);
    }
    try {
      builder.header(name, value);
    } catch (IllegalArgumentException e) {
      // the JDK's message holds the value; never pass it on, not even as the cause
      throw ResolutionException.permanentFailure(
          "cannot send " + what + ": the JDK refused its " + name + " header", null);
    }
  }

  private void requireAllowed(URI uri, String what) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + what);
    }
    if (scheme.equals("http") && !config.allowPlainHttp() && !isLoopback(uri)) {
      throw ResolutionException.permanentFailure("refusing to send " + what
          + " over plain HTTP: use https (plain http is allowed to loopback hosts only)", null);
    }
  }

  private ResolutionException failure(String what, Throwable cause) {
    if (cause instanceof CappedBodySubscriber.TooLargeException) {
      return ResolutionException.permanentFailure("the answer to " + what + " is larger than "
          + config.maxResponseBytes() + " bytes (" + HttpClientConfig.MAX_RESPONSE_BYTES + ")",
          null);
    }
    if (OneSendBodyPublisher.isResendRefused(cause)) {
      return ResolutionException.transientFailure(what + " failed: the connection was closed "
          + "or reset before any answer came back");
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return ResolutionException.transientFailure("could not connect for " + what + " within "
          + config.connectTimeout(), cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return ResolutionException.transientFailure(
          "no answer to " + what + " within " + config.requestTimeout(), cause);
    }
    if (cause instanceof IOException) {
      return ResolutionException.transientFailure(what + " failed: "
          + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
    return ResolutionException.permanentFailure(what + " failed: "
        + cause.getClass().getSimpleName(), cause);
  }
}
