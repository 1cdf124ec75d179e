package org.userresolver.okta;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.userresolver.http.ApiClient;
import org.userresolver.http.DiscoveryDocument;
import org.userresolver.http.JsonResponse;
import org.userresolver.http.ProfileMapping;
import org.userresolver.http.Urls;
import org.userresolver.okta.RateLimitGate.Bucket;

/**
 * The Okta identity provider: {@code GET /api/v1/users/{id}} (id, login or unambiguous short
 * name), then {@code GET /api/v1/users?search=profile.email eq "<id>"}; never the {@code q=}
 * prefix match. A user the first request finds for an email is taken only when its login or
 * email is that email ({@link ProfileMapping#isRequestedUser}); else the search decides. Ids
 * holding {@code /} or {@code ?}, which Okta cannot fetch by path, and {@code me}, which names
 * the caller, go to the search alone. Thread-safe.
 */
final class OktaUserResolver implements UserResolver {
  private static final Logger LOG = LoggerFactory.getLogger(OktaUserResolver.class);
  private static final String USERS = "/api/v1/users";

  private final ApiClient api;
  private final OktaOrg org;
  private final OktaCredentials credentials;
  private final RateLimitGate gate;
  private final OktaUserMapper mapper;
  private final boolean resolveManager;
  private final OktaDirectory directory;

  OktaUserResolver(ApiClient api, OktaOrg org, OktaCredentials credentials,
      RateLimitGate gate, OktaUserMapper mapper, boolean resolveManager) {
    this(api, api, org, credentials, gate, mapper, resolveManager, OktaDirectory.Query.ALL);
  }

  /**
   * Creates the provider.
   *
   * @param api the API client of lookups
   * @param listApi the API client of the listing (a larger cap on the size of an answer)
   * @param query which users the listing gives
   */
  OktaUserResolver(ApiClient api, ApiClient listApi, OktaOrg org, OktaCredentials credentials,
      RateLimitGate gate, OktaUserMapper mapper, boolean resolveManager,
      OktaDirectory.Query query) {
    this.api = api;
    this.org = org;
    this.credentials = credentials;
    this.gate = gate;
    this.mapper = mapper;
    this.resolveManager = resolveManager;
    this.directory = new OktaDirectory(listApi, org, gate, mapper, this::managerEmail, query);
  }

  @Override
  public User resolve(String userId) {
    URI orgUrl = org.url();
    Optional<JsonNode> user = byPath(userId)
        ? fetch(orgUrl, userId).filter(found -> isRequestedUser(userId, found))
        : Optional.empty();
    if (user.isEmpty()) {
      user = searchByEmail(orgUrl, userId);
    }
    JsonNode found = user.orElseThrow(() -> new UserNotFoundException(userId, "Okta " + orgUrl));
    return mapper.map(userId, found, managerEmail(orgUrl, found, null));
  }

