package org.userresolver.google;

import static org.userresolver.http.ProfileMapping.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.http.Urls;

/**
 * Every user of the Workspace account, for a bulk sync: {@code users.list},
 * {@code GET {base}/admin/directory/v1/users?customer=my_customer&maxResults=500&viewType=admin_view},
 * following {@code nextPageToken}. Each user is mapped as a lookup maps it, with
 * {@code user_id} its primary email; a user that cannot be mapped is skipped with the reason.
 * Rate limits are transient failures with Google's delay when it gives one, so the caller may
 * ask for the same page again. Google's {@code users.list} cannot filter by update time (its
 * {@code query} has no such field), so only {@link UserDirectory.Request#all()} is supported.
 * Thread-safe.
 */
final class GoogleUserDirectory implements UserDirectory {
  /** The alias of the service account's own Workspace account. */
  static final String CUSTOMER = "my_customer";
  /** Google's largest page. */
  static final int PAGE_SIZE = 500;

  private final URI base;
  private final GoogleDirectoryApi api;
  private final GoogleUserMapper mapper;
  private final String projection;

  GoogleUserDirectory(URI base, GoogleDirectoryApi api, GoogleUserMapper mapper,
      String projection) {
    this.base = base;
    this.api = api;
    this.mapper = mapper;
    this.projection = projection;
  }

  @Override
  public Page page(Request request, String cursor) {
    if (request.updatedSince().isPresent()) {
      throw new IllegalArgumentException("Google's users.list cannot list users by update time; "
          + "ask for all users");
    }
    URI uri = URI.create(base + GoogleUserResolver.USERS + "?customer=" + CUSTOMER
        + "&maxResults=" + PAGE_SIZE + "&" + GoogleUserResolver.VIEW + projection
        + (cursor == null ? "" : "&pageToken=" + Urls.encode(cursor)));
    JsonNode page = api.get(uri, "listing users of customer " + CUSTOMER).orElseThrow(() ->
        ResolutionException.permanentFailure("no users list at " + base
            + GoogleUserResolver.USERS + " (HTTP 404); check "
            + GoogleUserResolverFactory.DIRECTORY_URL, null));
    List<User> users = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (JsonNode user : page.path("users")) {
      String email = text(user.path("primaryEmail"));
      if (email.isEmpty()) {
        String id = text(user.path("id"));
        skipped.add(new Skipped(id.isEmpty() ? "?" : id, "no primaryEmail"));
        continue;
      }
      try {
        users.add(mapper.map(email, user));
      } catch (ResolutionException e) {
        skipped.add(new Skipped(email, e.getMessage()));
      }
    }
    String next = text(page.path("nextPageToken"));
    return Page.of(users, skipped, next.isEmpty() ? null : next);
  }

  @Override
  public String toString() {
    return "GoogleUserDirectory[" + base + ", customer " + CUSTOMER + "]";
  }
}
