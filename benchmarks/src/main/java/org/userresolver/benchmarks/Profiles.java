package org.userresolver.benchmarks;

import java.util.Optional;
import java.util.ServiceLoader;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;
import org.userresolver.spi.UserStoreFactory;

/**
 * The benchmarks' users: ids, realistic profiles as an identity provider returns them, and the
 * built-in memory store.
 */
final class Profiles {

  private Profiles() {}

  /** Returns the id of user number {@code n}: {@code user<n>@example.com}. */
  static String id(long n) {
    return "user" + n + "@example.com";
  }

  /** Returns the ids of users {@code 0 .. count - 1}. */
  static String[] ids(int count) {
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = id(i);
    }
    return ids;
  }

  /**
   * Returns a full profile for an id, shaped like an Okta user mapped to Amundsen's
   * {@code UserSchema}: names, team, title, manager, profile link and one extra attribute. Every
   * string is new, as when a provider parses a JSON response, so a cached profile shares nothing
   * with the caller.
   */
  static User profile(String id) {
    int at = id.indexOf('@');
    String local = at > 0 ? id.substring(0, at) : id;
    String number = local.replaceAll("\\D", "");
    return User.builder()
        .userId(new String(id.toCharArray()))
        .email(new String(id.toCharArray()))
        .firstName("Firstname" + number)
        .lastName("Lastname" + number)
        .teamName("Data Platform " + (number.hashCode() & 63))
        .roleName(new String("Senior Data Engineer"))
        .employeeType(new String("full_time"))
        .slackId("U0" + Integer.toHexString(id.hashCode()).toUpperCase())
        .githubUsername(local + "-gh")
        .managerEmail("manager" + (number.hashCode() & 1023) + "@example.com")
        .managerFullname("Manager Name " + (number.hashCode() & 1023))
        .profileUrl("https://acme.okta.com/api/v1/users/00u" + Integer.toHexString(id.hashCode()))
        .otherKeyValue("okta_id", "00u" + Integer.toHexString(id.hashCode()) + "x7")
        .build();
  }

  /** Creates the built-in {@code memory} store, found as the chain finds it. */
  static UserStore memoryStore() {
    for (UserStoreFactory factory : ServiceLoader.load(UserStoreFactory.class)) {
      if (factory.name().equals("memory")) {
        return factory.create(Settings.of(java.util.Map.of()));
      }
    }
    throw new IllegalStateException("the memory store is not on the class path");
  }

  /** Creates a memory store holding users {@code 0 .. count - 1}. */
  static UserStore memoryStoreWith(int count) {
    UserStore store = memoryStore();
    for (int i = 0; i < count; i++) {
      store.createOrUpdate(profile(id(i)));
    }
    return store;
  }

  /** Returns the store's profile of an id, failing when it is absent. */
  static User required(Optional<User> user, String id) {
    return user.orElseThrow(() -> new IllegalStateException("the store does not hold " + id));
  }
}
