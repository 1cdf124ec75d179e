package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.userresolver.User;
import org.userresolver.UserJson;

final class UserNodesTest {

  /** A node as Amundsen's databuilder writes it: keyed by email, empty strings, no user_id. */
  private static Map<String, Object> databuilderNode() {
    Map<String, Object> node = new HashMap<>();
    node.put("key", "jane@acme.com");
    node.put("email", "jane@acme.com");
    node.put("first_name", "Jane");
    node.put("last_name", "Doe");
    node.put("full_name", "");
    node.put("github_username", "");
    node.put("team_name", "Data Platform");
    node.put("employee_type", "fte");
    node.put("slack_id", "");
    node.put("role_name", "");
    node.put("is_active", true);
    node.put("updated_at", 0L);
    node.put("published_tag", "2024-05-01");
    node.put("publisher_last_updated_epoch_ms", 1714521600000L);
    return node;
  }

  @Test
  void databuilderNode_mapsAsAmundsenDoes() {
    User user = UserNodes.toUser(databuilderNode(), null).orElseThrow();

    assertEquals(User.builder()
        .userId("jane@acme.com")
        .email("jane@acme.com")
        .firstName("Jane")
        .lastName("Doe")
        .fullName("Jane Doe")
        .displayName("Jane Doe")
        .isActive(true)
        .teamName("Data Platform")
        .employeeType("fte")
        .build(), user);
  }

  @Test
  void userIdProperty_winsOverEmail() {
    Map<String, Object> node = databuilderNode();
    node.put("user_id", "00u1jane");

    assertEquals("00u1jane", UserNodes.toUser(node, null).orElseThrow().userId());
  }

  @Test
  void missingIsActive_meansActive_andTextOrNumberFlagsAreRead() {
    Map<String, Object> node = databuilderNode();
    node.remove("is_active");
    assertTrue(UserNodes.toUser(node, null).orElseThrow().isActive());

    for (Object inactive : List.of(false, "False", "false", "0", "no", "", 0L)) {
      node.put("is_active", inactive);
      assertFalse(UserNodes.toUser(node, null).orElseThrow().isActive(), inactive::toString);
    }
    for (Object active : List.of(true, "True", "true", "1", "yes", 1L)) {
      node.put("is_active", active);
      assertTrue(UserNodes.toUser(node, null).orElseThrow().isActive(), active::toString);
    }
  }

  @Test
  void manager_fillsManagerFullnameAndEmail_whenTheNodeLacksThem() {
    Map<String, Object> manager = Map.of("key", "boss@acme.com", "email", "boss@acme.com",
        "full_name", "Grace Boss");

    User user = UserNodes.toUser(databuilderNode(), manager).orElseThrow();

    assertEquals("Grace Boss", user.managerFullname());
    assertEquals("boss@acme.com", user.managerEmail());
  }

  @Test
  void nodesOwnManagerFields_winOverTheManagerNode() {
    Map<String, Object> node = databuilderNode();
    node.put("manager_fullname", "Grace B.");
    node.put("manager_email", "grace@acme.com");

    User user = UserNodes.toUser(node, Map.of("key", "boss@acme.com", "full_name", "Grace Boss"))
        .orElseThrow();

    assertEquals("Grace B.", user.managerFullname());
    assertEquals("grace@acme.com", user.managerEmail());
  }

  @Test
  void bareManagerNode_givesItsKeyAsManagerEmail() {
    User user = UserNodes.toUser(databuilderNode(), Map.of("key", "boss@acme.com"))
        .orElseThrow();

    assertEquals("boss@acme.com", user.managerEmail());
    assertEquals("", user.managerFullname());
  }

  @Test
  void unknownProperties_comeBackAsOtherKeyValues_asAmundsenShowsThem_butBookkeepingDoesNot() {
    Map<String, Object> node = databuilderNode();
    node.put("mode_user_id", "u-42");
    node.put("level", 7L);
    node.put("contractor", false);
    node.put("fte", 0.5);
    node.put("budget", 1e20);
    node.put("groups", List.of("data", "platform"));
    node.put("publisher_created_epoch_ms", 1L);
    node.put("userresolver_last_written_epoch_ms", 2L);

    User user = UserNodes.toUser(node, null).orElseThrow();

    assertEquals(Map.of("mode_user_id", "u-42", "level", "7", "contractor", "False",
        "fte", "0.5", "budget", "1e+20", "groups", "['data', 'platform']"),
        user.otherKeyValues());
  }

  @Test
  void schemaFieldsThatAreNotText_readAsAmundsenShowsThem() {
    Map<String, Object> node = databuilderNode();
    node.put("slack_id", 12345L);

    assertEquals("12345", UserNodes.toUser(node, null).orElseThrow().slackId());
  }

  @Test
  void amundsensOwnerStub_isTheUserItIs() {
    assertEquals(Optional.of(User.minimal("boss@acme.com")), UserNodes.toUser(
        Map.of("key", "boss@acme.com", "email", "boss@acme.com"), null));
  }

  @Test
  void nodeWithoutEmailOrUserId_isNoProfile() {
    assertEquals(Optional.empty(), UserNodes.toUser(Map.of("key", "boss@acme.com"), null));
    assertEquals(Optional.empty(),
        UserNodes.toUser(Map.of("key", "boss@acme.com", "email", ""), null));
  }

  @Test
  void nodeWithoutAnyName_failsAmundsensValidation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserNodes.toUser(Map.of("key", "u1", "user_id", "u1"), null));

    assertEquals(User.NO_DISPLAY_NAME, e.getMessage());
  }

  @Test
  void toProperties_writesNonEmptyFields_activeFlagAndOtherKeyValues() {
    User user = User.builder().userId("ada@example.com").email("ada@example.com")
        .firstName("Ada").isActive(false)
        .otherKeyValue("office", "London").otherKeyValue("desk", "")
        .build();

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("user_id", "ada@example.com");
    expected.put("email", "ada@example.com");
    expected.put("first_name", "Ada");
    expected.put("display_name", "ada@example.com");
    expected.put("is_active", false);
    expected.put("office", "London");
    assertEquals(expected, UserNodes.toProperties(user));
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(UserNodes.toProperties(user).keySet()));
  }

  @Test
  void toProperties_neverWritesKeyBookkeepingOrSchemaNames_fromOtherKeyValues() {
    User user = User.builder().userId("ada@example.com").email("ada@example.com")
        .otherKeyValue("key", "someone-else")
        .otherKeyValue("email", "spoofed@example.com")
        .otherKeyValue("published_tag", "x")
        .otherKeyValue(" ", "blank")
        .otherKeyValue("office", "London")
        .build();

    Map<String, Object> properties = UserNodes.toProperties(user);

    assertEquals("ada@example.com", properties.get("email"));
    assertFalse(properties.containsKey("key"));
    assertFalse(properties.containsKey("published_tag"));
    assertFalse(properties.containsKey(" "));
    assertEquals("London", properties.get("office"));
    assertEquals(List.of(" ", "email", "key", "published_tag"), UserNodes.unwritableKeys(user));
  }

  @Test
  void reservedNames_coverEverySchemaKey_andTheBookkeeping() {
    assertTrue(UserNodes.RESERVED.containsAll(UserJson.KEYS));
    assertTrue(UserNodes.RESERVED.containsAll(List.of("key", "published_tag",
        "publisher_created_epoch_ms", "publisher_last_updated_epoch_ms", "updated_at",
        "userresolver_last_written_epoch_ms", Cypher.CREATED_MARKER)));
  }
}
