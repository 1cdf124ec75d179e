package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of this test JVM: distinctive strings the fixtures hand to the library (client
 * secrets, API tokens, passwords, private keys) or that fakes hand out (access tokens), and
 * those seen on the wire (signed client assertions). Every one is registered here, so that
 * whatever the library prints can be searched for all of them.
 */
final class Secrets {
  private static final Set<String> ALL = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new distinctive secret such as {@code okta-api-token-7f3a9c...}, registered. */
  static String make(String what) {
    StringBuilder text = new StringBuilder(what).append('-');
    for (int i = 0; i < 12; i++) {
      text.append(Integer.toHexString(RANDOM.nextInt(16)));
    }
    return register(text.toString());
  }

  /** Registers a secret (at least 8 characters, so that it cannot match by chance). */
  static String register(String secret) {
    if (secret.length() < 8) {
      throw new IllegalArgumentException("too short to search for: " + secret.length());
    }
    ALL.add(secret);
    return secret;
  }

  /** Registers several. */
  static void registerAll(Collection<String> secrets) {
    secrets.forEach(Secrets::register);
  }

  /** Every secret registered so far. */
  static Set<String> all() {
    return Set.copyOf(ALL);
  }

  /**
   * Fails, naming where and which secret (its first characters), when the text holds one of
   * them, in any letter case.
   */
  static void assertAbsent(String where, String text) {
    String lower = null;
    for (String secret : ALL) {
      int at = text.indexOf(secret);
      if (at < 0) {
        lower = lower != null ? lower : text.toLowerCase(Locale.ROOT);
        at = lower.indexOf(secret.toLowerCase(Locale.ROOT));
      }
      if (at >= 0) {
        fail(where + " shows the secret " + secret.substring(0, 6) + "... at " + at + ": ..."
            + text.substring(Math.max(0, at - 100), at) + "<secret>...");
      }
    }
  }

  /** A throwable as printed with its stack trace: every message and cause. */
  static String printed(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
