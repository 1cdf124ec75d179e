package org.userresolver.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One HTTP request for an {@link HttpJsonClient}: a method, a URL, headers and an optional body
 * (a form or JSON). Immutable; {@link #withHeader} returns a copy.
 *
 * <p>{@link #toString()} shows the method, the URL without its query, and header names only,
 * so credentials in headers or in the body never reach a log or a message.
 */
public final class JsonRequest {
  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final String body;
  private final String contentType;

  private JsonRequest(String method, URI uri, Map<String, String> headers, String body,
      String contentType) {
    this.method = method;
    this.uri = Objects.requireNonNull(uri, "uri");
    this.headers = headers;
    this.body = body;
    this.contentType = contentType;
  }

  /**
   * Returns a {@code GET} request.
   *
   * @param uri the absolute URL
   * @return the request
   */
  public static JsonRequest get(URI uri) {
    return new JsonRequest("GET", uri, Map.of(), null, null);
  }

  /**
   * Returns a {@code POST} request with an {@code application/x-www-form-urlencoded} body.
   *
   * @param uri the absolute URL
   * @param form the form fields, in order; values are encoded here
   * @return the request
   */
  public static JsonRequest postForm(URI uri, Map<String, String> form) {
    StringJoiner encoded = new StringJoiner("&");
    form.forEach((name, value) -> encoded.add(formEncode(name) + "=" + formEncode(value)));
    return new JsonRequest("POST", uri, Map.of(), encoded.toString(),
        "application/x-www-form-urlencoded");
  }

  /**
   * Returns a {@code POST} request with a JSON body.
   *
   * @param uri the absolute URL
   * @param json the body, already JSON
   * @return the request
   */
  public static JsonRequest postJson(URI uri, String json) {
    return new JsonRequest("POST", uri, Map.of(), Objects.requireNonNull(json, "json"),
        "application/json");
  }

  /**
   * Returns a copy of this request with one more header (replacing one of the same name).
   *
   * @param name the header name
   * @param value the header value; may be a credential, which is never shown
   * @return the new request
   */
  public JsonRequest withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach((existing, v) -> {
      if (!existing.equalsIgnoreCase(name)) {
        copy.put(existing, v);
      }
    });
    copy.put(name, value);
    return new JsonRequest(method, uri, Map.copyOf(copy), body, contentType);
  }

  /**
   * Returns the HTTP method.
   *
   * @return {@code GET} or {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the URL.
   *
   * @return the absolute URL
   */
  public URI uri() {
    return uri;
  }

  /** The headers set on this request, by name. */
  Map<String, String> headers() {
    return headers;
  }

  /** The encoded body, if any. */
  Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /** The media type of the body, if any. */
  Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * Returns the method and the URL without its query, for messages: {@code GET
   * https://acme.okta.com/api/v1/users}.
   *
   * @return the short description
   */
  public String describe() {
    return method + " " + withoutQuery(uri);
  }

  /** Shows the method, the URL without its query, and header names; never a header value. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>(headers.keySet());
    return "JsonRequest[" + describe() + ", headers=" + names
        + (body == null ? "" : ", body=(" + contentType + ")") + "]";
  }

  static String withoutQuery(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT) + "://";
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1); // never show user info
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return scheme + authority + path;
  }

  private static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
