package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserStore;
import org.userresolver.http.HttpJsonClient;

/**
 * The {@code atlas} store: user profiles as Atlas entities of Amundsen's type {@code User},
 * looked up by {@code qualifiedName} (one at a time, or in bulk), written with Atlas's
 * create-or-update (one entity, or many in one request), listed with basic search.
 *
 * <p>Every write carries the label {@value UserEntities#LABEL}, which Atlas keeps only on the
 * entity that write creates: {@link #userIds(boolean) userIds(true)} lists those. With
 * {@code ATLAS_CREATE_TYPES=true} the first write creates the {@code User} type when Atlas
 * lacks it (once per store), and reads treat a missing type as "no users".
 *
 * <p>Holds no connections ({@link #close()} does nothing). Thread-safe.
 */
final class AtlasUserStore implements UserStore {
  /** The {@code UserSchema} keys an Atlas {@code User} entity holds. */
  private static final Set<String> KEPT = UserJson.KEYS.stream()
      .filter(key -> key.equals("user_id") || UserEntities.WRITTEN.contains(key))
      .collect(Collectors.toUnmodifiableSet());

  private static final Logger LOG = LoggerFactory.getLogger(AtlasUserStore.class);

  /** Most ids in one bulk lookup. */
  static final int LOOKUP_BATCH = 25;
  /** Most characters of a bulk lookup's query, well below Jetty's header limits. */
  static final int MAX_QUERY_LENGTH = 6000;
  /** Most entities in one bulk write. */
  static final int WRITE_BATCH = 100;

  private final AtlasConfig config;
  private final AtlasApi api;
  private final UserTypeBootstrap type;

  /**
   * Creates the store; sends nothing.
   *
   * @param config the settings
   */
  AtlasUserStore(AtlasConfig config) {
    this.config = config;
    this.api = new AtlasApi(config, HttpJsonClient.create(config.http()));
    this.type = new UserTypeBootstrap(config, api);
    if (config.http().allowPlainHttp()) {
      LOG.warn("{} is reached over plain http ({}): the basic-authentication credentials travel "
          + "unencrypted", config.where(), config.urlSettings());
    }
  }

  @Override
  public Optional<User> find(String userId) {
    Objects.requireNonNull(userId, "userId");
    Optional<User> user = api.get(AtlasPaths.user(userId), "looking up user " + userId,
            AtlasCodes.INSTANCE_BY_UNIQUE_ATTRIBUTE_NOT_FOUND)
        .map(answer -> answer.path("entity"))
        .filter(entity -> UserEntities.qualifiedName(entity).equals(userId))
        .flatMap(UserEntities::toUser);
    LOG.debug("{}: user {} {}", config.where(), userId, user.isPresent() ? "found" : "unknown");
    return user;
  }

  @Override
  public Map<String, User> findAll(Collection<String> userIds) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
    ids.forEach(id -> Objects.requireNonNull(id, "userIds must not contain null"));
    Map<String, User> found = new HashMap<>();
    for (List<String> batch : lookupBatches(ids)) {
      Set<String> wanted = Set.copyOf(batch);
      api.get(AtlasPaths.users(batch), "looking up " + batch.size() + " users", null)
          .ifPresent(answer -> {
            for (JsonNode entity : answer.path("entities")) {
              String id = UserEntities.qualifiedName(entity);
              if (wanted.contains(id)) {
                UserEntities.toUser(entity).ifPresent(user -> found.put(id, user));
              }
            }
          });
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (String id : ids) {
      User user = found.get(id);
      if (user != null) {
        users.put(id, user);
      }
    }
    LOG.debug("{}: found {} of {} users", config.where(), users.size(), ids.size());
    return users;
  }

