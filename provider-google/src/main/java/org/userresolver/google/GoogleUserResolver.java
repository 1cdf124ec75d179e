package org.userresolver.google;

import static org.userresolver.http.ProfileMapping.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.http.AccessToken;
import org.userresolver.http.Urls;

/**
 * The Google Workspace identity provider:
 * {@code GET {base}/admin/directory/v1/users/{userKey}?viewType=admin_view}, the id
 * percent-encoded as one path segment ({@code .} and {@code ..}, dot segments that no request
 * can carry and no user key is, are unknown without a request). Google answers an alias with
 * the user's primary address; a user is taken for an email id only when its primary email, an
 * alias or one of its emails is that id ({@link GoogleUserMapper#isRequestedUser}), else the id
 * is unknown. Lists users for a bulk sync ({@link GoogleUserDirectory}). Thread-safe.
 */
final class GoogleUserResolver implements UserResolver {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleUserResolver.class);
  /** The users collection under the Admin SDK's base URL. */
  static final String USERS = "/admin/directory/v1/users";
  /**
   * The view of every request: the service account reads as an administrator (the delegated
   * subject, or itself holding an admin role), and only this view has {@code suspended},
   * {@code archived} and the employee information.
   */
  static final String VIEW = "viewType=admin_view";

  private final URI base;
  private final GoogleDirectoryApi api;
  private final GoogleUserMapper mapper;
  private final String projection;

  /**
   * Creates the provider.
   *
   * @param base the Admin SDK's base URL, without a trailing slash
   * @param api the authenticated Directory API
   * @param mapper maps users to profiles
   * @param customSchemas whether to ask for custom schemas ({@code projection=full})
   */
  GoogleUserResolver(URI base, GoogleDirectoryApi api, GoogleUserMapper mapper,
      boolean customSchemas) {
    this.base = base;
    this.api = api;
    this.mapper = mapper;
    this.projection = customSchemas ? "&projection=full" : "";
  }

  @Override
  public User resolve(String userId) {
    JsonNode user = find(userId).orElseThrow(() -> new UserNotFoundException(userId,
        "Google Workspace (" + base + ")"));
    return mapper.map(userId, user);
  }

  @Override
  public Optional<UserDirectory> directory() {
    return Optional.of(new GoogleUserDirectory(base, api, mapper, projection));
  }

  @Override
  public List<Check> checks() {
    ServiceAccountKey key = api.key();
    return List.of(
        new Check("google key file", () -> {
          ServiceAccountKey read = ServiceAccountKey.read(key.file().toString());
          return read + (read.clientId().isEmpty() ? "" : ", client id " + read.clientId())
              + ", token URI " + read.tokenUri();
        }),
        new Check("google token", () -> {
          AccessToken token = api.token();
          return "access token for " + api.actor() + " from " + key.tokenUri() + " for "
              + String.join(" ", token.scopes()) + ", valid until " + token.expiresAt();
        }),
        new Check("google lookup", () -> api.subject().map(this::checkSubject)
            .orElseGet(this::checkList)));
  }

  @Override
  public String toString() {
    return "GoogleUserResolver[" + base + ", " + api + "]";
  }

  /**
   * The user Google returns for the id, when it is the user asked for. A dot segment
   * ({@code .} or {@code ..}) is no user key (an email address, alias or numeric id) and cannot
   * be sent as one: every server and proxy following RFC 3986 removes it before routing
   * ({@code users/..} is the API's root; {@code %2E} is the same as {@code .}), so nothing is
   * sent and the id is unknown.
   */
  private Optional<JsonNode> find(String userId) {
    if (Urls.isDotSegment(userId)) {
      LOG.debug("{} is a dot segment, which no Google user key is and users.get cannot carry; "
          + "taking the id as unknown without asking Google", userId);
      return Optional.empty();
    }
    URI uri = URI.create(base + USERS + "/" + Urls.encode(userId) + "?" + VIEW + projection);
    return api.getUser(uri, "looking up " + userId).filter(user -> {
      boolean same = GoogleUserMapper.isRequestedUser(userId, user);
      if (!same) {
        LOG.debug("Google answered {} with user {}, whose primary email, aliases and emails are "
            + "not {}; taking the id as unknown", userId, text(user.path("id")), userId);
      }
      return same;
    });
  }

  /** With a subject: the subject's own user record. */
  private String checkSubject(String subject) {
    JsonNode user = find(subject).orElseThrow(() -> ResolutionException.permanentFailure(
        "Google Workspace (" + base + ") does not know " + GoogleUserResolverFactory
            .DELEGATED_SUBJECT + " " + subject + "; set it to an administrator's primary email",
        null));
    return "user record of " + subject + " readable (" + text(user.path("primaryEmail")) + ", "
        + text(user.path("name").path("fullName")) + ")";
  }

  /** Without a subject: one user of the account's customer. */
  private String checkList() {
    URI uri = URI.create(base + USERS + "?customer=" + GoogleUserDirectory.CUSTOMER
        + "&maxResults=1&" + VIEW);
    JsonNode page = api.get(uri, "listing one user").orElseThrow(() ->
        ResolutionException.permanentFailure("no users list at " + base + USERS + " (HTTP 404); "
            + "check " + GoogleUserResolverFactory.DIRECTORY_URL, null));
    int count = page.path("users").size();
    if (count == 0) {
      throw ResolutionException.permanentFailure("Google lists no users of customer "
          + GoogleUserDirectory.CUSTOMER + " to " + api.actor(), null);
    }
    return "users of customer " + GoogleUserDirectory.CUSTOMER + " readable: " + count
        + " returned for maxResults=1";
  }
}
