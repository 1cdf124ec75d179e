package org.userresolver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * {@code GET /user/{id}} and {@code POST /users/resolve}: ids in, {@code UserSchema} JSON out,
 * through the resolution chain, each answer within the request's deadline. Thread-safe.
 */
final class UserEndpoints {

  /** The most ids one {@code POST /users/resolve} may ask for. */
  static final int MAX_IDS = 1000;
  /** The largest body {@code POST /users/resolve} reads. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final UserResolver chain;
  private final Settings.IdCase idCase;
  private final Executor batches;

  /**
   * Creates the endpoints.
   *
   * @param chain the resolution chain
   * @param idCase how the chain normalises ids, to check them as it does
   * @param batches runs {@code resolveAll}, so that its caller can stop waiting at the deadline
   */
  UserEndpoints(UserResolver chain, Settings.IdCase idCase, Executor batches) {
    this.chain = chain;
    this.idCase = idCase;
    this.batches = batches;
  }

  /**
   * Answers {@code GET /user/{id}}: the profile exactly as {@code user-resolver resolve}
   * prints it (the fallback included), or 400 for a bad id. When the deadline passes first the
   * answer is the fallback, as the chain itself answers at its deadline.
   *
   * @param rawId the id as on the request line, percent-encoded
   * @param deadline the {@link System#nanoTime()} by which to answer
   * @return the answer
   */
  Reply one(String rawId, long deadline) {
    String id;
    CompletableFuture<User> user;
    try {
      id = UserResolvers.normalizeId(PercentDecoding.decode(rawId), idCase);
      user = chain.resolveAsync(id);
    } catch (IllegalArgumentException e) {
      return Reply.error(400, "invalid user id: " + e.getMessage());
    }
    User answer;
    try {
      answer = await(user, deadline);
    } catch (TimeoutException e) {
      answer = User.minimal(id);
    }
    return Reply.json(200, UserJson.write(answer) + "\n").with("Cache-Control", "no-store");
  }

  /**
   * Answers {@code POST /users/resolve}: a JSON object from each id to its profile, resolved
   * with one {@code resolveAll} (every id the fallback when the deadline passes first); 400 for
   * a body that is not a JSON array of valid ids, 413 for one over {@value #MAX_BODY_BYTES}
   * bytes.
   *
   * @param body the request body
   * @param deadline the {@link System#nanoTime()} by which to answer
   * @return the answer
   * @throws IOException when the body cannot be read
   */
  Reply many(InputStream body, long deadline) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      return Reply.error(413, "the body is over " + MAX_BODY_BYTES + " bytes");
    }
    List<String> ids = new ArrayList<>();
    String problem = readIds(bytes, ids);
    if (problem != null) {
      return Reply.error(400, problem);
    }
    CompletableFuture<Map<String, User>> users;
    try {
      users = CompletableFuture.supplyAsync(() -> chain.resolveAll(ids), batches);
    } catch (RejectedExecutionException e) {
      return Reply.unavailable("overloaded: too many batches in progress");
    }
    Map<String, Map<String, Object>> json = new LinkedHashMap<>();
    try {
      await(users, deadline).forEach((id, user) -> json.put(id, UserJson.toMap(user)));
    } catch (TimeoutException e) {
      ids.forEach(id -> json.put(id,
          UserJson.toMap(User.minimal(UserResolvers.normalizeId(id, idCase)))));
    }
    return Reply.json(200, json).with("Cache-Control", "no-store");
  }

  /** Reads the ids of a body into {@code ids}; returns what is wrong, or null. */
  private String readIds(byte[] body, List<String> ids) {
    JsonNode array;
    try {
      array = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return "the body must be a JSON array of user ids: " + e.getOriginalMessage();
    } catch (IOException e) {
      return "the body must be a JSON array of user ids: " + e.getMessage();
    }
    if (array == null || array.isMissingNode()) {
      return "the body is empty; it must be a JSON array of user ids";
    }
    if (!array.isArray()) {
      return "the body must be a JSON array of user ids, found " + type(array);
    }
    if (array.size() > MAX_IDS) {
      return "at most " + MAX_IDS + " ids per request, found " + array.size();
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode id = array.get(i);
      if (!id.isTextual()) {
        return "entry " + i + " must be a string, found " + type(id);
      }
      try {
        UserResolvers.normalizeId(id.textValue(), idCase);
      } catch (IllegalArgumentException e) {
        return "entry " + i + ": " + e.getMessage();
      }
      ids.add(id.textValue());
    }
    return null;
  }

  private static String type(JsonNode node) {
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private static <T> T await(CompletableFuture<T> answer, long deadline)
      throws TimeoutException {
    if (answer.isDone()) {
      return answer.join();
    }
    try {
      return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the resolution chain failed", e.getCause());
    }
  }
}
