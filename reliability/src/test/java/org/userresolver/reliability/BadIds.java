package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.userresolver.User;
import org.userresolver.reliability.ProviderFixture.SentId;

/**
 * The odd and hostile ids of the suite, and what each must lead to: an
 * {@link IllegalArgumentException} that says what is wrong (nothing sent anywhere), or a
 * literal id that reaches the provider exactly as given (trimmed, lower-cased, every reserved
 * character percent-encoded) and the store as a key of its own, unless the provider's API
 * cannot be asked for it ({@link ProviderFixture#canBeAskedFor}: then it is unknown, nothing
 * sent or stored); and either way the next normal id unaffected.
 */
final class BadIds {
  static final String NORMAL = "normal@example.com";
  private static final String CANARY = "canary@example.com";

  private BadIds() {}

  /** An id the chain refuses, and its message. */
  record Refused(String id, String message) {
    @Override
    public String toString() {
      return message.substring(0, Math.min(60, message.length()));
    }
  }

  static List<Refused> refused() {
    return List.of(
        new Refused(null, "user id must not be null"),
        new Refused("", "user id must not be blank"),
        new Refused(" \t\u2003 ", "user id must not be blank"),
        new Refused("x".repeat(10_240),
            "user id is 10240 characters long; at most 320 are allowed"),
        new Refused("a".repeat(10_228) + "@example.com",
            "user id is 10240 characters long; at most 320 are allowed"),
        new Refused("ada\u0000@example.com",
            "user id contains the control character U+0000 at index 3"),
        new Refused("ada\r\nX-Injected: 1@example.com",
            "user id contains the control character U+000D at index 3"),
        new Refused("ada\u001b[31m@example.com",
            "user id contains the control character U+001B at index 3"),
        new Refused("ada\u0085@example.com",
            "user id contains the control character U+0085 at index 3"),
        new Refused("ada\uD800@example.com",
            "user id contains the unpaired surrogate U+D800 at index 3 (not valid UTF-16)"),
        new Refused("\uDC00ada@example.com",
            "user id contains the unpaired surrogate U+DC00 at index 0 (not valid UTF-16)"),
        new Refused("ada@example.com\uD83D",
            "user id contains the unpaired surrogate U+D83D at index 15 (not valid UTF-16)"));
  }

  /** Ids that must reach the provider literally. */
  static List<String> literal() {
    return List.of(
        "o'brien@example.com", "\"quoted\"@example.com", "`backtick`@example.com",
        "{braces}@example.com", "${jndi:ldap://127.0.0.1/a}@example.com",
        "100%@example.com", "%2e%2e%2fadmin@example.com", "%00@example.com", "%@example.com",
        "a/b@example.com", "../../etc/passwd", "what?@example.com", "a?search=x&b=c@example.com",
        "frag#ment@example.com", "..", ".",
        "x'}) DETACH DELETE (n) //", "ada@example.com'}) MATCH (n) DETACH DELETE n //",
        "name:(a OR b) AND *~ ^2 [1 TO 5]", "+plus -minus && || ! (x) {y} [z] ^ \" ~ * ? : \\ /",
        "back\\slash@example.com", "plus+tag@example.com", "amp&er=sand@example.com",
        "space inside@example.com", "   padded@example.com   ", "élève@exámple.com",
        "\uD83D\uDE00@example.com", "me", "a".repeat(308) + "@example.com");
  }

  /** The id as the chain looks it up. */
  static String normalized(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  /** Refused at every entry point of the Java API, nothing sent, the next id unaffected. */
  static void assertRefused(TestChain chain, ProviderFixture provider, Refused refused) {
    provider.userExists(NORMAL, "Nor", "Mal");
    assertEquals(refused.message(), assertThrows(IllegalArgumentException.class,
        () -> chain.resolver.resolve(refused.id())).getMessage());
    assertEquals(refused.message(), assertThrows(IllegalArgumentException.class,
        () -> chain.resolver.resolveAsync(refused.id())).getMessage());
    assertEquals(refused.message(), assertThrows(IllegalArgumentException.class,
        () -> chain.resolver.resolveAll(Arrays.asList(NORMAL, refused.id()))).getMessage());
    assertEquals(List.of(), provider.idsSent(), "a refused id is never sent");
    assertNormalIdStillWorks(chain, provider);
  }

  /**
   * Sent literally: the provider found the user it was asked for, every lookup carried exactly
   * the id, every reserved character percent-encoded; the store holds it under that key.
   */
  static void assertLiteral(TestChain chain, ProviderFixture provider, StoreFixture store,
      String id) throws Exception {
    String expected = normalized(id);
    provider.userExists(expected, "Odd", "One");
    store.putStub(CANARY);
    if (!provider.canBeAskedFor(expected)) {
      assertUnknownWithoutAsking(chain, provider, store, id);
      return;
    }

    User user = chain.resolver.resolve(id);

    assertEquals(expected, user.userId());
    assertEquals("Odd", user.firstName(), "the provider found the user by exactly this id");
    List<SentId> sent = provider.idsSent();
    assertTrue(!sent.isEmpty(), "the provider was asked");
    for (SentId one : sent) {
      assertEquals(expected, one.id(), "as sent: " + one.raw());
      assertTrue(Percent.STRICTLY_ENCODED.matcher(one.raw()).matches(),
          "every reserved character percent-encoded: " + one.raw());
    }
    assertEquals(user, chain.resolver.resolveAsync(id).get());
    assertEquals(Map.of(id, user), chain.resolver.resolveAll(List.of(id)));
    assertEquals(sent.size(), provider.idsSent().size(), "answered from the cache after that");
    assertEquals(1, store.stored(expected), "stored under the literal key");
    assertEquals("Odd", store.peek(expected).orElseThrow().firstName());
    assertEquals(1, store.stored(CANARY), "the store's other users are untouched");
    assertNormalIdStillWorks(chain, provider);
  }

  /**
   * An id the provider's API cannot be asked for, by design: the fallback, nothing sent,
   * nothing stored, the store's other users untouched.
   */
  private static void assertUnknownWithoutAsking(TestChain chain, ProviderFixture provider,
      StoreFixture store, String id) throws Exception {
    String expected = normalized(id);

    User user = chain.resolver.resolve(id);

    assertEquals(User.minimal(expected), user, "unknown: the fallback");
    assertEquals(List.of(), provider.idsSent(), "nothing sent: " + provider.name()
        + " cannot be asked for " + expected);
    assertEquals(user, chain.resolver.resolveAsync(id).get());
    assertEquals(Map.of(id, user), chain.resolver.resolveAll(List.of(id)));
    assertEquals(List.of(), provider.idsSent(), "nothing sent later either");
    assertEquals(0, store.stored(expected), "nothing stored");
    assertEquals(1, store.stored(CANARY), "the store's other users are untouched");
    assertNormalIdStillWorks(chain, provider);
  }

  private static void assertNormalIdStillWorks(TestChain chain, ProviderFixture provider) {
    provider.userExists(NORMAL, "Nor", "Mal");
    assertEquals("Nor", chain.resolver.resolve(NORMAL).firstName(), "the next normal id");
  }
}
