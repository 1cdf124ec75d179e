package org.userresolver.okta;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.http.ApiClient;
import org.userresolver.http.JsonResponse;
import org.userresolver.http.ProfileMapping;
import org.userresolver.http.Urls;
import org.userresolver.okta.RateLimitGate.Bucket;

/**
 * The Okta org's users, for a sync: {@code GET /api/v1/users?limit=200}, with the configured
 * {@code filter} or {@code search} expression, following the {@code Link: <...>; rel="next"}
 * header from page to page (the cursor is that URL, accepted only on the org's own host and
 * path, so the credentials go nowhere else). A time ({@link Request#updatedSince}) adds
 * {@code lastUpdated gt "<time>"} to the expression with {@code and} (to the search when none
 * is configured). Users are mapped exactly as a lookup of their email maps them, manager email
 * included (managers remembered for an hour, and taken from the pages themselves where they
 * are listed); a user without an email, or whose profile Amundsen could not show, is skipped.
 * The rate-limit gate fails a page fast, transiently, while the list endpoint's limit is used
 * up: the sync waits for the reset. Thread-safe.
 */
final class OktaDirectory implements UserDirectory {
  /** Users per page: the most Okta's list endpoint gives. */
  static final int PAGE_SIZE = 200;
  private static final String USERS = "/api/v1/users";
  private static final long MANAGER_MEMORY_SECONDS = 3600;
  private static final int MANAGER_MEMORY_SIZE = 100_000;
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;[^,<]*)*)");
  private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");
  private static final DateTimeFormatter OKTA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Finds a user's manager's email, remembering managers in the map given. */
  @FunctionalInterface
  interface Managers {
    String emailOf(URI orgUrl, JsonNode user, Map<String, String> known);
  }

  /**
   * Which users the listing gives: Okta's {@code filter} or {@code search} expression, or
   * neither (then Okta lists every user but the deprovisioned ones).
   *
   * @param filter the filter expression, or {@code null}
   * @param search the search expression, or {@code null}
   */
  record Query(String filter, String search) {
    /** Every user Okta lists without an expression. */
    static final Query ALL = new Query(null, null);

    /** The query string of the first page, {@code limit=200} and the expressions. */
    String firstPage(Optional<Instant> since) {
      String filterExpression = filter;
      String searchExpression = search;
      if (since.isPresent()) {
        String updated = "lastUpdated gt \"" + OKTA_TIME.format(since.get()) + "\"";
        if (filter != null) {
          filterExpression = and(filter, updated);
        } else {
          searchExpression = search == null ? updated : and(search, updated);
        }
      }
      StringBuilder query = new StringBuilder("limit=" + PAGE_SIZE);
      if (filterExpression != null) {
        query.append("&filter=").append(Urls.encode(filterExpression));
      }
      if (searchExpression != null) {
        query.append("&search=").append(Urls.encode(searchExpression));
      }
      return query.toString();
    }

    private static String and(String expression, String condition) {
      return "(" + expression + ") and " + condition;
    }
  }

  private final ApiClient api;
  private final OktaOrg org;
  private final RateLimitGate gate;
  private final OktaUserMapper mapper;
  private final Managers managers;
  private final Query query;
  private final Map<String, String> knownManagers = new ConcurrentHashMap<>();
  private volatile long knownSince = System.nanoTime();

  OktaDirectory(ApiClient api, OktaOrg org, RateLimitGate gate, OktaUserMapper mapper,
      Managers managers, Query query) {
    this.api = api;
    this.org = org;
    this.gate = gate;
    this.mapper = mapper;
    this.managers = managers;
    this.query = Objects.requireNonNull(query, "query");
  }

  @Override
  public Page page(Request request, String cursor) {
    URI orgUrl = org.url();
    URI uri = cursor == null
        ? URI.create(orgUrl + USERS + "?" + query.firstPage(request.updatedSince()))
        : onOrg(orgUrl, cursor);
    gate.check(Bucket.USERS);
    JsonResponse response = api.get(uri, "listing users").orElseThrow(() ->
        ResolutionException.permanentFailure("Okta answered 404 to the user list at " + orgUrl
            + USERS, null));
    JsonNode users = response.json();
    if (!users.isArray()) {
      throw ResolutionException.permanentFailure("Okta's user list at " + orgUrl + USERS
          + " answered " + users.getNodeType() + ", not an array", null);
    }
    Map<String, String> known = knownManagers();
    for (JsonNode user : users) {
      String email = email(user);
      if (!email.isEmpty()) {
        known.putIfAbsent(ProfileMapping.text(user.path("id")), email);
      }
    }
    List<User> mapped = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (JsonNode user : users) {
      map(orgUrl, user, known, mapped, skipped);
    }
    return Page.of(mapped, skipped, next(orgUrl, response).orElse(null));
  }

  /** Returns {@code true}: Okta lists users by {@code lastUpdated}. */
  @Override
  public boolean supportsUpdatedSince() {
    return true;
  }

  @Override
  public String toString() {
    return "OktaDirectory[" + org + ", " + query + "]";
  }

  private void map(URI orgUrl, JsonNode user, Map<String, String> known, List<User> mapped,
      List<Skipped> skipped) {
    String oktaId = ProfileMapping.text(user.path("id"));
    String email = email(user);
    if (email.isEmpty()) {
      String login = ProfileMapping.text(user.path("profile").path("login"));
      skipped.add(new Skipped(login.isEmpty() ? oktaId : login, "Okta user "
          + (oktaId.isEmpty() ? login : oktaId) + " has no email"));
      return;
    }
    try {
      mapped.add(mapper.map(email, user, managers.emailOf(orgUrl, user, known)));
    } catch (ResolutionException e) {
      skipped.add(new Skipped(email, e.getMessage()));
    }
  }

  private static String email(JsonNode user) {
    JsonNode profile = user.path("profile");
    return ProfileMapping.emailOf(ProfileMapping.text(profile.path("email")),
        ProfileMapping.text(profile.path("login")));
  }

  /** The managers remembered, forgotten after an hour or beyond their size limit. */
  private Map<String, String> knownManagers() {
    long age = System.nanoTime() - knownSince;
    if (age > MANAGER_MEMORY_SECONDS * 1_000_000_000L
        || knownManagers.size() > MANAGER_MEMORY_SIZE) {
      knownManagers.clear();
      knownSince = System.nanoTime();
    }
    return knownManagers;
  }

  /** The next page's URL from the {@code Link} headers, checked to be on the org. */
  static Optional<String> next(URI orgUrl, JsonResponse response) {
    for (String header : response.headerValues("Link")) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        Matcher rel = NEXT.matcher(link.group(2));
        while (rel.find()) {
          if (List.of(rel.group(1).trim().toLowerCase(Locale.ROOT).split("\\s+"))
              .contains("next")) {
            return Optional.of(onOrg(orgUrl, link.group(1).trim()).toString());
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The URL of a next page, which must be the org's user list: same scheme, host and port, path
   * {@code /api/v1/users}; anything else would send the credentials elsewhere.
   */
  static URI onOrg(URI orgUrl, String cursor) {
    URI uri;
    try {
      uri = new URI(cursor);
    } catch (java.net.URISyntaxException e) {
      throw ResolutionException.permanentFailure("Okta's next-page link is not a URL ("
          + e.getReason() + ")", null);
    }
    String expectedPath = (orgUrl.getRawPath() == null ? "" : orgUrl.getRawPath()) + USERS;
    boolean same = uri.isAbsolute()
        && orgUrl.getScheme().equalsIgnoreCase(uri.getScheme())
        && orgUrl.getHost() != null && orgUrl.getHost().equalsIgnoreCase(uri.getHost())
        && port(orgUrl) == port(uri)
        && expectedPath.equals(uri.getRawPath())
        && uri.getRawUserInfo() == null;
    if (!same) {
      throw ResolutionException.permanentFailure("Okta's next-page link points to "
          + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":"
          + uri.getPort()) + uri.getRawPath() + ", not to the user list of the org " + orgUrl
          + "; not following it with the org's credentials", null);
    }
    return uri;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }
}
