package org.userresolver;

/**
 * Receives every answer the resolution chain gives, with its source; for audit logs,
 * explanations and tests. Called on the thread that resolved; must be fast and thread-safe.
 * An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ResolutionListener {

  /**
   * Called once per id answered.
   *
   * @param resolution the answer and its source
   */
  void onResolution(Resolution resolution);
}