  @Override
  public WriteOutcome createOrUpdate(User user) {
    Objects.requireNonNull(user, "user");
    type.ensure();
    ObjectNode body = UserEntities.JSON.createObjectNode();
    body.set("entity", UserEntities.toEntity(user));
    JsonNode answer = api.post(AtlasPaths.ENTITY, body.toString(),
        "writing user " + user.userId());
    WriteOutcome outcome = Mutations.outcome(answer, user.userId());
    LOG.debug("{}: user {} {}", config.where(), user.userId(),
        outcome == WriteOutcome.CREATED ? "created" : "updated");
    return outcome;
  }

  @Override
  public Map<String, WriteOutcome> createOrUpdateAll(Collection<User> users) {
    Map<String, User> byId = new LinkedHashMap<>();
    users.forEach(user -> byId.put(Objects.requireNonNull(user, "users").userId(), user));
    if (byId.isEmpty()) {
      return Map.of();
    }
    type.ensure();
    Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
    List<User> all = new ArrayList<>(byId.values());
    for (int start = 0; start < all.size(); start += WRITE_BATCH) {
      outcomes.putAll(writeBatch(all.subList(start, Math.min(all.size(), start + WRITE_BATCH))));
    }
    return outcomes;
  }

  /**
   * Lists the {@code qualifiedName}s of the {@code User} entities: all of them, or those a
   * userresolver write created (see {@link UserListing}).
   *
   * @param writtenByUserresolver {@code true} for the entities userresolver created
   * @return the ids; empty when asked for userresolver's and Atlas has no labels (before 2.1)
   */
  @Override
  public Optional<Set<String>> userIds(boolean writtenByUserresolver) {
    return new UserListing(config, api).userIds(writtenByUserresolver);
  }

  /**
   * Returns the checks {@code user-resolver check} runs: the server's state, the credentials,
   * and the {@code User} type.
   *
   * @return the checks, in the order to run them
   */
  /**
   * Returns the fields Amundsen's {@code User} type holds: every {@code UserSchema} key but
   * {@code display_name} (derived on read), {@code manager_fullname}, {@code manager_id} and
   * {@code other_key_values}, so a sync never rewrites a user for a field Atlas cannot keep.
   */
  @Override
  public Set<String> keptFields() {
    return KEPT;
  }

  @Override
  public List<Check> checks() {
    return new AtlasChecks(config, api).checks();
  }

  /** Names the server and the user; never the password. */
  @Override
  public String toString() {
    return "AtlasUserStore[" + config.url() + ", user " + config.username() + "]";
  }

  /**
   * Returns the settings, for tests.
   *
   * @return the settings
   */
  AtlasConfig config() {
    return config;
  }

  private Map<String, WriteOutcome> writeBatch(List<User> batch) {
    ObjectNode body = UserEntities.JSON.createObjectNode();
    ArrayNode entities = body.putArray("entities");
    Map<String, String> sent = new LinkedHashMap<>();
    for (User user : batch) {
      String placeholder = "-" + (sent.size() + 1);
      entities.add(UserEntities.toEntity(user).put("guid", placeholder));
      sent.put(placeholder, user.userId());
    }
    JsonNode answer = api.post(AtlasPaths.ENTITY_BULK, body.toString(),
        "writing " + batch.size() + " users");
    Map<String, WriteOutcome> outcomes = Mutations.outcomes(answer, sent);
    LOG.debug("{}: wrote {} users, {} created", config.where(), batch.size(),
        outcomes.values().stream().filter(outcome -> outcome == WriteOutcome.CREATED).count());
    return outcomes;
  }

  /** Splits ids into bulk lookups of at most {@link #LOOKUP_BATCH} ids and query length. */
  private static List<List<String>> lookupBatches(List<String> ids) {
    List<List<String>> batches = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    int length = 0;
    for (String id : ids) {
      int added = AtlasPaths.length(batch.size(), id);
      if (!batch.isEmpty() && (batch.size() == LOOKUP_BATCH || length + added > MAX_QUERY_LENGTH)) {
        batches.add(batch);
        batch = new ArrayList<>();
        length = 0;
        added = AtlasPaths.length(0, id);
      }
      batch.add(id);
      length += added;
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }
}
