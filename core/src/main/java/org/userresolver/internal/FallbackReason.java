package org.userresolver.internal;

import java.util.Locale;

/** Why the chain answered with the minimal profile; the {@code reason} tag of the fallback counter. */
enum FallbackReason {
  /** The identity provider does not know the user. */
  NOT_FOUND,
  /** The identity provider failed (permanently, or transiently on every attempt). */
  PROVIDER_ERROR,
  /** The lookup did not finish within {@code USER_RESOLVER_TIMEOUT}. */
  TIMEOUT,
  /** The identity provider's profile failed Amundsen's validation. */
  INVALID_PROFILE,
  /** Every worker was busy and the queue full, so the lookup was not started. */
  OVERLOADED,
  /** Anything else, such as a resolver being closed during the lookup. */
  INTERNAL_ERROR;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
