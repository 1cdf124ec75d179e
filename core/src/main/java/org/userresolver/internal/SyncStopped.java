package org.userresolver.internal;

/**
 * Ends a sync before the end of its listing: a provider or store failure that retrying and
 * waiting could not overcome. Its message is the report's stop reason.
 */
final class SyncStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SyncStopped(String reason) {
    super(reason, null, false, false);
  }
}