  /** Lists the org's users 200 a page, mapped as {@link #resolve} maps them. */
  @Override
  public Optional<UserDirectory> directory() {
    return Optional.of(directory);
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("okta discovery document", () -> {
      Optional<DiscoveryDocument> document = org.document();
      if (org.overridden()) {
        return "org URL " + org.url() + " from " + OktaUserResolverFactory.ORG_URL
            + document.map(d -> "; discovery document issuer " + d.issuer()).orElse("");
      }
      return "issuer " + document.orElseThrow().issuer() + ", org URL " + org.url();
    }));
    if (credentials.tokens().isPresent()) {
      checks.add(new Check("okta token", () -> {
        AccessToken token = credentials.tokens().orElseThrow().token();
        return "access token from " + org.tokenEndpoint() + " for "
            + String.join(" ", token.scopes()) + ", valid until " + token.expiresAt();
      }));
    } else {
      checks.add(new Check("okta API token", () -> {
        URI me = URI.create(org.url() + USERS + "/me");
        call(null, me, "checking the API token").orElseThrow(() ->
            ResolutionException.permanentFailure("Okta does not know the API token's user", null));
        return "API token accepted";
      }));
    }
    checks.add(new Check("okta lookup", () -> {
      URI list = URI.create(org.url() + USERS + "?limit=1");
      JsonNode users = call(Bucket.USERS, list, "listing one user").orElseThrow(() ->
          ResolutionException.permanentFailure("Okta answered 404 to " + list, null)).json();
      return "users readable: " + users.size() + " returned for limit=1";
    }));
    return checks;
  }

  @Override
  public String toString() {
    return "OktaUserResolver[org=" + org + ", auth=" + credentials.describe() + "]";
  }

  /**
   * Whether Okta can fetch this id by path: not with {@code /} or {@code ?}, not "me", and not
   * a dot segment.
   */
  static boolean byPath(String userId) {
    String id = userId.strip();
    return !id.isEmpty() && id.indexOf('/') < 0 && id.indexOf('?') < 0
        && !id.equalsIgnoreCase("me") && !Urls.isDotSegment(id);
  }

  /** {@code profile.email eq "<id>"}, quotes and backslashes escaped. */
  static String emailFilter(String userId) {
    String escaped = userId.replace("\\", "\\\\").replace("\"", "\\\"");
    return "profile.email eq \"" + escaped + "\"";
  }

  /** Whether a user Okta found by path is the one asked for: see {@link ProfileMapping}. */
  private static boolean isRequestedUser(String userId, JsonNode found) {
    JsonNode profile = found.path("profile");
    boolean same = ProfileMapping.isRequestedUser(userId,
        ProfileMapping.text(profile.path("login")), ProfileMapping.text(profile.path("email")));
    if (!same) {
      LOG.debug("Okta answered {} with user {}, whose login and email are not {}; searching by "
          + "email instead", userId, found.path("id").asText("?"), userId);
    }
    return same;
  }

  private Optional<JsonNode> fetch(URI orgUrl, String id) {
    URI uri = URI.create(orgUrl + USERS + "/" + Urls.encode(id));
    return call(Bucket.USER, uri, "looking up " + id).map(JsonResponse::json);
  }

  private Optional<JsonNode> searchByEmail(URI orgUrl, String userId) {
    URI uri = URI.create(orgUrl + USERS + "?search=" + Urls.encode(emailFilter(userId)));
    JsonNode results = call(Bucket.USERS, uri, "searching for " + userId)
        .map(JsonResponse::json)
        .orElseThrow(() -> ResolutionException.permanentFailure(
            "Okta answered 404 to the user search at " + orgUrl + USERS, null));
    if (!results.isArray()) {
      throw ResolutionException.permanentFailure("Okta's user search at " + orgUrl + USERS
          + " answered " + results.getNodeType() + ", not an array", null);
    }
    JsonNode best = null;
    for (JsonNode candidate : results) {
      if (!candidate.path("profile").path("email").asText("").equalsIgnoreCase(userId)) {
        continue;
      }
      if (candidate.path("profile").path("login").asText("").equalsIgnoreCase(userId)) {
        return Optional.of(candidate);
      }
      boolean active = !OktaUserMapper.INACTIVE.contains(candidate.path("status").asText(""));
      if (best == null || (active
          && OktaUserMapper.INACTIVE.contains(best.path("status").asText("")))) {
        best = candidate;
      }
    }
    if (results.size() > 1 && best != null) {
      LOG.debug("{} Okta users have the email {}; using {}", results.size(), userId,
          best.path("id").asText());
    }
    return Optional.ofNullable(best);
  }

  /**
   * The email of a user's manager: her {@code managerId} when it is an email, else the email of
   * the user Okta finds for it, remembered in {@code known} (by manager id) when given.
   */
  String managerEmail(URI orgUrl, JsonNode user, Map<String, String> known) {
    String managerId = user.path("profile").path("managerId").asText("").strip();
    if (!resolveManager || managerId.isEmpty()) {
      return "";
    }
    if (managerId.contains("@")) {
      return managerId;
    }
    if (!byPath(managerId)) {
      return "";
    }
    String remembered = known == null ? null : known.get(managerId);
    if (remembered != null) {
      return remembered;
    }
    try {
      String email = fetch(orgUrl, managerId)
          .map(manager -> manager.path("profile").path("email").asText(""))
          .orElse("");
      if (known != null) {
        known.put(managerId, email);
      }
      return email;
    } catch (ResolutionException e) {
      LOG.debug("could not look up manager {} in Okta: {}", managerId, e.getMessage());
      return "";
    }
  }

  /** Sends one authenticated GET, failing at once while the bucket's rate limit is used up. */
  private Optional<JsonResponse> call(Bucket bucket, URI uri, String what) {
    if (bucket != null) {
      gate.check(bucket);
    }
    return api.get(uri, what);
  }
}
