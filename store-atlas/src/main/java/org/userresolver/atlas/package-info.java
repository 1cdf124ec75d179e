/**
 * The {@code atlas} store: user profiles as {@code User} entities in Apache Atlas. The only
 * public type is {@link org.userresolver.atlas.AtlasUserStoreFactory}, found by
 * {@link java.util.ServiceLoader} under the name {@code atlas}, or used directly for explicit
 * wiring.
 */
package org.userresolver.atlas;
