package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code USER_RESOLVER_SERVE_TOKEN}: {@code /user} and {@code /users} need it; probes do not. */
final class ServeTokenTest {

  private static final String TOKEN = "s3cr3t-t0ken";
  private static final String UNAUTHORIZED = "{\"error\":\"missing or wrong bearer token: send "
      + "Authorization: Bearer <USER_RESOLVER_SERVE_TOKEN>\"}";

  private final Served served = Served.examples(Served.config(8, 16, Duration.ofSeconds(5),
      TOKEN));

  @AfterEach
  void stop() {
    served.close();
  }

  private void assertUnauthorized(Served.Response response) {
    assertEquals(401, response.status());
    assertEquals(UNAUTHORIZED, response.body());
    assertEquals("Bearer realm=\"user-resolver\"", response.header("WWW-Authenticate"));
  }

  @Test
  void userAndUsers_answer401_withoutAToken() {
    assertUnauthorized(served.get("/user/ada@example.com"));
    assertUnauthorized(served.post("/users/resolve", "[\"ada@example.com\"]"));
  }

  @Test
  void userAndUsers_answer401_withAWrongToken_orAnotherScheme() {
    for (String authorization : List.of("Bearer wrong", "Bearer " + TOKEN + "x",
        "Bearer " + TOKEN.substring(1), "Basic " + TOKEN, TOKEN, "Bearer ", "Bearer")) {
      assertUnauthorized(served.get("/user/ada@example.com", "Authorization", authorization));
      assertUnauthorized(served.post("/users/resolve", "[]", "Authorization", authorization));
    }
  }

  @Test
  void userAndUsers_answer_withTheRightToken_inAnySchemeCase() {
    for (String scheme : List.of("Bearer ", "bearer ", "BEARER ")) {
      Served.Response user = served.get("/user/ada@example.com", "Authorization",
          scheme + TOKEN);
      Served.Response users = served.post("/users/resolve", "[\"ada@example.com\"]",
          "Authorization", scheme + TOKEN);

      assertEquals(200, user.status(), user.body());
      assertEquals(200, users.status(), users.body());
    }
  }

  @Test
  void probesAndMetrics_needNoToken() {
    for (String path : List.of("/healthz", "/readyz", "/metrics")) {
      assertEquals(200, served.get(path).status(), path);
    }
  }

  @Test
  void theToken_isInNoAnswer_andNoConfigurationText() {
    served.get("/user/ada@example.com", "Authorization", "Bearer " + TOKEN);
    served.get("/user/ada@example.com", "Authorization", "Bearer wrong");
    for (String path : List.of("/healthz", "/readyz", "/metrics", "/user/x", "/nope")) {
      assertFalse(served.get(path).body().contains(TOKEN), path);
    }
    assertFalse(Served.config(1, 0, Duration.ofSeconds(1), TOKEN).toString().contains(TOKEN));
    assertEquals("BearerToken[****]", BearerToken.of(TOKEN).toString());
  }
}
