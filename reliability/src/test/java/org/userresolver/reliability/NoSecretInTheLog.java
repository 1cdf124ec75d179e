package org.userresolver.reliability;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.userresolver.testkit.TestLog;

/**
 * After every test class of this module (registered for all of them through
 * {@code META-INF/services} and {@code junit-platform.properties}), searches what was logged
 * since the previous class for every secret registered so far: the faults, bad input, soak and
 * recovery tests log too, and none of it may show a secret.
 */
public final class NoSecretInTheLog implements AfterAllCallback {
  /** Longer than any secret, so that one written across two searches is still found. */
  private static final long OVERLAP = 16 * 1024;
  private static long searched;

  @Override
  public void afterAll(ExtensionContext context) {
    long from;
    synchronized (NoSecretInTheLog.class) {
      from = Math.max(0, searched - OVERLAP);
      searched = TestLog.mark();
    }
    Secrets.assertAbsent("the log of " + context.getDisplayName(), TestLog.since(from));
  }
}
