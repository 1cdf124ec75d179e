package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.User;
import org.userresolver.UserJson;

/**
 * {@code examples/amundsen/user_resolver_hook.py}, run with {@code python3} (standard library
 * only) against a running {@code serve}, and against a service that is down, refuses the token,
 * fails, or hangs.
 */
final class HookIT {

  private static final Path HOOK = ServeProcess.REPO.resolve(
      "examples/amundsen/user_resolver_hook.py");
  private static final String TOKEN = "h00k-t0ken";
  private static final String CALL = String.join("\n",
      "import importlib.util, json, sys",
      "spec = importlib.util.spec_from_file_location('user_resolver_hook', sys.argv[1])",
      "hook = importlib.util.module_from_spec(spec)",
      "spec.loader.exec_module(hook)",
      "print(json.dumps(hook.get_user_details(sys.argv[2])))");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private static ServeProcess serve;

  @BeforeAll
  static void startServe() {
    assumeTrue(python3Runs(), "python3 is not installed");
    serve = ServeProcess.start(dir, Map.of(ServeConfig.TOKEN, TOKEN), "--settings",
        "examples/settings.properties");
  }

  @AfterAll
  static void stopServe() throws InterruptedException {
    if (serve != null) {
      serve.close();
    }
  }

  private static boolean python3Runs() {
    try {
      Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
          .start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code get_user_details(id)} in python3 and returns what it returned, as JSON. */
  private static JsonNode hook(Map<String, String> env, String id) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("python3", "-c", CALL, HOOK.toString(), id)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("USER_RESOLVER_")
        || name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
    builder.environment().putAll(env);
    builder.environment().put("HTTP_PROXY", "http://127.0.0.1:9"); // must be ignored
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, process.exitValue(), out);
    return JSON.readTree(out);
  }

  private static JsonNode minimal(String id) {
    return JSON.valueToTree(Map.of("email", id, "user_id", id));
  }

  @Test
  void hook_returnsTheProfileServeAnswers_sendingTheToken() throws Exception {
    JsonNode profile = hook(Map.of("USER_RESOLVER_URL", serve.base.toString(),
        ServeConfig.TOKEN, TOKEN), "ada@example.com");
    String served = Served.call(serve.uri("/user/ada%40example.com"), "GET", null,
        "Authorization", "Bearer " + TOKEN).body();

    assertEquals(JSON.readTree(served), profile);
    assertEquals("Ada Lovelace", UserJson.read(profile.toString()).fullName());
  }

  @Test
  void hook_returnsServesFallback_forAnUnknownUser() throws Exception {
    JsonNode profile = hook(Map.of("USER_RESOLVER_URL", serve.base.toString(),
        ServeConfig.TOKEN, TOKEN), "nobody@example.com");

    assertEquals(JSON.readTree(UserJson.write(User.minimal("nobody@example.com"))), profile);
  }

  @Test
  void hook_returnsTheMinimalDict_whenServeRefusesTheToken() throws Exception {
    for (Map<String, String> env : List.of(Map.of("USER_RESOLVER_URL", serve.base.toString()),
        Map.of("USER_RESOLVER_URL", serve.base.toString(), ServeConfig.TOKEN, "wrong"))) {
      assertEquals(minimal("ada@example.com"), hook(env, "ada@example.com"), env.toString());
    }
  }

  @Test
  void hook_returnsTheMinimalDict_whenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    JsonNode answer = hook(Map.of("USER_RESOLVER_URL", "http://127.0.0.1:" + port),
        "ada@example.com");

    assertEquals(minimal("ada@example.com"), answer);
  }

  @Test
  void hook_returnsTheMinimalDict_onA500_afterSendingTheTokenAndTheEncodedId()
      throws Exception {
    AtomicReference<String> authorization = new AtomicReference<>();
    AtomicReference<String> path = new AtomicReference<>();
    HttpServer failing = stub(exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      path.set(exchange.getRequestURI().getRawPath());
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    try {
      JsonNode answer = hook(Map.of("USER_RESOLVER_URL", url(failing), ServeConfig.TOKEN,
          TOKEN), "jöran+x/y@example.com");

      assertEquals(minimal("jöran+x/y@example.com"), answer);
      assertEquals("Bearer " + TOKEN, authorization.get());
      assertEquals("/user/j%C3%B6ran%2Bx%2Fy%40example.com", path.get());
    } finally {
      failing.stop(0);
    }
  }

  @Test
  void hook_returnsTheMinimalDict_whenTheServiceDoesNotAnswerWithinItsTimeout()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer hanging = stub(exchange -> {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    try {
      long start = System.nanoTime();
      JsonNode answer = hook(Map.of("USER_RESOLVER_URL", url(hanging),
          "USER_RESOLVER_HOOK_TIMEOUT", "0.5"), "ada@example.com");

      assertEquals(minimal("ada@example.com"), answer);
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 30);
    } finally {
      release.countDown();
      hanging.stop(0);
    }
  }

  @Test
  void hook_usesStandardLibraryModulesOnly() throws IOException {
    List<String> imports = Files.readAllLines(HOOK).stream()
        .filter(line -> line.startsWith("import ") || line.startsWith("from "))
        .toList();

    assertEquals(List.of("import json", "import logging", "import os", "import urllib.error",
        "import urllib.parse", "import urllib.request"), imports);
  }

  private static HttpServer stub(com.sun.net.httpserver.HttpHandler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", handler);
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hook-stub");
        thread.setDaemon(true);
        return thread;
      }));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
