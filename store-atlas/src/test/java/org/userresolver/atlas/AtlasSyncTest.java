package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.SyncReport;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.UserSync;

/** A sync into Atlas compares only what Atlas keeps, so an unchanged directory writes nothing. */
final class AtlasSyncTest {
  private final AtlasStub atlas = AtlasStub.start();
  private final AtlasUserStore store = atlas.store(Map.of());

  @AfterEach
  void stop() {
    atlas.close();
  }

  @Test
  void keptFields_areTheUserTypesAttributes() {
    Set<String> kept = store.keptFields();

    assertTrue(kept.containsAll(List.of("user_id", "email", "first_name", "full_name",
        "manager_email", "is_active", "role_name")), kept.toString());
    for (String dropped : List.of("display_name", "manager_fullname", "manager_id",
        "other_key_values")) {
      assertTrue(!kept.contains(dropped), dropped + " is not kept: " + kept);
    }
  }

  @Test
  void secondSync_ofAnUnchangedDirectory_writesNothing() {
    List<User> users = List.of(profile("ada@example.com"), profile("grace@example.com"));
    UserResolver directory = new UserResolver() {
      @Override
      public User resolve(String userId) {
        throw new UserNotFoundException(userId, "the test directory");
      }

      @Override
      public Optional<UserDirectory> directory() {
        return Optional.of((request, cursor) -> UserDirectory.Page.of(users, List.of(), null));
      }
    };

    SyncReport first = sync(directory);
    int writes = atlas.requests("POST", "/api/atlas/v2/entity/bulk").size();
    SyncReport second = sync(directory);

    assertEquals(2, first.created());
    assertEquals(2, second.unchanged(), second.summary());
    assertEquals(0, second.updated(), second.summary());
    assertEquals(writes, atlas.requests("POST", "/api/atlas/v2/entity/bulk").size());
  }

  private SyncReport sync(UserResolver directory) {
    return UserSync.builder().settings(Settings.of(Map.of())).provider(directory).store(store)
        .build().run();
  }

  /** A full profile, with the fields Atlas has no attribute for. */
  private static User profile(String email) {
    return User.builder().userId(email).email(email).firstName("Ada").lastName("Lovelace")
        .displayName("Ada L.").managerFullname("Charles Babbage").managerId("00u1")
        .managerEmail("charles@example.com").roleName("Mathematician")
        .otherKeyValues(Map.of("office", "London")).build();
  }
}
