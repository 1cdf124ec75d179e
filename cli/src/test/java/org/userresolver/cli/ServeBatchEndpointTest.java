package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserStore;

/** {@code POST /users/resolve}: one {@code resolveAll}, and every kind of bad body. */
final class ServeBatchEndpointTest {

  /** A store that knows ids starting with "known", and counts its lookups. */
  private static final class CountingStore implements UserStore {
    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger findAlls = new AtomicInteger();

    @Override
    public Optional<User> find(String userId) {
      finds.incrementAndGet();
      return Optional.empty();
    }

    @Override
    public Map<String, User> findAll(Collection<String> userIds) {
      findAlls.incrementAndGet();
      Map<String, User> users = new LinkedHashMap<>();
      userIds.stream().filter(id -> id.startsWith("known"))
          .forEach(id -> users.put(id, User.builder().email(id).fullName("Stored " + id).build()));
      return users;
    }

    @Override
    public WriteOutcome createOrUpdate(User user) {
      return WriteOutcome.CREATED;
    }
  }

  private final CountingStore store = new CountingStore();
  private final Served served = Served.of(id -> {
    throw new UserNotFoundException(id, "the test provider");
  }, store, Served.config());

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void postUsers_answersEachIdAsGiven_withItsProfile_fromOneStoreRoundTrip() throws Exception {
    Served.Response response = served.post("/users/resolve",
        "[\"known1@example.com\", \"Known2@Example.com\", \"nobody@example.com\"]");

    assertEquals(200, response.status(), response.body());
    JsonNode users = new ObjectMapper().readTree(response.body());
    assertEquals(List.of("known1@example.com", "Known2@Example.com", "nobody@example.com"),
        fieldNames(users));
    assertEquals("Stored known1@example.com",
        UserJson.read(users.get("known1@example.com").toString()).fullName());
    assertEquals("Stored known2@example.com",
        UserJson.read(users.get("Known2@Example.com").toString()).fullName());
    assertEquals(UserJson.write(User.minimal("nobody@example.com")),
        users.get("nobody@example.com").toString());
    assertEquals(1, store.findAlls.get());
    assertEquals(0, store.finds.get());
  }

  @Test
  void postUsers_answersAnEmptyObject_forAnEmptyArray() {
    Served.Response response = served.post("/users/resolve", "[]");

    assertEquals(200, response.status());
    assertEquals("{}", response.body());
  }

  @Test
  void postUsers_answers400_sayingWhatIsWrongWithTheBody_andResolvesNothing() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("", "the body is empty; it must be a JSON array of user ids");
    bodies.put("{\"ids\": []}", "the body must be a JSON array of user ids, found object");
    bodies.put("\"ada@example.com\"", "the body must be a JSON array of user ids, found string");
    bodies.put("[\"ok@example.com\", 42]", "entry 1 must be a string, found number");
    bodies.put("[\"ok@example.com\", null]", "entry 1 must be a string, found null");
    bodies.put("[\"ok@example.com\", \" \"]", "entry 1: user id must not be blank");
    bodies.put("[\"" + "x".repeat(321) + "\"]",
        "entry 0: user id is 321 characters long; at most 320 are allowed");
    bodies.put("[\"a@example.com\"] []", "the body must be a JSON array of user ids: "
        + "Trailing token (of type START_ARRAY) found after value (bound as `com.fasterxml."
        + "jackson.databind.JsonNode`): not allowed as per "
        + "`DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= UserEndpoints.MAX_IDS; i++) {
      tooMany.add("\"u" + i + "@example.com\"");
    }
    bodies.put("[" + String.join(",", tooMany) + "]", "at most 1000 ids per request, found 1001");
    bodies.forEach((body, problem) -> {
      Served.Response response = served.post("/users/resolve", body);

      assertEquals(400, response.status(), body);
      assertEquals("application/json", response.header("Content-Type"));
      assertEquals(problem, errorOf(response), body);
    });
    assertEquals(0, store.findAlls.get());
  }

  @Test
  void postUsers_answers400_forABodyThatIsNotJson() {
    Served.Response response = served.post("/users/resolve", "ada@example.com");

    assertEquals(400, response.status());
    assertEquals(true, errorOf(response).startsWith(
        "the body must be a JSON array of user ids: Unrecognized token 'ada'"), response.body());
  }

  @Test
  void postUsers_answers413_forABodyOverTheLimit() {
    String body = "[\"" + "x".repeat(UserEndpoints.MAX_BODY_BYTES) + "\"]";

    Served.Response response = served.post("/users/resolve", body);

    assertEquals(413, response.status());
    assertEquals("the body is over 1048576 bytes", errorOf(response));
  }

  @Test
  void postUsers_answers405_toGet() {
    Served.Response response = served.get("/users/resolve");

    assertEquals(405, response.status());
    assertEquals("POST", response.header("Allow"));
  }

  private static String errorOf(Served.Response response) {
    try {
      return new ObjectMapper().readTree(response.body()).path("error").asText();
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
