package org.userresolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class UserTest {

  @Test
  void userId_defaultsToEmail() {
    User user = User.builder().email("ada@example.com").build();

    assertEquals("ada@example.com", user.userId());
  }

  @Test
  void fullName_isFirstAndLast_whenBothExist() {
    assertEquals("Ada Lovelace",
        User.builder().email("a@x.com").firstName("Ada").lastName("Lovelace").build().fullName());
    assertEquals("", User.builder().email("a@x.com").firstName("Ada").build().fullName());
    assertEquals("Countess", User.builder().email("a@x.com").firstName("Ada").lastName("L")
        .fullName("Countess").build().fullName());
  }

  @Test
  void displayName_isFullName_elseEmail() {
    assertEquals("Ada Lovelace", User.builder().email("a@x.com").firstName("Ada")
        .lastName("Lovelace").build().displayName());
    assertEquals("a@x.com", User.builder().email("a@x.com").firstName("Ada").build().displayName());
    assertEquals("Ada", User.builder().userId("u1").displayName("Ada").build().displayName());
  }

  @Test
  void build_rejectsProfileWithoutAnyName_withAmundsensMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> User.builder().userId("u1").teamName("x").build());

    assertEquals("display_name, full_name, or email must be provided", e.getMessage());
  }

  @Test
  void build_rejectsProfileWithoutId_withAmundsensMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> User.builder().fullName("Ada Lovelace").build());

    assertEquals("user_id or email must be provided", e.getMessage());
  }

  @Test
  void missingFields_areEmptyNotNull_andActiveByDefault() {
    User user = User.minimal("a@x.com");

    assertEquals("", user.firstName());
    assertEquals("", user.profileUrl());
    assertEquals(Map.of(), user.otherKeyValues());
    assertTrue(user.isActive());
  }

  @Test
  void otherKeyValues_areImmutable() {
    User user = User.builder().email("a@x.com").otherKeyValue("k", "v").build();

    assertThrows(UnsupportedOperationException.class, () -> user.otherKeyValues().put("x", "y"));
  }

  @Test
  void toBuilder_copiesEveryField() {
    User user = User.builder().email("a@x.com").firstName("A").lastName("B").isActive(false)
        .githubUsername("gh").teamName("t").slackId("s").employeeType("e").managerFullname("m")
        .managerEmail("me").managerId("mi").roleName("r").profileUrl("p")
        .otherKeyValue("k", "v").build();

    assertEquals(user, user.toBuilder().build());
  }
}
