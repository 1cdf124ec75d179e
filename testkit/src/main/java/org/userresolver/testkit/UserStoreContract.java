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

  /**
   * Returns the profile this store gives back for one it was given. The default is the profile
   * itself; a store whose schema keeps only part of a profile (Apache Atlas has no
   * {@code manager_fullname}, for example) returns the part it keeps.
   *
   * @param written the profile written
   * @return the profile expected from {@link UserStore#find}
   */
  protected User asStored(User written) {
    return written;
  }

  @Test
  void find_returnsEmpty_forUnknownUser() {
    assertEquals(Optional.empty(), store.find("nobody@example.com"));
  }

  @Test
  void createOrUpdate_createsThenFinds_everyField() {
    User ada = fullUser("ada@example.com");

    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(ada));

    assertEquals(Optional.of(asStored(ada)), store.find("ada@example.com"));
  }

  @Test
  void createOrUpdate_neverErasesStoredFields_withEmptyOnes() {
    store.createOrUpdate(fullUser("kept@example.com"));
    User partial = User.builder().userId("kept@example.com").email("kept@example.com")
        .firstName("Ada").lastName("Byron").isActive(false).build();

    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(partial));

    User found = store.find("kept@example.com").orElseThrow();
    assertEquals("Byron", found.lastName(), "a new non-empty value wins");
    assertEquals(asStored(fullUser("kept@example.com")).roleName(), found.roleName());
    assertEquals(asStored(fullUser("kept@example.com")).teamName(), found.teamName());
    assertEquals(asStored(fullUser("kept@example.com")).managerEmail(), found.managerEmail());
    assertEquals(asStored(fullUser("kept@example.com")).otherKeyValues(),
        found.otherKeyValues());
  }

  @Test
  void createOrUpdateAll_writesEveryUser_andSaysWhatHappened() {
    store.createOrUpdate(fullUser("old@example.com"));

    Map<String, WriteOutcome> outcomes = store.createOrUpdateAll(List.of(
        fullUser("old@example.com"), fullUser("new@example.com")));

    assertEquals(Map.of("old@example.com", WriteOutcome.UPDATED,
        "new@example.com", WriteOutcome.CREATED), outcomes);
    assertEquals(Optional.of(asStored(fullUser("new@example.com"))),
        store.find("new@example.com"));
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
    assertEquals(asStored(fullUser("a@example.com")), found.get("a@example.com"));
    assertEquals(asStored(fullUser("b@example.com")), found.get("b@example.com"));
  }

  @Test
  void userIds_whenTheStoreCanList_holdEveryUserItWrote() {
    store.createOrUpdate(fullUser("one@example.com"));
    store.createOrUpdateAll(List.of(fullUser("two@example.com")));

    store.userIds(true).ifPresent(ids -> assertTrue(
        ids.containsAll(List.of("one@example.com", "two@example.com")), ids.toString()));
    store.userIds(false).ifPresent(ids -> assertTrue(
        ids.containsAll(List.of("one@example.com", "two@example.com")), ids.toString()));
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
