package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;

final class Neo4jConfigTest {

  private static Neo4jConfig config(Map<String, String> values) {
    return Neo4jConfig.from(Settings.of(values));
  }

  private static String problems(Map<String, String> values) {
    return assertThrows(IllegalArgumentException.class, () -> config(values)).getMessage();
  }

  @Test
  void defaults_applyWhenOnlyTheUriIsSet() {
    Neo4jConfig config = config(Map.of("NEO4J_URI", "bolt://neo4j:7687"));

    assertEquals("bolt://neo4j:7687", config.uri().toString());
    assertEquals("", config.username());
    assertEquals("", config.password());
    assertEquals(Optional.empty(), config.database());
    assertEquals(100, config.maxPoolSize());
    assertEquals(Duration.ofSeconds(5), config.connectionTimeout());
    assertEquals(Duration.ofSeconds(5), config.acquisitionTimeout());
    assertEquals(Duration.ofSeconds(5), config.transactionTimeout());
    assertEquals(Duration.ofSeconds(3), config.maxRetryTime());
    assertTrue(config.createConstraint());
  }

  @Test
  void createConstraint_isAutoOrTrue_unlessFalse() {
    for (String on : List.of("auto", "AUTO", "true", "True")) {
      assertTrue(config(Map.of("NEO4J_URI", "bolt://neo4j:7687", "NEO4J_CREATE_CONSTRAINT", on))
          .createConstraint(), on);
    }
    for (String off : List.of("false", "FALSE")) {
      assertFalse(config(Map.of("NEO4J_URI", "bolt://neo4j:7687", "NEO4J_CREATE_CONSTRAINT",
          off)).createConstraint(), off);
    }
  }

  @Test
  void everySetting_isRead() {
    Neo4jConfig config = config(Map.of(
        "NEO4J_URI", "neo4j+s://graph.example.com:7687",
        "NEO4J_USERNAME", "amundsen",
        "NEO4J_PASSWORD", "pa55word",
        "NEO4J_DATABASE", "metadata",
        "NEO4J_MAX_CONNECTION_POOL_SIZE", "12",
        "NEO4J_CONNECTION_TIMEOUT", "PT2S",
        "NEO4J_CONNECTION_ACQUISITION_TIMEOUT", "PT3S",
        "NEO4J_TRANSACTION_TIMEOUT", "PT4S",
        "NEO4J_MAX_TRANSACTION_RETRY_TIME", "PT9S",
        "NEO4J_CREATE_CONSTRAINT", "false"));

    assertEquals("neo4j+s://graph.example.com:7687", config.uri().toString());
    assertEquals("amundsen", config.username());
    assertEquals("pa55word", config.password());
    assertEquals(Optional.of("metadata"), config.database());
    assertEquals(12, config.maxPoolSize());
    assertEquals(Duration.ofSeconds(2), config.connectionTimeout());
    assertEquals(Duration.ofSeconds(3), config.acquisitionTimeout());
    assertEquals(Duration.ofSeconds(4), config.transactionTimeout());
    assertEquals(Duration.ofSeconds(9), config.maxRetryTime());
    assertFalse(config.createConstraint());
  }

  @Test
  void everyDriverScheme_isAccepted_andLowerCased() {
    for (String scheme : Neo4jConfig.SCHEMES) {
      Neo4jConfig config = config(Map.of("NEO4J_URI", scheme.toUpperCase() + "://graph:7687"));
      assertEquals(scheme + "://graph:7687", config.uri().toString());
    }
  }

  @Test
  void badScheme_isRejected_namingTheValueAndTheAcceptedSchemes() {
    String message = problems(Map.of("NEO4J_URI", "http://neo4j:7474"));

    assertEquals("Invalid Neo4j settings:\n  - NEO4J_URI must use one of the schemes bolt, "
        + "bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc, found \"http://neo4j:7474\"", message);
  }

  @Test
  void missingUri_isRequired_withAnExample() {
    String message = problems(Map.of());

    assertTrue(message.startsWith("Invalid Neo4j settings:\n  - NEO4J_URI is required: the Bolt "
        + "URI of the Neo4j server, for example bolt://neo4j:7687"), message);
  }

  @Test
  void uriWithoutHost_isRejected() {
    assertTrue(problems(Map.of("NEO4J_URI", "bolt:///db"))
        .contains("NEO4J_URI must name a host (letters, digits, dots and dashes), found "
            + "\"bolt:///db\""));
  }

  @Test
  void credentialsInTheUri_areRejected_andNotShown() {
    String message = problems(Map.of("NEO4J_URI", "bolt://neo4j:s3cr3t@graph:7687"));

    assertTrue(message.contains("NEO4J_URI must not hold credentials; set NEO4J_USERNAME and "
        + "NEO4J_PASSWORD instead, found \"bolt://****@graph:7687\""), message);
    assertFalse(message.contains("s3cr3t"), message);
  }

  @Test
  void unparsableUri_isRejected_withTheReason() {
    assertTrue(problems(Map.of("NEO4J_URI", "bolt://gra ph:7687"))
        .contains("NEO4J_URI is not a valid URI (Illegal character in authority), found "
            + "\"bolt://gra ph:7687\""));
  }

