package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.userresolver.User;

final class UserEntitiesTest {

  private static JsonNode entity(String attributesJson) {
    return StubEntities.read("{\"typeName\":\"User\",\"guid\":\"g\",\"status\":\"ACTIVE\","
        + "\"attributes\":" + attributesJson + "}");
  }

  @Test
  void aDatabuilderEntity_isReadAsAmundsenShowsIt() {
    JsonNode jane = entity("""
        {"qualifiedName": "jane@acme.com", "email": "jane@acme.com", "first_name": "Jane",
         "last_name": "Doe", "full_name": "", "github_username": "", "team_name": "Data",
         "employee_type": "fte", "manager_email": "", "slack_id": "", "is_active": "False",
         "profile_url": "", "updated_at": "1714521600", "role_name": "Engineer",
         "replicatedFrom": null, "replicatedTo": null}""");

    assertEquals(Optional.of(User.builder()
        .userId("jane@acme.com").email("jane@acme.com").firstName("Jane").lastName("Doe")
        .teamName("Data").employeeType("fte").roleName("Engineer").isActive(false).build()),
        UserEntities.toUser(jane));
    assertEquals("Jane Doe", UserEntities.toUser(jane).orElseThrow().displayName());
  }

  @Test
  void isActive_isText_readInAnyCase_andAbsentMeansActive() {
    Map<String, Boolean> expected = new LinkedHashMap<>();
    expected.put("\"true\"", true);
    expected.put("\"TRUE\"", true);
    expected.put("\"false\"", false);
    expected.put("\"FALSE\"", false);
    expected.put("\"0\"", false);
    expected.put("\"no\"", false);
    expected.put("\"\"", true);
    expected.put("null", true);
    expected.put("false", false);
    expected.forEach((value, active) -> assertEquals(active, UserEntities.toUser(entity(
        "{\"qualifiedName\":\"a@x.com\",\"email\":\"a@x.com\",\"is_active\":" + value + "}"))
        .orElseThrow().isActive(), value));
    assertTrue(UserEntities.toUser(entity("{\"qualifiedName\":\"a@x.com\",\"email\":\"a@x.com\"}"))
        .orElseThrow().isActive());
  }

  @Test
  void aBareOwnerEntity_isNoProfile() {
    assertEquals(Optional.empty(), UserEntities.toUser(entity("""
        {"qualifiedName": "owner@acme.com", "email": null, "first_name": null,
         "last_name": null, "full_name": null, "is_active": null}""")));
    assertEquals(Optional.empty(), UserEntities.toUser(entity("""
        {"qualifiedName": "owner@acme.com", "email": "", "first_name": ""}""")));
  }

  @Test
  void anEntityWithAnEmailOnly_isTheStubItIs() {
    User stub = UserEntities.toUser(entity(
        "{\"qualifiedName\":\"owner@acme.com\",\"email\":\"owner@acme.com\"}")).orElseThrow();

    assertEquals(User.minimal("owner@acme.com"), stub);
  }

  @Test
  void anEntityThatFailsAmundsensValidation_isNoProfile() {
    assertEquals(Optional.empty(), UserEntities.toUser(entity(
        "{\"qualifiedName\":\"x\",\"first_name\":\"Ada\"}")));
  }

  @Test
  void theQualifiedName_isTheUserId_asItIs() {
    User user = UserEntities.toUser(entity(
        "{\"qualifiedName\":\"  Mixed Case \",\"email\":\" a@x.com \"}")).orElseThrow();

    assertEquals("  Mixed Case ", user.userId());
    assertEquals("a@x.com", user.email());
  }

  @Test
  void writing_sendsTheQualifiedName_theNonEmptyFields_andIsActive_only() {
    User user = User.builder().userId("ada@x.com").email("ada@x.com").firstName("Ada")
        .displayName("Countess").managerFullname("Charles").managerId("00u1")
        .otherKeyValue("office", "London").isActive(false).build();

    assertEquals(Map.of("qualifiedName", "ada@x.com", "email", "ada@x.com", "first_name", "Ada",
        "is_active", "false"), UserEntities.toAttributes(user));
    assertEquals(List.of("qualifiedName", "email", "first_name", "is_active"),
        List.copyOf(UserEntities.toAttributes(user).keySet()));
  }

  @Test
  void theEntitySent_carriesTypeAttributesAndTheLabel() {
    JsonNode entity = UserEntities.toEntity(User.minimal("a@x.com"));

    assertEquals("{\"typeName\":\"User\",\"attributes\":{\"qualifiedName\":\"a@x.com\","
        + "\"email\":\"a@x.com\",\"is_active\":\"true\"},\"labels\":[\"userresolver\"]}",
        entity.toString());
  }

  @Test
  void everyAttributeWritten_isOneOfAmundsensTypedef() {
    User full = User.builder().userId("u").email("e").firstName("f").lastName("l")
        .fullName("fn").githubUsername("g").teamName("t").employeeType("et").managerEmail("m")
        .slackId("s").profileUrl("p").roleName("r").build();

    Map<String, String> attributes = UserEntities.toAttributes(full);

    assertEquals(13, attributes.size());
    for (String name : attributes.keySet()) {
      assertTrue(name.equals("qualifiedName") || UserEntities.ATTRIBUTES.contains(name), name);
    }
    assertFalse(attributes.containsKey("updated_at"));
  }
}
