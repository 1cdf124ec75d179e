package org.userresolver.neo4j;

import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.AuthorizationExpiredException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.FatalDiscoveryException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.userresolver.ResolutionException;

/**
 * Turns Neo4j driver exceptions into {@link ResolutionException}s that say where (URI and
 * database, never the password), what was being done, and whether trying again can help:
 * an unreachable server, an expired session, transient server errors (deadlocks, leader
 * switches), expired authorization and transaction timeouts are transient; rejected
 * credentials, a missing database and other client errors are permanent.
 */
final class Neo4jErrors {

  private Neo4jErrors() {}

  /**
   * Maps one driver exception.
   *
   * @param error the driver's exception
   * @param action what was being done, for example {@code "looking up user jdoe@acme.com"}
   * @param config where the store points
   * @return the exception to throw, with {@code error} as its cause
   */
  static ResolutionException map(Neo4jException error, String action, Neo4jConfig config) {
    String where = config.where();
    String reason = reason(error);
    if (error instanceof ServiceUnavailableException) {
      return ResolutionException.transientFailure(
          where + " is unavailable while " + action + ": " + reason, error);
    }
    if (error instanceof SessionExpiredException) {
      return ResolutionException.transientFailure(
          where + " ended the session while " + action + ": " + reason, error);
    }
    if (error instanceof TransientException || error instanceof AuthorizationExpiredException) {
      return ResolutionException.transientFailure(
          where + " failed transiently while " + action + ": " + reason, error);
    }
    if (error instanceof AuthenticationException) {
      return ResolutionException.permanentFailure(where + " rejected the credentials of "
          + (config.username().isEmpty()
              ? "an unauthenticated client (set NEO4J_USERNAME and NEO4J_PASSWORD)"
              : "user '" + config.username() + "'")
          + " while " + action + ": " + reason, error);
    }
    if (error instanceof FatalDiscoveryException) {
      return ResolutionException.permanentFailure(where + " cannot serve "
          + config.displayDatabase() + " while " + action + " (does the database exist?): "
          + reason, error);
    }
    if (error instanceof SecurityException) {
      return ResolutionException.permanentFailure(
          where + " refused access while " + action + ": " + reason, error);
    }
    if (error instanceof ClientException && isTimeout(error)) {
      return ResolutionException.transientFailure(
          where + " timed out while " + action + ": " + reason, error);
    }
    return ResolutionException.permanentFailure(
        where + " failed while " + action + ": " + reason, error);
  }

  private static boolean isTimeout(Neo4jException error) {
    String code = error.code() == null ? "" : error.code();
    return code.contains("TransactionTimedOut")
        || (error.getMessage() != null && error.getMessage().contains("acquire connection"));
  }

  private static String reason(Neo4jException error) {
    String message = error.getMessage() == null ? error.getClass().getSimpleName()
        : error.getMessage();
    String code = error.code();
    return code == null || code.isEmpty() || "N/A".equals(code) ? message
        : message + " [" + code + "]";
  }
}
