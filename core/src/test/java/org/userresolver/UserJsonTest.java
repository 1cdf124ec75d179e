package org.userresolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class UserJsonTest {

  @Test
  void write_emitsEveryKey_inSchemaOrder() {
    String json = UserJson.write(User.minimal("a@x.com"));

    assertEquals("{\"user_id\":\"a@x.com\",\"email\":\"a@x.com\",\"first_name\":\"\","
        + "\"last_name\":\"\",\"full_name\":\"\",\"display_name\":\"a@x.com\",\"is_active\":true,"
        + "\"github_username\":\"\",\"team_name\":\"\",\"slack_id\":\"\",\"employee_type\":\"\","
        + "\"manager_fullname\":\"\",\"manager_email\":\"\",\"manager_id\":\"\",\"role_name\":\"\","
        + "\"profile_url\":\"\",\"other_key_values\":{}}", json);
  }

  @Test
  void read_appliesDerivations_andIgnoresUnknownKeys() {
    User user = UserJson.read("{\"email\":\"ada@x.com\",\"first_name\":\"Ada\","
        + "\"last_name\":\"Lovelace\",\"favourite_colour\":\"green\",\"profile_url\":null}");

    assertEquals("ada@x.com", user.userId());
    assertEquals("Ada Lovelace", user.fullName());
    assertEquals("Ada Lovelace", user.displayName());
    assertEquals("", user.profileUrl());
  }

  @Test
  void roundTrip_keepsEveryField() {
    User user = User.builder().userId("u1").email("a@x.com").firstName("A").lastName("B")
        .fullName("A B").displayName("AB").isActive(false).githubUsername("gh").teamName("t")
        .slackId("s").employeeType("e").managerFullname("m").managerEmail("me").managerId("mi")
        .roleName("r").profileUrl("p").otherKeyValues(Map.of("k", "v")).build();

    assertEquals(user, UserJson.read(UserJson.write(user)));
    assertEquals(user, UserJson.fromMap(UserJson.toMap(user)));
  }

  @Test
  void read_acceptsIsActiveAsText() {
    assertFalse(UserJson.read("{\"email\":\"a@x.com\",\"is_active\":\"false\"}").isActive());
  }

  @Test
  void read_rejectsWrongTypes_namingTheKey() {
    assertEquals("first_name must be a string, found object",
        assertThrows(IllegalArgumentException.class,
            () -> UserJson.read("{\"email\":\"a@x.com\",\"first_name\":{}}")).getMessage());
    assertEquals("is_active must be true or false, found \"yes\"",
        assertThrows(IllegalArgumentException.class,
            () -> UserJson.read("{\"email\":\"a@x.com\",\"is_active\":\"yes\"}")).getMessage());
    assertEquals("other_key_values.k must be a string, found array",
        assertThrows(IllegalArgumentException.class,
            () -> UserJson.read("{\"email\":\"a@x.com\",\"other_key_values\":{\"k\":[]}}"))
            .getMessage());
  }

  @Test
  void read_rejectsInvalidProfile_withAmundsensMessage() {
    assertEquals(User.NO_DISPLAY_NAME, assertThrows(IllegalArgumentException.class,
        () -> UserJson.read("{\"user_id\":\"u1\"}")).getMessage());
  }

  @Test
  void readArray_namesTheBadEntry() {
    assertEquals("entry 1: " + User.NO_USER_ID, assertThrows(IllegalArgumentException.class,
        () -> UserJson.readArray("[{\"email\":\"a@x.com\"},{\"display_name\":\"X\"}]"))
        .getMessage());
    assertEquals("expected a JSON array of users, found object",
        assertThrows(IllegalArgumentException.class, () -> UserJson.readArray("{}"))
            .getMessage());
    assertEquals(List.of(User.minimal("a@x.com")), UserJson.readArray("[{\"email\":\"a@x.com\"}]"));
  }
}
