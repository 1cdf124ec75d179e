package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the {@code User} entities with Atlas's basic search, page by page ({@code limit} and
 * {@code offset}, sorted by {@code qualifiedName}): all of them, or those a userresolver write
 * created, which carry the label {@value UserEntities#LABEL} (Atlas sets a create-or-update's
 * labels only on an entity it creates). A page shorter than the limit Atlas applied (it echoes
 * it; a limit above its maximum becomes its default) is the last; so is a page that brings no
 * entity not seen before, from a server that ignores the offset.
 */
final class UserListing {
  private static final Logger LOG = LoggerFactory.getLogger(UserListing.class);

  /** Entities asked for per page (Atlas's largest by default is 10000). */
  static final int PAGE = 500;

  private final AtlasConfig config;
  private final AtlasApi api;

  UserListing(AtlasConfig config, AtlasApi api) {
    this.config = config;
    this.api = api;
  }

  /**
   * Lists the ids.
   *
   * @param writtenByUserresolver {@code true} for the entities a userresolver write created
   * @return the ids; empty when asked for userresolver's and Atlas has no labels (before 2.1);
   *     no ids when the {@code User} type is missing and {@code ATLAS_CREATE_TYPES} is on
   */
  Optional<Set<String>> userIds(boolean writtenByUserresolver) {
    Set<String> all = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>();
    boolean labelled = true;
    for (int offset = 0; ; ) {
      Optional<JsonNode> page = api.query(AtlasPaths.BASIC_SEARCH, search(offset),
          "listing users (from " + offset + ")");
      if (page.isEmpty()) {
        break;
      }
      JsonNode entities = page.get().path("entities");
      boolean progress = false;
      for (JsonNode header : entities) {
        String id = UserEntities.qualifiedName(header);
        progress |= all.add(id);
        JsonNode labels = header.path("labels");
        labelled &= labels.isArray();
        if (!writtenByUserresolver || hasLabel(labels)) {
          ids.add(id);
        }
      }
      int limit = page.get().path("searchParameters").path("limit").asInt(PAGE);
      if (entities.size() < limit || !progress) {
        break;
      }
      offset += entities.size();
    }
    LOG.debug("{}: listed {} users{}", config.where(), ids.size(),
        writtenByUserresolver ? " created by userresolver" : "");
    return writtenByUserresolver && !labelled ? Optional.empty() : Optional.of(ids);
  }

  private static String search(int offset) {
    ObjectNode parameters = UserEntities.JSON.createObjectNode()
        .put("typeName", UserEntities.TYPE)
        .put("excludeDeletedEntities", true)
        .put("includeSubTypes", false)
        .put("limit", PAGE)
        .put("offset", offset)
        .put("sortBy", UserEntities.QUALIFIED_NAME)
        .put("sortOrder", "ASCENDING");
    parameters.putArray("attributes").add(UserEntities.QUALIFIED_NAME);
    return parameters.toString();
  }

  private static boolean hasLabel(JsonNode labels) {
    for (JsonNode label : labels) {
      if (UserEntities.LABEL.equals(label.asText())) {
        return true;
      }
    }
    return false;
  }
}
