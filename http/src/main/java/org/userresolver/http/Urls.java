package org.userresolver.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Percent-encoding of the values providers put into request URLs. */
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
}
