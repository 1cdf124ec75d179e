package org.userresolver.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks values before they go into HTTP headers, so that a bad one is reported by name and
 * never by value: the JDK's own rejection quotes the whole header, credential included.
 */
final class HeaderValues {

  private HeaderValues() {}

  /**
   * The problem with a header value, by the JDK's rule (RFC 9110 field values: tab, space,
   * visible ASCII and obs-text up to U+00FF); the message names the character, never the value.
   */
  static Optional<String> problem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
        return Optional.of(illegal(c, i));
      }
    }
    return Optional.empty();
  }

  /**
   * The problem with a credential sent as one token in a header (an API token, a bearer
   * token): printable ASCII only, no white space.
   */
  static Optional<String> tokenProblem(String value) {
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t') {
        return Optional.of("holds white space (character " + (i + 1) + ")");
      }
      if (c < 0x21 || c > 0x7e) {
        return Optional.of(illegal(c, i));
      }
    }
    return Optional.empty();
  }

  private static String illegal(char c, int index) {
    return "holds a character that cannot be sent in an HTTP header ("
        + String.format(Locale.ROOT, "U+%04X", (int) c) + " at character " + (index + 1)
        + "); enter it again as plain text";
  }
}
