package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve}'s usage errors and start failures, which end it before it serves. */
final class ServeCommandTest {

  private static final Map<String, String> ENV = Map.of("USER_RESOLVER_PROVIDER", "file",
      "USER_RESOLVER_FILE", Served.USERS.toString());

  @Test
  void badOptionValues_exit2_namingTheOption() {
    Map<List<String>, String> cases = Map.of(
        List.of("--port", "65536"), "--port must be between 0 and 65535, found 65536",
        List.of("--port", "-1"), "--port must be between 0 and 65535, found -1",
        List.of("--workers", "0"), "--workers must be at least 1, found 0",
        List.of("--queue", "-1"), "--queue must not be negative, found -1");
    cases.forEach((args, message) -> {
      List<String> command = new java.util.ArrayList<>(List.of("serve"));
      command.addAll(args);

      Cli.Result result = Cli.run(ENV, command.toArray(String[]::new));

      assertEquals(2, result.code(), args.toString());
      assertEquals("user-resolver: " + message, result.errLines().get(0));
      assertEquals("", result.out());
    });
  }

  @Test
  void aTakenPort_exits1_sayingWhy() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result result = Cli.run(ENV, "serve", "--port",
          Integer.toString(taken.getLocalPort()));

      assertEquals(1, result.code());
      assertEquals(List.of("user-resolver: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + ": Address already in use"), result.errLines());
      assertEquals("", result.out());
    }
  }

  @Test
  void invalidSettings_exit1_beforeListening() {
    Cli.Result result = Cli.run(Map.of("USER_RESOLVER_PROVIDER", "file"), "serve", "--port",
        "0");

    assertEquals(1, result.code());
    assertEquals("user-resolver: Invalid settings for the file provider:",
        result.errLines().get(0));
    assertEquals("", result.out());
  }
}
