package org.userresolver;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An identity provider's list of users, read one page at a time: what a bulk sync streams into
 * the store. An optional capability of a provider ({@link UserResolver#directory()}); each page
 * maps users exactly as the provider's single lookup does, with {@code user_id} the user's
 * primary email (else the id the provider would be asked by).
 *
 * <p>A page is fetched only when asked for, so a caller holds one page at a time however large
 * the directory. {@link #page} throws {@link ResolutionException} like a lookup: transient for
 * rate limits, 5xx and I/O (with the wait the provider asked for, when it said), permanent
 * otherwise; the caller decides whether to wait and ask for the same page again.
 * Implementations are thread-safe.
 */
public interface UserDirectory {

  /**
   * Fetches one page of users.
   *
   * @param request which users
   * @param cursor where the page starts: {@code null} for the first page, else the
   *     {@link Page#next()} of the page before
   * @return the page
   * @throws ResolutionException when the provider fails
   * @throws IllegalArgumentException when the request asks for what this directory cannot do
   *     (see {@link #supportsUpdatedSince()})
   */
  Page page(Request request, String cursor);

  /**
   * Tells whether {@link Request#updatedSince()} is supported, so only users changed since a
   * time are listed.
   *
   * @return {@code true} when it is
   */
  default boolean supportsUpdatedSince() {
    return false;
  }

  /**
   * Returns how many users a request lists, when the provider can tell without listing them
   * (Keycloak's user count, the file provider's size); a sync's progress bar uses it for its
   * estimate of the time left. The default cannot tell.
   *
   * @param request which users
   * @return the number of users, or empty when unknown
   * @throws ResolutionException when the provider fails
   */
  default OptionalLong count(Request request) {
    return OptionalLong.empty();
  }

  /** Which users to list. Immutable. */
  final class Request {
    private static final Request ALL = new Request(null);
    private final Instant updatedSince;

    private Request(Instant updatedSince) {
      this.updatedSince = updatedSince;
    }

    /**
     * Returns the request for every user.
     *
     * @return the request
     */
    public static Request all() {
      return ALL;
    }

    /**
     * Returns the request for users created or changed after a time.
     *
     * @param since the time
     * @return the request
     */
    public static Request updatedSince(Instant since) {
      return new Request(Objects.requireNonNull(since, "since"));
    }

    /**
     * Returns the time only users changed after are listed, if any.
     *
     * @return the time, or empty for every user
     */
    public Optional<Instant> updatedSince() {
      return Optional.ofNullable(updatedSince);
    }

    @Override
    public String toString() {
      return updatedSince == null ? "all users" : "users updated since " + updatedSince;
    }
  }

  /** One page of users, the entries that could not be mapped, and where the next page starts. */
  final class Page {
    private final List<User> users;
    private final List<Skipped> skipped;
    private final String next;

    private Page(List<User> users, List<Skipped> skipped, String next) {
      this.users = List.copyOf(users);
      this.skipped = List.copyOf(skipped);
      this.next = next;
    }

    /**
     * Returns a page.
     *
     * @param users the users, mapped as the single lookup maps them
     * @param skipped the entries that are no profile (no email, failing Amundsen's validation)
     * @param next the cursor of the next page, or {@code null} on the last page
     * @return the page
     */
    public static Page of(List<User> users, List<Skipped> skipped, String next) {
      return new Page(users, skipped, next);
    }

    /**
     * Returns the users of this page.
     *
     * @return the users
     */
    public List<User> users() {
      return users;
    }

    /**
     * Returns the entries of this page that are no profile.
     *
     * @return the skipped entries
     */
    public List<Skipped> skipped() {
      return skipped;
    }

    /**
     * Returns where the next page starts.
     *
     * @return the cursor, or empty on the last page
     */
    public Optional<String> next() {
      return Optional.ofNullable(next);
    }

    @Override
    public String toString() {
      return "Page[" + users.size() + " users, " + skipped.size() + " skipped"
          + (next == null ? ", last" : "") + "]";
    }
  }

  /**
   * A directory entry that is no profile.
   *
   * @param id what identifies it in the provider (an email, a login, the provider's id)
   * @param reason why it was skipped
   */
  record Skipped(String id, String reason) {

    /**
     * Checks the values.
     *
     * @param id what identifies it in the provider
     * @param reason why it was skipped
     */
    public Skipped {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
