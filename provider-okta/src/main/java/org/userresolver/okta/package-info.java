/**
 * The {@code okta} identity provider: {@link org.userresolver.okta.OktaUserResolverFactory}
 * creates it from settings; it finds users with the Okta Users API, authenticated by an API
 * token or an OAuth service app, on top of the shared {@link org.userresolver.http} layer.
 */
package org.userresolver.okta;
