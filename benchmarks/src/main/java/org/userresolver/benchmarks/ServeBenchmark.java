package org.userresolver.benchmarks;

import static org.userresolver.benchmarks.Numbers.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code user-resolver serve} under load: cached {@code GET /user/{id}} from 64 keep-alive
 * connections on loopback, against {@link BareServer}, the same JDK HTTP server answering a
 * constant body of the same size (the limit of the HTTP stack on this machine). Each server
 * runs in a JVM of its own with the same options; the {@link LoadGenerator} runs in this one.
 * {@code serve} is the real command, {@code cli/target/user-resolver.jar}, with the examples'
 * settings (file provider, memory store); the id is resolved once before the load, so every
 * request of the load is a cache hit. The run ends with SIGTERM, and {@code serve}'s exit code
 * is recorded.
 */
final class ServeBenchmark {
  /** DESIGN.md's target: {@code serve} at least half the bare server's requests per second. */
  static final double TARGET = 0.5;
  static final int CONNECTIONS = 64;
  private static final String ID = "ada@example.com";
  private static final List<String> JVM = List.of("-Xms512m", "-Xmx512m");

  private ServeBenchmark() {}

  /**
   * Measures both servers.
   *
   * @param jar the shaded {@code user-resolver.jar}
   * @param repository the repository root, where {@code examples/} is
   * @param warmup load before recording
   * @param measure load recorded
   * @return the {@code serve} section of the report
   * @throws Exception when a server does not start or answer
   */
  static ObjectNode run(Path jar, Path repository, Duration warmup, Duration measure)
      throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with "
          + "./mvnw -B -pl cli -am package -DskipTests");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    String path = "/user/" + ID;
    List<String> serve = new ArrayList<>(List.of(java));
    serve.addAll(JVM);
    serve.addAll(List.of("-jar", jar.toString(), "serve", "--settings",
        "examples/settings.properties", "--port", "0"));
    ObjectNode section = JSON.createObjectNode()
        .put("target", TARGET)
        .put("connections", CONNECTIONS)
        .put("warmupSeconds", warmup.toSeconds())
        .put("measureSeconds", measure.toSeconds())
        .put("path", path)
        .put("method", "each server in its own JVM (" + String.join(" ", JVM) + ") on "
            + "loopback; " + CONNECTIONS + " keep-alive connections, one thread each, in the "
            + "report's JVM, each sending the next GET when the last response is read; latency "
            + "from send to the last byte of the body, percentiles from every request of the "
            + "measured time; errors are I/O failures, statuses other than 200 and bodies of "
            + "another size");
    long bodyBytes;
    LoadGenerator.Result chain;
    try (Server server = Server.start(serve, repository)) {
      bodyBytes = server.warm(path);
      chain = new LoadGenerator(server.address, path).run(CONNECTIONS, warmup, measure);
      section.put("exitCodeAfterSigterm", server.stop());
    }
    List<String> bare = new ArrayList<>(List.of(java));
    bare.addAll(JVM);
    bare.addAll(List.of("-cp", System.getProperty("java.class.path"),
        BareServer.class.getName(), Long.toString(bodyBytes)));
    LoadGenerator.Result limit;
    try (Server server = Server.start(bare, repository)) {
      server.warm(path);
      limit = new LoadGenerator(server.address, path).run(CONNECTIONS, warmup, measure);
    }
    double ratio = chain.requestsPerSecond() / limit.requestsPerSecond();
    section.set("chain", JSON.valueToTree(chain));
    section.set("bare", JSON.valueToTree(limit));
    return section.put("bodyBytes", bodyBytes).put("ratio", ratio)
        .put("met", ratio >= TARGET && chain.errors() == 0 && limit.errors() == 0);
  }

  /** A server process and the address it printed. */
  private static final class Server implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;

    private Server(Process process, InetSocketAddress address) {
      this.process = process;
      this.address = address;
    }

    static Server start(List<String> command, Path directory) throws IOException {
      Process process = new ProcessBuilder(command).directory(directory.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.contains("listening on http://")) {
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start: " + command);
      }
      URI uri = URI.create(line.substring(line.indexOf("http://")));
      return new Server(process, new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    /** Requests the path once (the chain's cache is filled) and returns the body's size. */
    long warm(String path) throws IOException, InterruptedException {
      var client = java.net.http.HttpClient.newHttpClient();
      var response = client.send(java.net.http.HttpRequest.newBuilder(
              URI.create("http://" + address.getHostString() + ":" + address.getPort() + path))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return response.body().length;
    }

    /** Sends SIGTERM and returns the exit code. */
    int stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
