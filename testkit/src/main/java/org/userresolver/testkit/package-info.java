/**
 * Contract tests for userresolver plugins. Add {@code org.userresolver:user-resolver-testkit}
 * with test scope, extend {@link org.userresolver.testkit.UserResolverContract} for an identity
 * provider or {@link org.userresolver.testkit.UserStoreContract} for a store, and put the
 * plugin's own tests beside the inherited ones. {@link org.userresolver.testkit.MutableClock}
 * is a clock tests move by hand, for tokens and rate limits.
 */
package org.userresolver.testkit;
