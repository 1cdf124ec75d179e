/**
 * The {@code keycloak} identity provider; {@link org.userresolver.keycloak.KeycloakUserResolverFactory}
 * is its one public type, found by {@link java.util.ServiceLoader} and named by the settings it
 * reads.
 */
package org.userresolver.keycloak;
