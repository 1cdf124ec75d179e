package org.userresolver.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;

/**
 * The behaviour every identity provider's {@link UserResolver} must show. A provider module's
 * test extends this class, supplies a provider that knows {@link #knownUser()} and does not know
 * {@link #unknownUserId()}; provider-specific tests go beside it.
 */
public abstract class UserResolverContract {

  /** The provider under test, fresh for each test. */
  protected UserResolver resolver;

  /**
   * Returns a new provider that knows {@link #knownUser()}.
   *
   * @return the provider
   * @throws Exception when it cannot be created
   */
  protected abstract UserResolver createResolver() throws Exception;

  /**
   * Returns the profile the provider must return for {@code knownUser().email()}; compared on
   * email, first, last and display name.
   *
   * @return the expected profile
   */
  protected abstract User knownUser();

  /**
   * Returns an id the provider does not know.
   *
   * @return the id
   */
  protected String unknownUserId() {
    return "nobody-" + Long.toHexString(System.nanoTime()) + "@example.com";
  }

  @BeforeEach
  void openResolver() throws Exception {
    resolver = createResolver();
  }

  @AfterEach
  void closeResolver() {
    resolver.close();
  }

  @Test
  void resolve_returnsKnownUser() {
    User expected = knownUser();

    User user = resolver.resolve(expected.email());

    assertSameProfile(expected, user);
  }

  @Test
  void resolve_throwsUserNotFound_naming_theId() {
    String id = unknownUserId();

    UserNotFoundException e = assertThrows(UserNotFoundException.class, () -> resolver.resolve(id));

    assertEquals(id, e.userId());
    assertTrue(e.getMessage().contains(id), e.getMessage());
  }

  @Test
  void resolve_treatsAwkwardIdsAsUnknown_notAsErrors() {
    String id = "o'brien\"/../?q=*&x=%20\u00e9@example.com";

    assertThrows(UserNotFoundException.class, () -> resolver.resolve(id));
  }

  @Test
  void resolveAsync_completesWithKnownUser() throws Exception {
    User expected = knownUser();

    User user = resolver.resolveAsync(expected.email()).get(30, TimeUnit.SECONDS);

    assertSameProfile(expected, user);
  }

  @Test
  void resolveAsync_failsWithUserNotFound() {
    CompletionException e = assertThrows(CompletionException.class,
        () -> resolver.resolveAsync(unknownUserId()).join());

    assertTrue(e.getCause() instanceof UserNotFoundException, String.valueOf(e.getCause()));
  }

  @Test
  void resolveAll_returnsKnownAndLeavesOutUnknown() {
    String known = knownUser().email();
    String unknown = unknownUserId();

    Map<String, User> users = resolver.resolveAll(List.of(known, unknown));

    assertEquals(List.of(known), List.copyOf(users.keySet()));
    assertSameProfile(knownUser(), users.get(known));
  }

  @Test
  void checks_pass_forAWorkingConfiguration() {
    for (Check check : resolver.checks()) {
      Check.Result result = check.run();
      assertTrue(result.ok(), result.name() + ": " + result.detail());
    }
  }

  @Test
  void toString_namesTheProvider() {
    assertNotNull(resolver.toString());
    assertFalse(resolver.toString().isBlank());
  }

  @Test
  void close_isIdempotent() {
    resolver.close();
    resolver.close();
  }

  /**
   * Asserts the fields every provider maps.
   *
   * @param expected the expected profile
   * @param actual the profile returned
   */
  protected static void assertSameProfile(User expected, User actual) {
    assertNotNull(actual);
    assertEquals(expected.email(), actual.email(), "email");
    assertEquals(expected.firstName(), actual.firstName(), "first_name");
    assertEquals(expected.lastName(), actual.lastName(), "last_name");
    assertEquals(expected.displayName(), actual.displayName(), "display_name");
    assertEquals(expected.isActive(), actual.isActive(), "is_active");
  }
}
