/**
 * userresolver's Keycloak identity provider: finds users with the Keycloak Admin REST API,
 * authenticated as a confidential client's service account ({@code client_credentials},
 * realm-management role {@code view-users}).
 */
module org.userresolver.keycloak {
  requires transitive org.userresolver.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.userresolver.keycloak;

  provides org.userresolver.spi.UserResolverFactory
      with org.userresolver.keycloak.KeycloakUserResolverFactory;
}
