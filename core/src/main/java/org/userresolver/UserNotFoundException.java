package org.userresolver;

/**
 * Thrown by an identity provider's {@link UserResolver#resolve} when it does not know the user.
 *
 * <p>The resolution chain turns it into the minimal fallback profile; it never reaches callers
 * of the chain.
 */
public final class UserNotFoundException extends RuntimeException {
  /** The serial form's version. */
  private static final long serialVersionUID = 1L;

  /** The id that was looked up. */
  private final String userId;

  /**
   * Creates the exception for one user id.
   *
   * @param userId the id that was looked up
   * @param where what was asked, for the message (for example {@code "Okta"})
   */
  public UserNotFoundException(String userId, String where) {
    super("user " + userId + " not found in " + where);
    this.userId = userId;
  }

  /**
   * Returns the id that was looked up.
   *
   * @return the user id
   */
  public String userId() {
    return userId;
  }
}
