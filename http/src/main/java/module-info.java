/**
 * userresolver's shared HTTP layer for identity providers and stores that speak HTTP: a JSON
 * client with timeouts, size caps and one error mapping, OIDC discovery, OAuth token clients,
 * the authenticated GET, and mapping helpers.
 */
module org.userresolver.http {
  requires transitive org.userresolver;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.net.http;
  requires org.slf4j;

  exports org.userresolver.http;
}
