package org.userresolver.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Helpers for the URLs providers build: percent-encoding, trailing slashes. */
public final class Urls {

  private Urls() {}

  /**
   * Percent-encodes everything but RFC 3986's unreserved characters, as UTF-8: safe in a path
   * segment and in a query value alike.
   *
   * @param value the text, such as a user id
   * @return the encoded text
   */
  public static String encode(String value) {
    StringBuilder encoded = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  /**
   * Tells whether a value is a dot segment ({@code .} or {@code ..}), which no request can
   * carry as a path segment: servers and proxies following RFC 3986 remove dot segments before
   * routing (encoded as {@code %2E} too), so {@code users/..} reaches the API's root, never a
   * user. A provider that looks ids up by path answers such an id without that request.
   *
   * @param value the text, such as a user id
   * @return whether it is {@code .} or {@code ..}
   */
  public static boolean isDotSegment(String value) {
    return value.equals(".") || value.equals("..");
  }

  /**
   * Removes every slash at the end of a URL, so that paths can be appended to it:
   * {@code https://sso.example.com/auth/} becomes {@code https://sso.example.com/auth}.
   *
   * @param uri the URL, without a query or fragment
   * @return the URL without trailing slashes
   */
  public static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }
}
