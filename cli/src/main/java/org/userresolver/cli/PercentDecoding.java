package org.userresolver.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the percent-encoding of a URL path segment once: {@code %40} becomes {@code @},
 * {@code %2540} becomes {@code %40}, and {@code +} stays {@code +} (it means a space only in
 * form data). Escaped bytes must be UTF-8.
 */
final class PercentDecoding {

  private PercentDecoding() {}

  /**
   * Decodes a raw path segment.
   *
   * @param raw the segment as it came on the request line
   * @return the decoded text
   * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits, or the
   *     escaped bytes are not UTF-8
   */
  static String decode(String raw) {
    int first = raw.indexOf('%');
    if (first < 0) {
      return raw;
    }
    StringBuilder text = new StringBuilder(raw.length()).append(raw, 0, first);
    byte[] bytes = new byte[raw.length() / 3];
    int i = first;
    while (i < raw.length()) {
      if (raw.charAt(i) != '%') {
        text.append(raw.charAt(i++));
        continue;
      }
      int count = 0;
      while (i < raw.length() && raw.charAt(i) == '%') {
        bytes[count++] = (byte) ((hex(raw, i + 1) << 4) | hex(raw, i + 2));
        i += 3;
      }
      text.append(utf8(bytes, count));
    }
    return text.toString();
  }

  private static int hex(String raw, int at) {
    int digit = at < raw.length() ? Character.digit(raw.charAt(at), 16) : -1;
    if (digit < 0) {
      throw new IllegalArgumentException("malformed percent-encoding at character " + (at - 1)
          + ": % must be followed by two hex digits");
    }
    return digit;
  }

  private static String utf8(byte[] bytes, int count) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, count))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-encoded bytes are not UTF-8", e);
    }
  }
}
