package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link PercentDecoding}: one pass, UTF-8, {@code +} kept. */
final class PercentDecodingTest {

  @Test
  void decode_decodesOnce_keepsPlus_andReadsUtf8() {
    assertEquals("ada@example.com", PercentDecoding.decode("ada%40example.com"));
    assertEquals("ada%40example.com", PercentDecoding.decode("ada%2540example.com"));
    assertEquals("a+b c", PercentDecoding.decode("a+b%20c"));
    assertEquals("jöran@example.com", PercentDecoding.decode("j%C3%B6ran@example.com"));
    assertEquals("jöran", PercentDecoding.decode("jöran"));
    assertEquals("\u0000", PercentDecoding.decode("%00"));
  }

  @Test
  void decode_rejectsMalformedEscapes_andBytesThatAreNotUtf8() {
    for (String raw : new String[] {"%", "a%4", "%zz", "a%4g"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PercentDecoding.decode(raw));
      assertEquals(true, e.getMessage().startsWith("malformed percent-encoding at character "),
          raw + ": " + e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PercentDecoding.decode("j%F6ran"));
    assertEquals("percent-encoded bytes are not UTF-8", e.getMessage());
  }
}
