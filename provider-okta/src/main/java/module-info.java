/**
 * userresolver's Okta identity provider: finds users with the Okta Users API, authenticated by
 * an API token or an OAuth service app ({@code private_key_jwt}, scope {@code okta.users.read}).
 */
module org.userresolver.okta {
  requires transitive org.userresolver.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.userresolver.okta;

  provides org.userresolver.spi.UserResolverFactory
      with org.userresolver.okta.OktaUserResolverFactory;
}
