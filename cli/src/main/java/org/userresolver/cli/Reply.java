package org.userresolver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of {@code serve}: status, content type, extra headers and body. Errors are JSON
 * objects {@code {"error": "..."}} that say what was wrong; none carries a secret.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param headers extra response headers
 * @param body the body
 */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

  /** The content type of every JSON answer. */
  static final String JSON = "application/json";
  /** How long a client should wait after a 503, in seconds. */
  static final String RETRY_AFTER_SECONDS = "1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A JSON answer. */
  static Reply json(int status, String json) {
    return new Reply(status, JSON, Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON answer holding a value Jackson writes (maps, lists, strings, booleans). */
  static Reply json(int status, Object value) {
    try {
      return json(status, MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON", e);
    }
  }

  /** An error: {@code {"error": message}}. */
  static Reply error(int status, String message) {
    return json(status, Map.of("error", message));
  }

  /** A 503 that tells the client when to try again. */
  static Reply unavailable(String message) {
    return error(503, message).with("Retry-After", RETRY_AFTER_SECONDS);
  }

  /** This answer with one more header. */
  Reply with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, contentType, Map.copyOf(more), body);
  }
}
