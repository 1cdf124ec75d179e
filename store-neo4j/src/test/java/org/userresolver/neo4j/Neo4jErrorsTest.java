package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.AuthorizationExpiredException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.FatalDiscoveryException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;

final class Neo4jErrorsTest {
  private static final Neo4jConfig CONFIG = Neo4jConfig.from(Settings.of(Map.of(
      "NEO4J_URI", "neo4j://graph:7687", "NEO4J_DATABASE", "metadata",
      "NEO4J_USERNAME", "amundsen", "NEO4J_PASSWORD", "hunter2-secret")));

  private static ResolutionException map(Neo4jException error) {
    ResolutionException mapped = Neo4jErrors.map(error, "looking up user jdoe@acme.com", CONFIG);
    assertSame(error, mapped.getCause());
    assertFalse(mapped.getMessage().contains("hunter2"), mapped.getMessage());
    return mapped;
  }

  @Test
  void unavailableServer_isTransient() {
    ResolutionException e = map(new ServiceUnavailableException("Unable to connect to graph:7687"));

    assertTrue(e.isTransient());
    assertEquals("Neo4j at neo4j://graph:7687 (database 'metadata') is unavailable while looking "
        + "up user jdoe@acme.com: Unable to connect to graph:7687", e.getMessage());
  }

  @Test
  void expiredSession_isTransient() {
    ResolutionException e = map(new SessionExpiredException("leader switched"));

    assertTrue(e.isTransient());
    assertEquals("Neo4j at neo4j://graph:7687 (database 'metadata') ended the session while "
        + "looking up user jdoe@acme.com: leader switched", e.getMessage());
  }

  @Test
  void transientServerError_isTransient_withItsCode() {
    ResolutionException e = map(new TransientException(
        "Neo.TransientError.Transaction.DeadlockDetected", "deadlock"));

    assertTrue(e.isTransient());
    assertEquals("Neo4j at neo4j://graph:7687 (database 'metadata') failed transiently while "
        + "looking up user jdoe@acme.com: deadlock "
        + "[Neo.TransientError.Transaction.DeadlockDetected]", e.getMessage());
  }

  @Test
  void expiredAuthorization_isTransient() {
    assertTrue(map(new AuthorizationExpiredException(
        "Neo.ClientError.Security.AuthorizationExpired", "expired")).isTransient());
  }

  @Test
  void transactionTimeout_isTransient() {
    ResolutionException e = map(new ClientException(
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "terminated"));

    assertTrue(e.isTransient());
    assertTrue(e.getMessage().contains("timed out while looking up user jdoe@acme.com"),
        e.getMessage());
  }

  @Test
  void rejectedCredentials_arePermanent_namingTheUserNotThePassword() {
    ResolutionException e = map(new AuthenticationException(
        "Neo.ClientError.Security.Unauthorized", "The client is unauthorized"));

    assertFalse(e.isTransient());
    assertEquals("Neo4j at neo4j://graph:7687 (database 'metadata') rejected the credentials of "
        + "user 'amundsen' while looking up user jdoe@acme.com: The client is unauthorized "
        + "[Neo.ClientError.Security.Unauthorized]", e.getMessage());
  }

  @Test
  @SuppressWarnings("deprecation") // the code-and-message constructor is the readable one
  void missingDatabase_isPermanent_namingTheDatabase() {
    ResolutionException e = map(new FatalDiscoveryException(
        "Neo.ClientError.Database.DatabaseNotFound", "Database does not exist"));

    assertFalse(e.isTransient());
    assertEquals("Neo4j at neo4j://graph:7687 (database 'metadata') cannot serve database "
        + "'metadata' while looking up user jdoe@acme.com (does the database exist?): Database "
        + "does not exist [Neo.ClientError.Database.DatabaseNotFound]", e.getMessage());
  }

  @Test
  void forbiddenAccess_isPermanent() {
    ResolutionException e = map(new SecurityException(
        "Neo.ClientError.Security.Forbidden", "no write privilege"));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("refused access while looking up user jdoe@acme.com: "
        + "no write privilege"), e.getMessage());
  }

  @Test
  void clientAndDatabaseErrors_arePermanent() {
    ResolutionException client = map(new ClientException(
        "Neo.ClientError.Statement.SyntaxError", "bad syntax"));
    ResolutionException database = map(new DatabaseException(
        "Neo.DatabaseError.General.UnknownError", "disk full"));

    assertFalse(client.isTransient());
    assertFalse(database.isTransient());
    assertEquals("Neo4j at neo4j://graph:7687 (database 'metadata') failed while looking up "
        + "user jdoe@acme.com: disk full [Neo.DatabaseError.General.UnknownError]",
        database.getMessage());
  }
}
