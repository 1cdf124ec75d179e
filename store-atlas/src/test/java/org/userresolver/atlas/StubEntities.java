package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The state of the stub Atlas, kept as Atlas's entity store keeps it: {@code User} entities by
 * {@code qualifiedName}, with guids, the attributes their type defines (others are dropped, as
 * {@code EntityGraphMapper.mapAttributes} drops them), labels set only on create, created/updated
 * by and times; and the {@code User} typedef, present or not. Answers in the shapes of
 * {@code AtlasEntityWithExtInfo}, {@code AtlasEntitiesWithExtInfo}, {@code AtlasEntityHeader},
 * {@code EntityMutationResponse} and {@code AtlasSearchResult}. Thread-safe (synchronized).
 * Public, and in this module's test jar, for the reliability suite's Atlas fixture.
 */
public final class StubEntities {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> AMUNDSEN_ATTRIBUTES = UserEntities.ATTRIBUTES;
  private static final Pattern LABEL = Pattern.compile("^[a-zA-Z0-9_-]+$");
  private static final AtomicLong INTERNAL_IDS = new AtomicLong(System.nanoTime());

  /** One stored entity. */
  public static final class Entity {
    final String guid = UUID.randomUUID().toString();
    /** Its attributes, by name; guarded by the {@code StubEntities} holding it. */
    public final Map<String, String> attributes = new LinkedHashMap<>();
    final Set<String> labels = new LinkedHashSet<>();
    final String createdBy;
    String updatedBy;
    final long createTime;
    long updateTime;
    int version;

    Entity(String createdBy, long time) {
      this.createdBy = createdBy;
      this.updatedBy = createdBy;
      this.createTime = time;
      this.updateTime = time;
    }
  }

  private final Map<String, Entity> entities = new LinkedHashMap<>();
  private ObjectNode userType;
  private int typesCreated;
  private long clock = 1_714_521_600_000L;
  private boolean labelsSupported = true;

  StubEntities() {
    userType = amundsenType();
  }

  /** Amundsen's {@code User} typedef as Atlas answers it. */
  static ObjectNode amundsenType() {
    ObjectNode def = (ObjectNode) read(UserType.typesDef()).path("entityDefs").path(0);
    return typeAsStored(def);
  }

  /** A typedef as {@code GET /types/typedef/name/User} returns it. */
  static ObjectNode typeAsStored(JsonNode def) {
    ObjectNode stored = JSON.createObjectNode();
    stored.put("category", "ENTITY");
    stored.put("guid", UUID.randomUUID().toString());
    stored.put("createdBy", "admin");
    stored.put("updatedBy", "admin");
    stored.put("createTime", 1_714_521_600_000L);
    stored.put("updateTime", 1_714_521_600_000L);
    stored.put("version", 1);
    stored.setAll((ObjectNode) def.deepCopy());
    stored.putArray("subTypes");
    stored.putArray("relationshipAttributeDefs");
    stored.putObject("businessAttributeDefs");
    return stored;
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }

  synchronized void setUserType(ObjectNode type) {
    userType = type;
  }

  synchronized Optional<ObjectNode> userType() {
    return Optional.ofNullable(userType).map(ObjectNode::deepCopy);
  }

  /** Answers as Atlas before 2.1 does: no labels on entities or headers, and none kept. */
  synchronized void withoutLabels() {
    labelsSupported = false;
  }

  synchronized int typesCreated() {
    return typesCreated;
  }

