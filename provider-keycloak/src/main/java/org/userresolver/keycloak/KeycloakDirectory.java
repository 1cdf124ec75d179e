package org.userresolver.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.http.ProfileMapping;
import org.userresolver.keycloak.KeycloakRealm.Location;

/**
 * The realm's users, for a sync: {@code GET {base}/admin/realms/{realm}/users?first=N&max=M
 * &briefRepresentation=false} (the full representation, attributes included), the cursor being
 * the next offset; {@code GET .../users/count} for the total. Each user is mapped exactly as a
 * lookup of her email maps her; a user without an email (nor a username that is one), or whose
 * profile Amundsen could not show, is skipped. Keycloak cannot list users by update time.
 *
 * <p>Offset paging: a user deleted while the listing runs moves the later ones up a place, so
 * one may be missed by this listing (and listed by the next); a sync never deactivates a user
 * before asking the provider about her once more. Thread-safe.
 */
final class KeycloakDirectory implements UserDirectory {
  /** Default of {@value KeycloakUserResolverFactory#SYNC_PAGE_SIZE}. */
  static final int DEFAULT_PAGE_SIZE = 100;

  private final KeycloakRealm realm;
  private final KeycloakAdminApi api;
  private final KeycloakUserMapper mapper;
  private final int pageSize;

  KeycloakDirectory(KeycloakRealm realm, KeycloakAdminApi api, KeycloakUserMapper mapper,
      int pageSize) {
    this.realm = realm;
    this.api = api;
    this.mapper = mapper;
    this.pageSize = pageSize;
  }

  @Override
  public Page page(Request request, String cursor) {
    requireAll(request);
    int first = offset(cursor);
    Location at = realm.locate();
    String what = "listing users " + first + " to " + (first + pageSize - 1) + " of " + at;
    JsonNode users = api.get(at.users("first=" + first + "&max=" + pageSize
        + "&briefRepresentation=false"), what);
    if (!users.isArray()) {
      throw ResolutionException.permanentFailure("Keycloak answered " + users.getNodeType()
          + ", not an array, while " + what, null);
    }
    List<User> mapped = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (JsonNode user : users) {
      String username = ProfileMapping.text(user.path("username"));
      String email = ProfileMapping.emailOf(ProfileMapping.text(user.path("email")), username);
      if (email.isEmpty()) {
        String id = username.isEmpty() ? ProfileMapping.text(user.path("id")) : username;
        skipped.add(new Skipped(id, "Keycloak user " + id + " of " + at + " has no email"));
        continue;
      }
      try {
        mapped.add(mapper.map(email, user, at));
      } catch (ResolutionException e) {
        skipped.add(new Skipped(email, e.getMessage()));
      }
    }
    String next = users.size() < pageSize ? null : Integer.toString(first + users.size());
    return Page.of(mapped, skipped, next);
  }

  /** The realm's number of users, from {@code GET .../users/count}. */
  @Override
  public OptionalLong count(Request request) {
    requireAll(request);
    Location at = realm.locate();
    JsonNode count = api.get(at.usersCount(), "counting the users of " + at);
    return count.canConvertToLong() ? OptionalLong.of(count.asLong()) : OptionalLong.empty();
  }

  @Override
  public String toString() {
    return "KeycloakDirectory[" + realm + ", " + pageSize + " users a page]";
  }

  private static void requireAll(Request request) {
    if (request.updatedSince().isPresent()) {
      throw new IllegalArgumentException("Keycloak cannot list users by update time");
    }
  }

  private static int offset(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(cursor);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a cursor of the Keycloak listing: " + cursor);
  }
}
