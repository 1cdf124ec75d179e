package org.userresolver.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The limit of the HTTP stack {@code serve} runs on: the same JDK server
 * ({@code com.sun.net.httpserver}, {@code sun.net.httpserver.nodelay=true}) with the same
 * pool (64 workers, 256 queued), answering every request with a constant JSON body of a given
 * size and no work at all. Run as its own JVM, like {@code serve}:
 * {@code java -cp benchmarks.jar org.userresolver.benchmarks.BareServer BODY_BYTES}; prints
 * {@code listening on http://127.0.0.1:PORT} and serves until killed.
 */
public final class BareServer {

  private BareServer() {}

  /**
   * Serves the constant body until the process is killed.
   *
   * @param args the body's size in bytes
   * @throws IOException when the server cannot bind
   * @throws InterruptedException never, in practice
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] body = new byte[Integer.parseInt(args[0])];
    Arrays.fill(body, (byte) 'x');
    body[0] = '"';
    body[body.length - 1] = '"';
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(new ThreadPoolExecutor(64, 64, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(256)));
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
