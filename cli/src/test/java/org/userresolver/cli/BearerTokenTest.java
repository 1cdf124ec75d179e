package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link BearerToken}: which {@code Authorization} headers it admits. */
final class BearerTokenTest {

  private final BearerToken token = BearerToken.of("t0ken");

  @Test
  void admits_theTokenAfterTheBearerScheme_inAnyCase() {
    assertTrue(token.admits("Bearer t0ken"));
    assertTrue(token.admits("bearer t0ken"));
    assertTrue(token.admits("Bearer  t0ken "));
  }

  @Test
  void refuses_anythingElse() {
    for (String header : new String[] {null, "", "Bearer", "Bearer ", "t0ken", "Basic t0ken",
        "Bearer T0KEN", "Bearer t0ke", "Bearer t0kenn", "Bearert0ken"}) {
      assertFalse(token.admits(header), String.valueOf(header));
    }
  }

  @Test
  void of_rejectsABlankToken() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BearerToken.of(" "));
    assertEquals("the serve token must not be blank", e.getMessage());
  }
}
