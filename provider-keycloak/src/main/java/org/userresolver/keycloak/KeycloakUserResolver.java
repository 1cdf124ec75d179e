package org.userresolver.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.userresolver.Check;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.http.AccessToken;
import org.userresolver.http.DiscoveryDocument;
import org.userresolver.http.ProfileMapping;
import org.userresolver.http.Urls;
import org.userresolver.keycloak.KeycloakRealm.Location;

/**
 * The Keycloak identity provider: {@code GET {base}/admin/realms/{realm}/users?email=<id>&exact=true},
 * then {@code ?username=<id>&exact=true}; more than one match is an error naming the id, never
 * a guess. Thread-safe.
 */
final class KeycloakUserResolver implements UserResolver {
  /** Enough results to tell one match from several. */
  private static final int MAX_MATCHES = 2;

  private final KeycloakRealm realm;
  private final KeycloakAdminApi api;
  private final KeycloakUserMapper mapper;
  private final KeycloakDirectory directory;

  KeycloakUserResolver(KeycloakRealm realm, KeycloakAdminApi api, KeycloakUserMapper mapper) {
    this(realm, api, mapper, KeycloakDirectory.DEFAULT_PAGE_SIZE);
  }

  KeycloakUserResolver(KeycloakRealm realm, KeycloakAdminApi api, KeycloakUserMapper mapper,
      int pageSize) {
    this.realm = realm;
    this.api = api;
    this.mapper = mapper;
    this.directory = new KeycloakDirectory(realm, api, mapper, pageSize);
  }

  @Override
  public User resolve(String userId) {
    Location at = realm.locate();
    Optional<JsonNode> user = findBy(at, "email", userId);
    if (user.isEmpty()) {
      user = findBy(at, "username", userId);
    }
    JsonNode found = user.orElseThrow(() -> new UserNotFoundException(userId, "Keycloak " + at));
    return mapper.map(userId, found, at);
  }

  /** Lists the realm's users by offset, mapped as {@link #resolve} maps them. */
  @Override
  public Optional<UserDirectory> directory() {
    return Optional.of(directory);
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("keycloak discovery document", () -> {
      Optional<DiscoveryDocument> document = realm.document();
      Location at = realm.locate();
      String from = document.map(d -> "issuer " + d.issuer()).orElse("no discovery document");
      String overridden = realm.overrides().isEmpty() ? "" : " (" + realm.overrides() + ")";
      return from + "; " + at + overridden + ", token endpoint " + at.tokenEndpoint();
    }));
    checks.add(new Check("keycloak token", () -> {
      Location at = realm.locate();
      AccessToken token = api.token();
      return "access token for client " + api.clientId() + " from " + at.tokenEndpoint()
          + ", valid until " + token.expiresAt();
    }));
    checks.add(new Check("keycloak lookup", () -> {
      Location at = realm.locate();
      JsonNode users = api.get(at.users("max=1&briefRepresentation=true"), "listing one user");
      if (!users.isArray() || users.isEmpty()) {
        throw ResolutionException.permanentFailure("Keycloak lists no users of " + at
            + " to client " + api.clientId() + ": the realm has none, or the service account "
            + "has query-users without the realm-management role " + KeycloakAdminApi.ROLE, null);
      }
      return "users of " + at + " readable by client " + api.clientId();
    }));
    return checks;
  }

  @Override
  public String toString() {
    return "KeycloakUserResolver[" + realm + ", " + api + "]";
  }

  /**
   * The one user whose {@code field} is the id, ignoring case; several is an error. Only users
   * whose {@code field} equals the id count, whatever Keycloak matched: stricter than
   * {@link org.userresolver.http.ProfileMapping#isRequestedUser}, so someone else is never
   * taken for the id.
   */
  private Optional<JsonNode> findBy(Location at, String field, String userId) {
    String what = "looking up " + userId + " by " + field + " in " + at;
    JsonNode results = api.get(at.users(field + "=" + Urls.encode(userId)
        + "&exact=true&briefRepresentation=false&max=" + MAX_MATCHES), what);
    if (!results.isArray()) {
      throw ResolutionException.permanentFailure("Keycloak answered " + results.getNodeType()
          + ", not an array, while " + what, null);
    }
    List<JsonNode> matches = new ArrayList<>();
    List<String> usernames = new ArrayList<>();
    for (JsonNode candidate : results) {
      if (ProfileMapping.text(candidate.path(field)).equalsIgnoreCase(userId)) {
        matches.add(candidate);
        usernames.add(candidate.path("username").asText("?"));
      }
    }
    if (matches.size() > 1) {
      throw ResolutionException.permanentFailure("more than one Keycloak user in realm "
          + at.realm() + " has the " + field + " " + userId + " (usernames "
          + String.join(", ", usernames) + "); not guessing which is meant: make the " + field
          + " unique in Keycloak", null);
    }
    return matches.stream().findFirst();
  }
}
