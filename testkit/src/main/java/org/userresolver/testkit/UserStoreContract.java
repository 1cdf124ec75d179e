package org.userresolver.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.userresolver.User;
import org.userresolver.UserStore;
import org.userresolver.UserStore.WriteOutcome;

/**
 * The behaviour every {@link UserStore} must show. A store module's test extends this class and
 * supplies a fresh, empty store per test; store-specific tests go beside it.
 */
public abstract class UserStoreContract {

  /** The store under test, fresh for each test. */
  protected UserStore store;

  /**
   * Returns a new store holding no users (or none of the ids these tests use).
   *
   * @return the store
   * @throws Exception when it cannot be created
   */
  protected abstract UserStore createStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /**
   * Returns a profile with every field set, under the given id.
   *
   * @param id the user id and email
   * @return the profile
   */
  protected static User fullUser(String id) {
    return User.builder()
        .userId(id)
        .email(id)
        .firstName("Ada")
        .lastName("Lovelace")
        .fullName("Ada King Lovelace")
        .displayName("Ada")
        .isActive(false)
        .githubUsername("ada")
        .teamName("Analytical Engines")
        .slackId("U123ADA")
        .employeeType("contractor")
        .managerFullname("Charles Babbage")
        .managerEmail("charles@example.com")
        .managerId("00u1babbage")
        .roleName("Mathematician")
        .profileUrl("https://people.example.com/ada")
        .otherKeyValues(Map.of("office", "London", "cost_center", "1815"))
        .build();
  }

  @Test
  void find_returnsEmpty_forUnknownUser() {
    assertEquals(Optional.empty(), store.find("nobody@example.com"));
  }

  @Test
  void createOrUpdate_createsThenFinds_everyField() {
    User ada = fullUser("ada@example.com");

    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(ada));

    assertEquals(Optional.of(ada), store.find("ada@example.com"));
  }

  @Test
  void createOrUpdate_updatesExistingUser() {
    store.createOrUpdate(User.builder().userId("grace@example.com").email("grace@example.com")
        .firstName("Grace").lastName("Hopper").build());
    User changed = User.builder().userId("grace@example.com").email("grace@example.com")
        .firstName("Grace").lastName("Hopper").roleName("Rear Admiral").teamName("Navy").build();

    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(changed));

    User found = store.find("grace@example.com").orElseThrow();
    assertEquals("Rear Admiral", found.roleName());
    assertEquals("Navy", found.teamName());
    assertEquals("Grace Hopper", found.fullName());
  }

  @Test
  void createOrUpdate_isIdempotent() {
    User linus = User.builder().userId("linus@example.com").email("linus@example.com").build();
    store.createOrUpdate(linus);

    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(linus));
    assertEquals(Optional.of(linus), store.find("linus@example.com"));
  }

  @Test
  void minimalUser_roundTrips() {
    User minimal = User.minimal("min@example.com");

    store.createOrUpdate(minimal);

    User found = store.find("min@example.com").orElseThrow();
    assertEquals("min@example.com", found.email());
    assertEquals("min@example.com", found.displayName());
    assertTrue(found.isActive());
  }

  @Test
  void findAll_returnsKnownUsersOnly() {
    store.createOrUpdate(fullUser("a@example.com"));
    store.createOrUpdate(fullUser("b@example.com"));

    Map<String, User> found = store.findAll(List.of("a@example.com", "x@example.com",
        "b@example.com"));

    assertEquals(2, found.size());
    assertEquals(fullUser("a@example.com"), found.get("a@example.com"));
    assertEquals(fullUser("b@example.com"), found.get("b@example.com"));
  }

  @Test
  void findAll_ofNothing_isEmpty() {
    assertEquals(Map.of(), store.findAll(List.of()));
  }

  @Test
  void ids_areStoredLiterally() {
    String tricky = "o'brien\"}) //\\ \u00e9l\u00e8ve@exa\u0301mple.com";
    User user = User.builder().userId(tricky).email(tricky).build();

    store.createOrUpdate(user);

    assertEquals(Optional.of(user), store.find(tricky));
    assertEquals(Optional.empty(), store.find("o'brien"));
  }
}
