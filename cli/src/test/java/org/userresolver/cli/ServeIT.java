package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.UserJson;

/** {@code user-resolver serve} as a process: loopback by default, SIGTERM, exit code 0. */
final class ServeIT {

  private static final int IN_FLIGHT = 6;

  @TempDir
  Path dir;

  @Test
  void sigterm_answersEveryRequestInFlight_thenExits0() throws Exception {
    Path markers = Files.createDirectory(dir.resolve("markers"));
    try (ServeProcess serve = ServeProcess.start(dir, Map.of("USER_RESOLVER_PROVIDER", "slow",
        "USER_RESOLVER_STORE", "none", "SLOW_PROVIDER_MILLIS", "2000",
        "SLOW_PROVIDER_DIR", markers.toString()))) {
      List<CompletableFuture<Served.Response>> requests = new ArrayList<>();
      for (int i = 0; i < IN_FLIGHT; i++) {
        String path = "/user/u" + i + "@example.com";
        requests.add(CompletableFuture.supplyAsync(
            () -> Served.call(serve.uri(path), "GET", null)));
      }
      awaitFiles(markers, IN_FLIGHT);

      long start = System.nanoTime();
      serve.process.destroy();

      for (int i = 0; i < IN_FLIGHT; i++) {
        Served.Response response = requests.get(i).get(30, TimeUnit.SECONDS);
        assertEquals(200, response.status(), response.body());
        assertEquals("Slow u" + i + "@example.com", UserJson.read(response.body()).fullName());
      }
      assertTrue(serve.process.waitFor(30, TimeUnit.SECONDS), "serve did not exit");
      assertEquals(0, serve.process.exitValue(), serve.stderr());
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 10_000);
      assertFalse(serve.stderr().contains("Exception"), serve.stderr());
    }
  }

  @Test
  void serve_listensOnLoopbackByDefault_andExits0AtOnce_onSigtermWhenIdle() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, Map.of(), "--settings",
        "examples/settings.properties")) {
      assertTrue(serve.announced.startsWith("user-resolver serve: listening on "
          + "http://127.0.0.1:"), serve.announced);
      assertEquals(200, Served.call(serve.uri("/user/ada@example.com"), "GET", null).status());
      assertEquals(200, Served.call(serve.uri("/readyz"), "GET", null).status());

      long start = System.nanoTime();
      int code = serve.terminate();

      assertEquals(0, code, serve.stderr());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis < 5_000, "stopping took " + millis + " ms");
      assertEquals("", serve.stderr());
    }
  }

  @Test
  void accessLog_atDebug_namesEachRequest_neverTheToken() throws Exception {
    String token = "l0g-t0ken";
    try (ServeProcess serve = ServeProcess.start(dir, Map.of(ServeConfig.TOKEN, token),
        List.of("-Dorg.slf4j.simpleLogger.log.org.userresolver.serve.access=debug"),
        "--settings", "examples/settings.properties")) {
      Served.call(serve.uri("/user/ada@example.com"), "GET", null, "Authorization",
          "Bearer " + token);
      Served.call(serve.uri("/user/ada@example.com"), "GET", null, "Authorization",
          "Bearer wrong-" + token);
      assertEquals(0, serve.terminate());

      List<String> lines = serve.stderr().lines().toList();
      assertEquals(2, lines.size(), serve.stderr());
      assertTrue(lines.get(0).matches(
          "DEBUG access - GET /user/ada@example\\.com 200 478 bytes \\d+ us"), lines.get(0));
      assertTrue(lines.get(1).matches(
          "DEBUG access - GET /user/ada@example\\.com 401 \\d+ bytes \\d+ us"), lines.get(1));
      assertFalse(serve.stderr().contains(token), serve.stderr());
    }
  }

  /** Waits, at most 30 s, until {@code count} files exist in {@code directory}. */
  private static void awaitFiles(Path directory, int count)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Stream<Path> files = Files.list(directory)) {
        if (files.count() >= count) {
          return;
        }
      }
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("the requests never reached the provider");
      }
      Thread.sleep(20); // polling the directory, not waiting for a guessed time
    }
  }
}
