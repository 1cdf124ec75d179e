/**
 * Resolves a user id to an Amundsen-compatible {@link org.userresolver.User} profile: from the
 * metadata store, else from the identity provider (and then written to the store), else the
 * minimal fallback. Start with {@link org.userresolver.UserResolvers}.
 */
package org.userresolver;