  /** {@code POST /api/atlas/v2/types/typedefs}. */
  synchronized JsonNode createTypes(JsonNode typesDef) {
    ArrayNode created = JSON.createArrayNode();
    for (JsonNode def : typesDef.path("entityDefs")) {
      String name = def.path("name").asText();
      if ((name.equals("User") && userType != null) || name.equals(UserType.SUPERTYPE)) {
        throw new StubError(StubError.TYPE_ALREADY_EXISTS, name);
      }
      ObjectNode stored = typeAsStored(def);
      if (name.equals("User")) {
        userType = stored;
        typesCreated++;
      }
      created.add(stored);
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("enumDefs");
    answer.putArray("structDefs");
    answer.putArray("classificationDefs");
    answer.set("entityDefs", created);
    answer.putArray("relationshipDefs");
    answer.putArray("businessMetadataDefs");
    return answer;
  }

  /** Seeds an entity as another writer (databuilder, Amundsen) stores it. */
  public synchronized String seed(Map<String, String> attributes, String createdBy,
      String... labels) {
    Entity entity = new Entity(createdBy, tick());
    entity.attributes.putAll(attributes);
    entity.labels.addAll(List.of(labels));
    entities.put(attributes.get("qualifiedName"), entity);
    return entity.guid;
  }

  /** The entity of this {@code qualifiedName}, if any. */
  public synchronized Optional<Entity> get(String qualifiedName) {
    return Optional.ofNullable(entities.get(qualifiedName));
  }

  /** Forgets every entity; the {@code User} type stays as it is. */
  public synchronized void clear() {
    entities.clear();
  }

  synchronized int size() {
    return entities.size();
  }

  /** {@code GET /entity/uniqueAttribute/type/{type}}: {@code AtlasEntityWithExtInfo}. */
  synchronized JsonNode lookup(String typeName, Map<String, String> unique) {
    ensureType(typeName);
    validateUnique(unique);
    Entity entity = entities.get(unique.get("qualifiedName"));
    if (entity == null) {
      throw new StubError(StubError.NOT_FOUND_BY_UNIQUE_ATTRIBUTE, typeName, unique.toString());
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.putObject("referredEntities");
    answer.set("entity", entityJson(entity));
    return answer;
  }

  /**
   * {@code GET /entity/bulk/uniqueAttribute/type/{type}}: {@code AtlasEntitiesWithExtInfo};
   * absent ones skipped, and the order not kept (Atlas collects the parameters in a hash map):
   * here, the reverse of the parameters' order.
   */
  synchronized JsonNode lookupAll(String typeName, List<Map<String, String>> uniques) {
    ensureType(typeName);
    uniques.forEach(this::validateUnique);
    ArrayNode found = JSON.createArrayNode();
    for (Map<String, String> unique : uniques) {
      Entity entity = entities.get(unique.get("qualifiedName"));
      if (entity != null) {
        found.insert(0, entityJson(entity));
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    if (!found.isEmpty()) {
      answer.putObject("referredEntities");
      answer.set("entities", found);
    }
    return answer;
  }

  /**
   * {@code POST /entity} and {@code /entity/bulk}: Atlas's create-or-update, all or nothing.
   *
   * @param sent the {@code AtlasEntity} objects
   * @param user who writes
   * @return the {@code EntityMutationResponse}
   */
  synchronized JsonNode write(List<JsonNode> sent, String user) {
    if (sent.isEmpty()) {
      throw new StubError(StubError.INVALID_PARAMETERS, "no entities to create/update.");
    }
    for (JsonNode entity : sent) {
      validate(entity);
    }
    ArrayNode created = JSON.createArrayNode();
    ArrayNode updated = JSON.createArrayNode();
    ObjectNode assignments = JSON.createObjectNode();
    for (JsonNode sentEntity : sent) {
      String placeholder = sentEntity.path("guid").isTextual() ? sentEntity.path("guid").asText()
          : "-" + INTERNAL_IDS.getAndIncrement();
      String name = sentEntity.path("attributes").path("qualifiedName").asText();
      Entity entity = entities.get(name);
      if (entity == null) {
        entity = new Entity(user, tick());
        apply(entity, sentEntity.path("attributes"));
        for (JsonNode label : sentEntity.path("labels")) {
          if (labelsSupported) {
            entity.labels.add(label.asText());
          }
        }
        entities.put(name, entity);
        created.add(header(entity));
      } else if (apply(entity, sentEntity.path("attributes"))) {
        entity.updatedBy = user;
        entity.updateTime = tick();
        entity.version++;
        updated.add(header(entity));
      }
      assignments.put(placeholder, entity.guid);
    }
    ObjectNode answer = JSON.createObjectNode();
    if (!created.isEmpty() || !updated.isEmpty()) {
      ObjectNode mutated = answer.putObject("mutatedEntities");
      if (!created.isEmpty()) {
        mutated.set("CREATE", created);
      }
      if (!updated.isEmpty()) {
        mutated.set("UPDATE", updated);
      }
    }
    answer.set("guidAssignments", assignments);
    return answer;
  }

  /** {@code POST /search/basic}: {@code AtlasSearchResult}. */
  synchronized JsonNode search(ObjectNode parameters, int defaultLimit, int maxLimit) {
    int limit = parameters.path("limit").asInt(0);
    int offset = parameters.path("offset").asInt(0);
    if (limit < 0 || offset < 0) {
      throw new StubError(StubError.BAD_REQUEST, "Limit/offset should be non-negative");
    }
    String typeName = parameters.path("typeName").asText("");
    if (typeName.isEmpty()) {
      throw new StubError(StubError.INVALID_SEARCH_PARAMS);
    }
    if (!typeName.equals("User") || userType == null) {
      throw new StubError(StubError.UNKNOWN_TYPENAME, typeName);
    }
    limit = limit > 0 && limit <= maxLimit ? limit : defaultLimit;
    List<Entity> all = new ArrayList<>(entities.values());
    if (parameters.path("sortBy").asText("").equals("qualifiedName")) {
      Comparator<Entity> byName = Comparator.comparing(e -> e.attributes.get("qualifiedName"));
      all.sort(parameters.path("sortOrder").asText("").equals("DESCENDING")
          ? byName.reversed() : byName);
    }
    ObjectNode echoed = parameters.deepCopy();
    echoed.put("limit", limit);
    echoed.put("offset", offset);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("queryType", "BASIC");
    answer.set("searchParameters", echoed);
    ArrayNode page = JSON.createArrayNode();
    for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
      page.add(header(all.get(i)));
    }
    if (!page.isEmpty()) {
      answer.set("entities", page);
    }
    answer.put("approximateCount", all.size());
    return answer;
  }

  private void ensureType(String typeName) {
    if (!typeName.equals("User") || userType == null) {
      throw new StubError(StubError.TYPE_NAME_INVALID, "ENTITY", typeName);
    }
  }

  private void validateUnique(Map<String, String> unique) {
    if (unique.isEmpty()) {
      throw new StubError(StubError.ATTRIBUTE_UNIQUE_INVALID, "User", "");
    }
    for (String name : unique.keySet()) {
      if (!name.equals("qualifiedName")) {
        throw new StubError(StubError.ATTRIBUTE_UNIQUE_INVALID, "User", name);
      }
    }
  }

  private void validate(JsonNode entity) {
    ensureType(entity.path("typeName").asText(""));
    for (JsonNode label : entity.path("labels")) {
      if (!LABEL.matcher(label.asText()).matches()) {
        throw new StubError(StubError.INVALID_LABEL_CHARACTERS, label.asText());
      }
    }
    JsonNode name = entity.path("attributes").path("qualifiedName");
    if (!name.isValueNode() || name.isNull() || name.asText().isEmpty()) {
      throw new StubError(StubError.INSTANCE_CRUD_INVALID_PARAMS, "[User.qualifiedName: "
          + "mandatory attribute value missing in type Referenceable]");
    }
  }

  /** Sets the sent attributes the type defines (others are dropped); says whether any changed. */
  private boolean apply(Entity entity, JsonNode attributes) {
    Set<String> defined = definedAttributes();
    boolean changed = false;
    for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
      if (!defined.contains(attribute.getKey())) {
        continue;
      }
      JsonNode value = attribute.getValue();
      String text = value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
      String old = text == null ? entity.attributes.remove(attribute.getKey())
          : entity.attributes.put(attribute.getKey(), text);
      changed |= text == null ? old != null : !text.equals(old);
    }
    return changed;
  }

  private Set<String> definedAttributes() {
    Set<String> defined = new LinkedHashSet<>(List.of("qualifiedName", "replicatedFrom",
        "replicatedTo"));
    userType.path("attributeDefs").forEach(def -> defined.add(def.path("name").asText()));
    return defined;
  }

  /** An {@code AtlasEntity}: every attribute of the type, {@code null} when unset. */
  private ObjectNode entityJson(Entity entity) {
    ObjectNode json = JSON.createObjectNode();
    json.put("typeName", "User");
    ObjectNode attributes = json.putObject("attributes");
    for (String name : definedAttributes()) {
      attributes.put(name, entity.attributes.get(name));
    }
    json.put("guid", entity.guid);
    json.put("isIncomplete", false);
    json.put("provenanceType", 0);
    json.put("status", "ACTIVE");
    json.put("createdBy", entity.createdBy);
    json.put("updatedBy", entity.updatedBy);
    json.put("createTime", entity.createTime);
    json.put("updateTime", entity.updateTime);
    json.put("version", entity.version);
    json.putObject("relationshipAttributes");
    if (labelsSupported) {
      ArrayNode labels = json.putArray("labels");
      entity.labels.forEach(labels::add);
    }
    return json;
  }

  /** An {@code AtlasEntityHeader}: the unique attribute, display text, labels. */
  private ObjectNode header(Entity entity) {
    ObjectNode json = JSON.createObjectNode();
    json.put("typeName", "User");
    json.putObject("attributes").put("qualifiedName", entity.attributes.get("qualifiedName"));
    json.put("guid", entity.guid);
    json.put("status", "ACTIVE");
    json.put("displayText", entity.attributes.get("qualifiedName"));
    json.putArray("classificationNames");
    json.putArray("meaningNames");
    json.putArray("meanings");
    json.put("isIncomplete", false);
    if (labelsSupported) {
      ArrayNode labels = json.putArray("labels");
      entity.labels.forEach(labels::add);
    }
    return json;
  }

  private long tick() {
    return clock += 1000;
  }
}
