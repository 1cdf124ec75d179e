package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.userresolver.User;
import org.userresolver.UserJson;

final class ProfileDiffTest {
  private static final Set<String> ALL = Set.copyOf(UserJson.KEYS);

  private static User listed() {
    return User.builder().userId("ada@example.com").email("ada@example.com").firstName("Ada")
        .lastName("Lovelace").roleName("Mathematician").otherKeyValue("costCenter", "R&D")
        .build();
  }

  @Test
  void equalProfiles_areUnchanged() {
    assertEquals(List.of(), ProfileDiff.changes(listed(), listed(), ALL));
  }

  @Test
  void fieldsTheProviderLeavesEmpty_neverCount() {
    User stored = listed().toBuilder().slackId("U123").managerFullname("Charles Babbage")
        .otherKeyValue("databuilder", "yes").build();

    assertEquals(List.of(), ProfileDiff.changes(listed(), stored, ALL));
  }

  @Test
  void changedNonEmptyFields_activityAndOtherKeys_areNamed() {
    User stored = listed().toBuilder().roleName("Countess").isActive(false)
        .otherKeyValues(Map.of("costCenter", "Ops")).build();

    assertEquals(List.of("is_active", "role_name", "other_key_values"),
        ProfileDiff.changes(listed(), stored, ALL));
  }

  @Test
  void fieldsTheStoreDoesNotKeep_areNotCompared() {
    User listed = listed().toBuilder().displayName("Countess Lovelace").build();
    User stored = listed().toBuilder().otherKeyValues(Map.of()).build(); // display name derived

    assertEquals(List.of("display_name", "other_key_values"),
        ProfileDiff.changes(listed, stored, ALL));
    Set<String> atlasLike = new java.util.HashSet<>(ALL);
    atlasLike.removeAll(Set.of("display_name", "other_key_values"));
    assertEquals(List.of(), ProfileDiff.changes(listed, stored, atlasLike));
  }
}
