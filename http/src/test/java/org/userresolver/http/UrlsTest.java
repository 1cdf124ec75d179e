package org.userresolver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

final class UrlsTest {

  @Test
  void encode_leavesOnlyUnreservedCharacters() {
    assertEquals("ada%2Bdata%40example.com", Urls.encode("ada+data@example.com"));
    assertEquals("a%2Fb%3Fc%23d%25e%20f", Urls.encode("a/b?c#d%e f"));
    assertEquals("..", Urls.encode(".."));
    assertEquals("%C3%A9", Urls.encode("é"));
  }

  @Test
  void isDotSegment_isTrueForOneOrTwoDotsOnly() {
    assertTrue(Urls.isDotSegment("."));
    assertTrue(Urls.isDotSegment(".."));
    assertFalse(Urls.isDotSegment("..."));
    assertFalse(Urls.isDotSegment(".ada"));
    assertFalse(Urls.isDotSegment("ada."));
    assertFalse(Urls.isDotSegment(""));
  }

  @Test
  void withoutTrailingSlash_removesEverySlashAtTheEnd() {
    assertEquals(URI.create("https://sso.example.com/auth"),
        Urls.withoutTrailingSlash(URI.create("https://sso.example.com/auth//")));
  }
}
