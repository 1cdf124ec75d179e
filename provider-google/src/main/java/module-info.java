/**
 * userresolver's Google Workspace identity provider: finds users with the Admin SDK Directory
 * API, authenticated by a service-account key (JWT bearer grant, optionally with domain-wide
 * delegation to an administrator).
 */
module org.userresolver.google {
  requires transitive org.userresolver.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.userresolver.google;

  provides org.userresolver.spi.UserResolverFactory
      with org.userresolver.google.GoogleUserResolverFactory;
}
