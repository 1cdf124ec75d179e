package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.userresolver.UserStore.WriteOutcome;

/**
 * Reads what a write did from Atlas's {@code EntityMutationResponse}: the headers under
 * {@code mutatedEntities.CREATE} are the entities the write created; every other entity sent
 * was updated, or left as it was (Atlas leaves an unchanged entity out of
 * {@code mutatedEntities} altogether), which is an update too. An entity sent is matched to
 * what Atlas did by the guid {@code guidAssignments} gave its placeholder guid, else by its
 * {@code qualifiedName}.
 */
final class Mutations {

  private Mutations() {}

  /**
   * Returns what happened to the one entity a write sent without a guid.
   *
   * @param response the {@code EntityMutationResponse}
   * @param userId the entity's {@code qualifiedName}
   * @return {@code CREATED} when it is among the created entities, else {@code UPDATED}
   */
  static WriteOutcome outcome(JsonNode response, String userId) {
    for (JsonNode header : response.path("mutatedEntities").path("CREATE")) {
      if (UserEntities.qualifiedName(header).equals(userId)) {
        return WriteOutcome.CREATED;
      }
    }
    return WriteOutcome.UPDATED;
  }

  /**
   * Returns what happened to each entity sent.
   *
   * @param response the {@code EntityMutationResponse}
   * @param sent user ids by the placeholder guid (such as {@code -1}) each was sent with
   * @return the outcome by user id, in the order of {@code sent}
   */
  static Map<String, WriteOutcome> outcomes(JsonNode response, Map<String, String> sent) {
    Set<String> createdGuids = new HashSet<>();
    Set<String> createdNames = new HashSet<>();
    for (JsonNode header : response.path("mutatedEntities").path("CREATE")) {
      createdGuids.add(header.path("guid").asText(""));
      createdNames.add(UserEntities.qualifiedName(header));
    }
    JsonNode assignments = response.path("guidAssignments");
    Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
    sent.forEach((placeholder, userId) -> {
      JsonNode guid = assignments.path(placeholder);
      boolean created = guid.isTextual()
          ? createdGuids.contains(guid.asText()) : createdNames.contains(userId);
      outcomes.put(userId, created ? WriteOutcome.CREATED : WriteOutcome.UPDATED);
    });
    return outcomes;
  }
}
