package org.userresolver.cli;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.userresolver.Settings;
import org.userresolver.UserResolver;

/**
 * {@code serve}'s HTTP service: the JDK's built-in server ({@code com.sun.net.httpserver}) in
 * front of a resolution chain, with a bounded {@link RequestPool}, the {@link Router}, and a
 * shutdown that answers the requests in flight before it closes the connections.
 *
 * <p>Two JDK server properties are set unless given on the command line: {@code
 * sun.net.httpserver.nodelay=true} (without it a keep-alive response waits on Nagle's
 * algorithm: tens of milliseconds per request), and {@code sun.net.httpserver.maxReqTime}
 * (seconds a request may take to arrive; a client that sends headers slowly would otherwise
 * hold a worker forever). They take effect for the first server a JVM creates.
 */
final class UserService implements AutoCloseable {
  private static final int BACKLOG = 1024;
  private static final String MAX_REQUEST_SECONDS = "10";

  private final HttpServer server;
  private final RequestPool pool;
  private final ThreadPoolExecutor batches;

  private UserService(HttpServer server, RequestPool pool, ThreadPoolExecutor batches) {
    this.server = server;
    this.pool = pool;
    this.batches = batches;
  }

  /**
   * Binds and starts the service.
   *
   * @param chain the resolution chain; the caller closes it after {@link #stop}
   * @param idCase how the chain normalises ids
   * @param registry where the request timer goes; it should hold the chain's meters too
   * @param metrics the Prometheus text of the meters, for {@code /metrics}
   * @param config where to listen and how
   * @return the running service
   * @throws IOException when the address cannot be bound
   */
  static UserService start(UserResolver chain, Settings.IdCase idCase, MeterRegistry registry,
      Supplier<String> metrics, ServeConfig config) throws IOException {
    defaultProperty("sun.net.httpserver.nodelay", "true");
    defaultProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    RequestPool pool = new RequestPool(config.workers(), config.queue());
    ThreadPoolExecutor batches = new ThreadPoolExecutor(0, config.workers(), 30,
        TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "user-resolver-batch");
          thread.setDaemon(true);
          return thread;
        });
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), BACKLOG);
    } catch (IOException | RuntimeException e) {
      pool.shutdown();
      batches.shutdownNow();
      throw e;
    }
    server.setExecutor(pool);
    Readiness readiness = new Readiness(chain::checks, config.readinessTtl(), System::nanoTime);
    server.createContext("/", new Router(new UserEndpoints(chain, idCase, batches), readiness,
        metrics, config, pool, registry));
    server.start();
    return new UserService(server, pool, batches);
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /**
   * Returns the address the service listens on (with the port chosen, when 0 was asked for).
   *
   * @return the address
   */
  InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Stops gracefully: requests arriving from now on are answered 503 with
   * {@code Connection: close}, those in flight are answered, then every connection is closed.
   *
   * @param grace the longest wait for the requests in flight
   * @return how many requests were still unanswered when the wait ended (0 normally)
   * @throws InterruptedException when interrupted while waiting
   */
  int stop(Duration grace) throws InterruptedException {
    try {
      pool.drain(grace);
      return pool.inFlight();
    } finally {
      close();
    }
  }

  /** Returns the requests that arrived and are not yet answered. */
  int inFlight() {
    return pool.inFlight();
  }

  /** Closes every connection and stops the threads at once, without waiting. Idempotent. */
  @Override
  public void close() {
    // stop(0) closes at once; any other delay waits all of it, even when idle (JDK-8304065).
    server.stop(0);
    pool.shutdown();
    batches.shutdownNow();
  }
}
