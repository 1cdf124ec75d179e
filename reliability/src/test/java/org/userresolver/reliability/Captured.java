package org.userresolver.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.userresolver.Check;
import org.userresolver.Resolution;
import org.userresolver.testkit.TestLog;

/**
 * Everything the library said during one secrets check, each with where it came from: log
 * lines, answers' details, check results, {@code toString()}s, exceptions with their causes,
 * command output. {@link #assertNoSecret()} searches all of it for every registered secret.
 */
final class Captured {
  private final List<String[]> texts = new ArrayList<>();
  private final long logMark = TestLog.mark();

  /** Adds a text. */
  Captured add(String where, Object text) {
    texts.add(new String[] {where, String.valueOf(text)});
    return this;
  }

  /** Adds what the chain told its listener. */
  void told(Resolution resolution) {
    add("the answer's detail (--explain)", resolution);
  }

  /** Runs every check and adds its result. */
  void checks(List<Check> checks) {
    for (Check check : checks) {
      add("check " + check.name(), check.run());
    }
  }

  /** Runs a call and adds what it returned, or what it threw with every cause. */
  void call(String where, Callable<?> call) {
    try {
      add(where, call.call());
    } catch (Exception e) {
      add(where + " (thrown)", Secrets.printed(e));
    }
  }

  /** Fails on the first secret found, naming where; the log since this capture began too. */
  void assertNoSecret() {
    add("the log", TestLog.since(logMark));
    for (String[] text : texts) {
      Secrets.assertAbsent(text[0], text[1]);
    }
  }
}
