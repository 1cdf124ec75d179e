/**
 * The {@code google} identity provider: {@link org.userresolver.google.GoogleUserResolverFactory}
 * creates it from settings; it finds users with the Google Admin SDK Directory API, on top of the
 * shared {@link org.userresolver.http} layer.
 */
package org.userresolver.google;
