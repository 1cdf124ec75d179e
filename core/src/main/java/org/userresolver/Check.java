package org.userresolver;

import java.util.concurrent.Callable;

/**
 * One step of a configuration check, as {@code user-resolver check} prints it: a name, and a
 * probe that returns a short detail on success or throws with the reason on failure.
 *
 * @param name what is checked, for example {@code "okta discovery document"}
 * @param probe the check; returns a detail such as {@code "4 users"}, throws on failure
 */
public record Check(String name, Callable<String> probe) {

  /**
   * The outcome of running one check.
   *
   * @param name the check's name
   * @param ok whether it passed
   * @param detail the probe's detail when it passed, the reason when it failed
   */
  public record Result(String name, boolean ok, String detail) {}

  /**
   * Runs the probe and captures its outcome; never throws.
   *
   * @return the outcome
   */
  public Result run() {
    try {
      String detail = probe.call();
      return new Result(name, true, detail == null ? "" : detail);
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Result(name, false, reason);
    }
  }
}
