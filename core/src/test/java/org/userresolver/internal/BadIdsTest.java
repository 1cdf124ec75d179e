package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.userresolver.Settings;
import org.userresolver.User;

/**
 * Hostile and odd ids at the chain's entry points ({@code resolve}, {@code resolveAsync},
 * {@code resolveAll}): each is either refused with an {@link IllegalArgumentException} that
 * says what is wrong, or reaches the provider exactly as given (lower-cased), and the next
 * normal id is unaffected.
 */
final class BadIdsTest {
  private final ScriptedProvider provider = new ScriptedProvider();
  private ResolutionChain chain;

  @BeforeEach
  void open() {
    provider.behaviour = ScriptedProvider::profile;
    chain = new ResolutionChain(new ResolutionChain.Config(provider, "scripted",
        new ScriptedStore(), "scripted", ChainConfig.read(Settings.of(Map.of())),
        new SimpleMeterRegistry(), null));
  }

  @AfterEach
  void close() {
    chain.close();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(null, "user id must not be null"),
        Arguments.of("", "user id must not be blank"),
        Arguments.of(" \t\u2003 ", "user id must not be blank"),
        Arguments.of("x".repeat(10_240), "user id is 10240 characters long; at most 320 are "
            + "allowed"),
        Arguments.of("ada\r\n@example.com", "user id contains the control character U+000D at "
            + "index 3"),
        Arguments.of("ada\u007f@example.com", "user id contains the control character U+007F at "
            + "index 3"),
        Arguments.of("ada\uDFFF@example.com", "user id contains the unpaired surrogate U+DFFF at "
            + "index 3 (not valid UTF-16)"),
        Arguments.of("ada@example.com\uD83D", "user id contains the unpaired surrogate U+D83D "
            + "at index 15 (not valid UTF-16)"));
  }

  static Stream<String> literal() {
    return Stream.of("o'brien@example.com", "\"quoted\"@example.com", "{braces}@example.com",
        "100%@example.com", "%2e%2e%2fadmin@example.com", "a/b@example.com", "what?@example.com",
        "frag#ment@example.com", "..", "../../etc/passwd", "x'}) DETACH DELETE (n) //",
        "name:(a OR b) AND *~ ^2 [1 TO 5]", "plus+tag@example.com", "space inside@example.com",
        "élève@exámple.com", "\uD83D\uDE00@example.com", "me", "   padded@example.com   ");
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusedIds_areIllegalArguments_namingTheProblem_atEveryEntryPoint(String id,
      String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> chain.resolve(id)).getMessage());
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> chain.resolveAsync(id)).getMessage());
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> chain.resolveAll(java.util.Arrays.asList("fine@example.com", id))).getMessage());
    assertEquals(List.of(), provider.calls, "a refused id never reaches the provider");
    assertNormalIdStillWorks();
  }

  @ParameterizedTest
  @MethodSource("literal")
  void oddIds_reachTheProviderExactlyAsGiven(String id) throws Exception {
    String expected = id.strip().toLowerCase(java.util.Locale.ROOT);

    User user = chain.resolve(id);

    assertEquals(List.of(expected), provider.calls);
    assertEquals(expected, user.userId());
    assertEquals(user, chain.resolveAsync(id).get());
    assertEquals(Map.of(id, user), chain.resolveAll(List.of(id)));
    assertEquals(1, provider.calls.size(), "answered from the cache after that");
    assertNormalIdStillWorks();
  }

  private void assertNormalIdStillWorks() {
    int before = provider.calls.size();
    User normal = chain.resolve("normal@example.com");
    assertEquals("normal@example.com", normal.userId());
    assertFalse(normal.fullName().isEmpty());
    assertTrue(provider.calls.size() <= before + 1);
  }
}
