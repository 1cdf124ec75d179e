package org.userresolver.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.userresolver.ResolutionException;

/**
 * One HTTP response read by an {@link HttpJsonClient}: its status, headers and body (at most the
 * configured size), with the body parsed as JSON on demand and the provider's error code and
 * summary picked out of error bodies (Okta's {@code errorCode}/{@code errorSummary}, OAuth's
 * {@code error}/{@code error_description}, Google's {@code error.errors[].reason}/
 * {@code error.message}, Atlas's {@code errorCode}/{@code errorMessage}).
 *
 * <p>Thread-safe. {@link #toString()} shows the status and endpoint, never the body.
 */
public final class JsonResponse {
  private final String method;
  private final URI uri;
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final Duration retryAfter;
  private volatile JsonNode json;
  private volatile ErrorBody error;

  JsonResponse(String method, URI uri, int status, HttpHeaders headers, byte[] body,
      Duration retryAfter) {
    this.method = method;
    this.uri = uri;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  /**
   * Returns the HTTP status code.
   *
   * @return the status, for example {@code 200}
   */
  public int status() {
    return status;
  }

  /**
   * Tells whether the status is 2xx.
   *
   * @return {@code true} for a success
   */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /**
   * Returns the URL that was requested.
   *
   * @return the URL
   */
  public URI uri() {
    return uri;
  }

  /**
   * Returns the first value of a response header.
   *
   * @param name the header name, any case
   * @return the value, or empty
   */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /**
   * Returns every value of a response header, in order: a header sent several times (Okta's
   * {@code Link}) has several.
   *
   * @param name the header name, any case
   * @return the values; empty when the header is absent
   */
  public List<String> headerValues(String name) {
    return headers.allValues(name);
  }

  /**
   * Returns the body parsed as JSON; an empty body is a {@link MissingNode}.
   *
   * @return the JSON tree
   * @throws ResolutionException a permanent failure naming the endpoint and the position of the
   *     error when the body is not JSON; the message never quotes the body
   */
  public JsonNode json() {
    JsonNode parsed = json;
    if (parsed == null) {
      parsed = parse();
      json = parsed;
    }
    return parsed;
  }

  /**
   * Returns the provider's error code from an error body, such as {@code E0000011} or
   * {@code invalid_client}.
   *
   * @return the code, or empty when the body has none or is not JSON
   */
  public Optional<String> errorCode() {
    return error().code();
  }

  /**
   * Returns the provider's short error description from an error body, at most 200
   * characters, control characters removed.
   *
   * @return the summary, or empty when the body has none or is not JSON
   */
  public Optional<String> errorSummary() {
    return error().summary();
  }

  /**
   * Returns how long the server asked to wait before trying again: {@code Retry-After}
   * (seconds or an HTTP date), else {@code X-Rate-Limit-Reset} (epoch seconds) on a 429, 5xx or
   * rate-limit response.
   *
   * @return the delay, or empty
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Returns the method and the URL without its query, for messages.
   *
   * @return for example {@code GET https://acme.okta.com/api/v1/users/x}
   */
  public String describeRequest() {
    return method + " " + JsonRequest.withoutQuery(uri);
  }

  /**
   * Returns the status with the provider's error code and summary, for messages:
   * {@code HTTP 403 E0000006: You do not have permission}, {@code HTTP 401 invalid_client},
   * {@code HTTP 503}. A code or summary that only restates the status (Keycloak's
   * {@code "HTTP 401 Unauthorized"}) is left out.
   *
   * @return the description; never the body
   */
  public String describeStatus() {
    return "HTTP " + status + errorDetail().map(detail -> " " + detail).orElse("");
  }

  /** "code: summary", the code or the summary alone, leaving out restatements of the status. */
  Optional<String> errorDetail() {
    Optional<String> code = errorCode().filter(JsonResponse::saysMore);
    Optional<String> summary = errorSummary().filter(JsonResponse::saysMore);
    if (code.isPresent() && summary.isPresent()) {
      return Optional.of(code.get() + ": " + summary.get());
    }
    return code.or(() -> summary);
  }

  /** Shows the status and the endpoint; never the body. */
  @Override
  public String toString() {
    return "JsonResponse[HTTP " + status + " from " + describeRequest() + "]";
  }

  private static boolean saysMore(String text) {
    return !text.startsWith("HTTP ");
  }

  private ErrorBody error() {
    ErrorBody parsed = error;
    if (parsed == null) {
      parsed = ErrorBody.of(body);
      error = parsed;
    }
    return parsed;
  }

  private JsonNode parse() {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode tree = Json.MAPPER.readTree(body);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String where = location == null ? ""
          : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw ResolutionException.permanentFailure("malformed JSON in the HTTP " + status
          + " answer to " + describeRequest() + where, null);
    } catch (IOException e) {
      throw ResolutionException.permanentFailure("unreadable JSON in the HTTP " + status
          + " answer to " + describeRequest(), null);
    }
  }
}