  @Test
  void everyProblem_isReportedAtOnce_withoutThePassword() {
    Map<String, String> values = new HashMap<>();
    values.put("NEO4J_URI", "https://graph");
    values.put("NEO4J_PASSWORD", "hunter2-secret");
    values.put("NEO4J_MAX_CONNECTION_POOL_SIZE", "0");
    values.put("NEO4J_CONNECTION_TIMEOUT", "5 seconds");
    values.put("NEO4J_CONNECTION_ACQUISITION_TIMEOUT", "-PT1S");
    values.put("NEO4J_TRANSACTION_TIMEOUT", "soon");
    values.put("NEO4J_MAX_TRANSACTION_RETRY_TIME", "PT0S");
    values.put("NEO4J_CREATE_CONSTRAINT", "yes");

    String message = problems(values);

    assertEquals(String.join("\n  - ",
        "Invalid Neo4j settings:",
        "NEO4J_URI must use one of the schemes bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, "
            + "neo4j+ssc, found \"https://graph\"",
        "NEO4J_PASSWORD is set but NEO4J_USERNAME is not: set both for basic authentication, "
            + "or neither for a server without authentication",
        "NEO4J_MAX_CONNECTION_POOL_SIZE must be at least 1, found \"0\"",
        "NEO4J_CONNECTION_TIMEOUT must be an ISO-8601 duration such as PT30S or PT1H, found "
            + "\"5 seconds\"",
        "NEO4J_CONNECTION_ACQUISITION_TIMEOUT must be a positive duration, found \"-PT1S\"",
        "NEO4J_TRANSACTION_TIMEOUT must be an ISO-8601 duration such as PT30S or PT1H, found "
            + "\"soon\"",
        "NEO4J_MAX_TRANSACTION_RETRY_TIME must be a positive duration, found \"PT0S\"",
        "NEO4J_CREATE_CONSTRAINT must be auto, true or false, found \"yes\""), message);
    assertFalse(message.contains("hunter2"), message);
  }

  @Test
  void usernameWithoutPassword_isRejected() {
    assertTrue(problems(Map.of("NEO4J_URI", "bolt://graph", "NEO4J_USERNAME", "neo4j"))
        .contains("NEO4J_USERNAME is set (\"neo4j\") but NEO4J_PASSWORD is not"));
  }

  @Test
  void toString_masksThePassword_andNamesTheRest() {
    Neo4jConfig config = config(Map.of("NEO4J_URI", "bolt://graph:7687",
        "NEO4J_USERNAME", "neo4j", "NEO4J_PASSWORD", "hunter2-secret"));

    assertEquals("Neo4jConfig[uri=bolt://graph:7687, database=(default), username=neo4j, "
        + "password=****, maxPoolSize=100, connectionTimeout=PT5S, acquisitionTimeout=PT5S, "
        + "transactionTimeout=PT5S, maxRetryTime=PT3S, createConstraint=true]",
        config.toString());
  }

  @Test
  void where_namesUriAndDatabase() {
    assertEquals("Neo4j at bolt://graph:7687 (database 'metadata')",
        config(Map.of("NEO4J_URI", "bolt://graph:7687/ignored?x=1", "NEO4J_DATABASE",
            "metadata")).where());
    assertEquals("Neo4j at neo4j://graph (the default database)",
        config(Map.of("NEO4J_URI", "neo4j://graph")).where());
  }

  @Test
  void amundsenProxySettings_becomeTheUriAndCredentials() {
    Neo4jConfig config = config(Map.of(
        "PROXY_CLIENT", "NEO4J",
        "PROXY_HOST", "bolt://neo4j",
        "PROXY_PORT", "7688",
        "CREDENTIALS_PROXY_USER", "neo4j",
        "CREDENTIALS_PROXY_PASSWORD", "test-password"));

    assertEquals("bolt://neo4j:7688", config.uri().toString());
    assertEquals("neo4j", config.username());
    assertEquals("test-password", config.password());
  }

  @Test
  void amundsenProxyEncrypted_choosesTls_forAUriBuiltFromProxyHost() {
    Map<String, String> proxy = Map.of("PROXY_CLIENT", "neo4j", "PROXY_HOST", "neo4j",
        "PROXY_ENCRYPTED", "true");
    Map<String, String> validated = new HashMap<>(proxy);
    validated.put("PROXY_VALIDATE_SSL", "true");
    Map<String, String> explicitUri = new HashMap<>(proxy);
    explicitUri.put("NEO4J_URI", "bolt://other:7687");

    assertEquals("bolt+ssc://neo4j:7687", config(proxy).uri().toString());
    assertEquals("bolt+s://neo4j:7687", config(validated).uri().toString());
    assertEquals("bolt://other:7687", config(explicitUri).uri().toString());
    assertEquals("bolt://neo4j:7687",
        config(Map.of("PROXY_CLIENT", "neo4j", "PROXY_HOST", "neo4j")).uri().toString());
  }

  @Test
  void neo4jSettings_winOverAmundsenAliases() {
    Neo4jConfig config = config(Map.of(
        "PROXY_CLIENT", "NEO4J", "PROXY_HOST", "old-host",
        "CREDENTIALS_PROXY_USER", "old", "CREDENTIALS_PROXY_PASSWORD", "old-password",
        "NEO4J_URI", "neo4j://new-host:7687", "NEO4J_USERNAME", "new",
        "NEO4J_PASSWORD", "new-password"));

    assertEquals("neo4j://new-host:7687", config.uri().toString());
    assertEquals("new", config.username());
    assertEquals("new-password", config.password());
  }
}
