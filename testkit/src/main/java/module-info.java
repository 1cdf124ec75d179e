/**
 * userresolver's contract tests: the behaviour every identity provider
 * ({@link org.userresolver.testkit.UserResolverContract}) and store
 * ({@link org.userresolver.testkit.UserStoreContract}) must show. A plugin's tests extend them.
 */
module org.userresolver.testkit {
  requires transitive org.userresolver;
  requires transitive org.junit.jupiter.api;

  exports org.userresolver.testkit;
  opens org.userresolver.testkit to org.junit.platform.commons;
}
