package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/** The command's id rules, pinned to the resolution chain's own. */
final class UserIdsTest {

  private final UserResolver chain = UserResolvers.builder()
      .settings(Settings.of(Map.of()))
      .meterRegistry(new SimpleMeterRegistry())
      .provider(User::minimal)
      .withoutStore()
      .build();

  @AfterEach
  void close() {
    chain.close();
  }

  @Test
  void problem_saysWhatTheChainSays_forEveryInvalidId() {
    for (String id : List.of("", "  \t ", "bad\u0007id", " x\ny ", "\u007f", "a".repeat(321),
        " " + "b".repeat(321) + " ")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> chain.resolve(id));

      assertEquals(Optional.of(e.getMessage()), UserIds.problem(id), UserIds.shown(id));
    }
  }

  @Test
  void problem_isEmpty_forIdsTheChainAccepts() {
    for (String id : List.of("ada@example.com", " Ada@Example.com ", "a".repeat(320),
        " " + "a".repeat(320) + " ", "jöran@example.com")) {
      assertEquals(chain.resolve(id).userId(), UserIds.normalize(id, Settings.IdCase.LOWER));
      assertEquals(Optional.empty(), UserIds.problem(id));
    }
  }

  @Test
  void normalize_keepsCase_whenSettingsPreserveIt() {
    assertEquals("Ada@Example.com",
        UserIds.normalize(" Ada@Example.com\t", Settings.IdCase.PRESERVE));
  }

  @Test
  void shown_quotesEscapesAndShortens() {
    assertEquals("\"a\\u0009b\\u0022c\\u005C\"", UserIds.shown("a\tb\"c\\"));
    assertEquals("\"" + "x".repeat(60) + "\"... (61 characters)", UserIds.shown("x".repeat(61)));
  }
}
