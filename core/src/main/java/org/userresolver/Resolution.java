package org.userresolver;

/**
 * What one lookup through the resolution chain answered and where the answer came from; what
 * a {@link ResolutionListener} receives and {@code user-resolver resolve --explain} prints.
 *
 * @param userId the normalised id that was looked up
 * @param user the profile returned
 * @param source where the profile came from
 * @param detail why, for a fallback; what happened to the store write, for a provider answer;
 *     otherwise empty
 */
public record Resolution(String userId, User user, Source source, String detail) {

  /** Where a profile came from. */
  public enum Source {
    /** The chain's cache; the profile was resolved earlier. */
    CACHE,
    /** The metadata store. */
    STORE,
    /** The identity provider (and then written to the store). */
    PROVIDER,
    /** Nothing knew the user or something failed: the minimal {@code {email, user_id}} profile. */
    FALLBACK;

    /**
     * Returns the lower-case name used in metric tags and explanations.
     *
     * @return for example {@code "store"}
     */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
