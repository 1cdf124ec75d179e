/**
 * userresolver core: the user model, resolver and store API, the plugin SPI, settings, the
 * resolution chain, the {@code file} provider and the {@code memory} store.
 */
module org.userresolver {
  requires transitive micrometer.core;
  requires com.github.benmanes.caffeine;
  requires transitive com.fasterxml.jackson.databind;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.core;
  requires org.slf4j;

  exports org.userresolver;
  exports org.userresolver.spi;

  uses org.userresolver.spi.UserResolverFactory;
  uses org.userresolver.spi.UserStoreFactory;

  provides org.userresolver.spi.UserResolverFactory
      with org.userresolver.internal.FileUserResolverFactory;
  provides org.userresolver.spi.UserStoreFactory
      with org.userresolver.internal.MemoryUserStoreFactory;
}
