package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserResolvers;

/** {@code GET /user/{id}}: profiles, fallbacks, percent-decoding and bad ids. */
final class ServeUserEndpointTest {

  private final Served served = Served.examples(Served.config());

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void getUser_answersTheProfile_exactlyAsResolvePrintsIt() {
    Cli.Result printed = Cli.run(Map.of("USER_RESOLVER_PROVIDER", "file",
        "USER_RESOLVER_FILE", Served.USERS.toString()), "resolve", "ada@example.com");

    Served.Response response = served.get("/user/ada@example.com");

    assertEquals(0, printed.code(), printed.err());
    assertEquals(200, response.status());
    assertEquals(printed.out(), response.body());
    assertEquals("application/json", response.header("Content-Type"));
    assertEquals("no-store", response.header("Cache-Control"));
    assertEquals("Ada Lovelace", UserJson.read(response.body()).fullName());
  }

  @Test
  void getUser_answersTheMinimalProfile_with200_forAnUnknownUser() {
    Served.Response response = served.get("/user/nobody@example.com");

    assertEquals(200, response.status());
    assertEquals(UserJson.write(User.minimal("nobody@example.com")) + "\n", response.body());
  }

  @Test
  void getUser_decodesThePercentEncodingOnce() {
    assertEquals("Ada Lovelace",
        UserJson.read(served.get("/user/ada%40example.com").body()).fullName());
    assertEquals(UserJson.write(User.minimal("ada%40example.com")) + "\n",
        served.get("/user/ada%2540example.com").body());
    assertEquals(UserJson.write(User.minimal("a+b/c@example.com")) + "\n",
        served.get("/user/a+b%2Fc@example.com").body());
  }

  @Test
  void getUser_answers400_namingWhatTheChainSaysIsWrong_forEveryInvalidId() {
    Map<String, String> invalid = Map.of("/user/", "", "/user/%20%09", " \t",
        "/user/bad%07id", "bad\u0007id", "/user/x%0Ay", "x\ny", "/user/" + "a".repeat(321),
        "a".repeat(321));
    invalid.forEach((path, id) -> {
      IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
          () -> UserResolvers.normalizeId(id, Settings.IdCase.LOWER));

      Served.Response response = served.get(path);

      assertEquals(400, response.status(), path);
      assertEquals("application/json", response.header("Content-Type"), path);
      assertEquals("{\"error\":\"invalid user id: " + problem.getMessage().replace("\\", "\\\\")
          + "\"}", response.body(), path);
    });
  }

  @Test
  void getUser_answers400_forEscapedBytesThatAreNotUtf8() {
    Served.Response response = served.get("/user/j%F6ran@example.com");

    assertEquals(400, response.status());
    assertEquals("{\"error\":\"invalid user id: percent-encoded bytes are not UTF-8\"}",
        response.body());
  }

  @Test
  void getUser_answers405_toOtherMethods() {
    Served.Response response = served.post("/user/ada@example.com", "");

    assertEquals(405, response.status());
    assertEquals("GET", response.header("Allow"));
  }

  @Test
  void unknownPaths_answer404_listingTheEndpoints() {
    for (String path : List.of("/", "/users", "/user", "/healthzz", "/users/resolve/x")) {
      Served.Response response = served.get(path);

      assertEquals(404, response.status(), path);
      assertEquals("{\"error\":\"no such endpoint; serve answers GET /user/{id}, POST "
          + "/users/resolve, GET /healthz, GET /readyz and GET /metrics\"}", response.body());
    }
  }
}
