package org.userresolver.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The error code and summary picked out of an error body, whatever the provider's shape:
 * Okta ({@code errorCode}, {@code errorSummary}), OAuth 2.0 ({@code error},
 * {@code error_description}), Google ({@code error.errors[0].reason} or {@code error.status},
 * {@code error.message}), Atlas ({@code errorCode}, {@code errorMessage}), Keycloak
 * ({@code error}, {@code errorMessage}).
 */
record ErrorBody(Optional<String> code, Optional<String> summary) {
  static final int MAX_SUMMARY = 200;
  private static final ErrorBody NONE = new ErrorBody(Optional.empty(), Optional.empty());

  static ErrorBody of(byte[] body) {
    if (body.length == 0) {
      return NONE;
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return NONE;
    }
    if (tree == null || !tree.isObject()) {
      return NONE;
    }
    JsonNode error = tree.path("error");
    Optional<String> code = first(
        tree.path("errorCode"),
        error.isTextual() ? error : error.path("errors").path(0).path("reason"),
        error.path("status"));
    Optional<String> summary = first(
        tree.path("errorSummary"),
        tree.path("error_description"),
        tree.path("errorMessage"),
        error.path("message"),
        tree.path("message"));
    return new ErrorBody(code.map(ErrorBody::clean), summary.map(ErrorBody::clean));
  }

  /** Removes control characters and cuts to {@value #MAX_SUMMARY} characters. */
  static String clean(String text) {
    StringBuilder cleaned = new StringBuilder(Math.min(text.length(), MAX_SUMMARY + 1));
    for (int i = 0; i < text.length() && cleaned.length() < MAX_SUMMARY; i++) {
      char c = text.charAt(i);
      cleaned.append(Character.isISOControl(c) ? ' ' : c);
    }
    String result = cleaned.toString().strip();
    return text.length() > MAX_SUMMARY ? result + "..." : result;
  }

  private static Optional<String> first(JsonNode... candidates) {
    for (JsonNode candidate : candidates) {
      if (candidate.isTextual() && !candidate.asText().isBlank()) {
        return Optional.of(candidate.asText());
      }
    }
    return Optional.empty();
  }
}
