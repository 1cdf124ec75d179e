package org.userresolver.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 3986 percent-encoding as the providers' contracts require it, written here independently
 * of the library's own encoder: every byte of the UTF-8 text but the unreserved characters
 * {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}.
 */
final class Percent {
  /** Text in which every reserved character is percent-encoded. */
  static final Pattern STRICTLY_ENCODED = Pattern.compile("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");

  private Percent() {}

  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** Decodes {@code %XX} sequences as UTF-8; {@code +} stays {@code +}; fails on bad UTF-8. */
  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8 after decoding: " + raw, e);
    }
  }

  /** The raw (still encoded) value of a query parameter in a URL, or null. */
  static String rawQueryValue(String url, String name) {
    int question = url.indexOf('?');
    if (question < 0) {
      return null;
    }
    for (String parameter : url.substring(question + 1).split("&")) {
      if (parameter.startsWith(name + "=")) {
        return parameter.substring(name.length() + 1);
      }
    }
    return null;
  }

  /** The raw path of a URL, without its query. */
  static String rawPath(String url) {
    int question = url.indexOf('?');
    return question < 0 ? url : url.substring(0, question);
  }
}
