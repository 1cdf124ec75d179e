/**
 * The plugin interfaces: identity providers and metadata stores are found with
 * {@link java.util.ServiceLoader} and selected by name.
 */
package org.userresolver.spi;
