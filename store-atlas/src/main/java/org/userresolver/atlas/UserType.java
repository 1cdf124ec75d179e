package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Amundsen's Atlas entity type {@code User} ({@code 02_user.json} of amundsen-atlas-types):
 * supertype {@code Referenceable} (whose unique {@code qualifiedName} holds the user id) and 13
 * optional, single-valued {@code string} attributes. The store creates it only when asked to
 * and Atlas lacks it, and never changes an existing one; it checks an existing one for what the
 * store needs.
 */
final class UserType {
  /** The supertype that brings the unique {@code qualifiedName}. */
  static final String SUPERTYPE = "Referenceable";

  private UserType() {}

  /**
   * Returns the body of {@code POST /api/atlas/v2/types/typedefs} that creates the type.
   *
   * @return an {@code AtlasTypesDef} in JSON holding the one entity definition
   */
  static String typesDef() {
    ObjectNode typesDef = UserEntities.JSON.createObjectNode();
    typesDef.putArray("enumDefs");
    typesDef.putArray("structDefs");
    typesDef.putArray("classificationDefs");
    ObjectNode entityDef = typesDef.putArray("entityDefs").addObject();
    entityDef.put("name", UserEntities.TYPE);
    entityDef.put("description",
        "The User Entity. Used to make relationship between users and entities.");
    entityDef.put("typeVersion", "2.0");
    entityDef.putArray("superTypes").add(SUPERTYPE);
    ArrayNode attributeDefs = entityDef.putArray("attributeDefs");
    for (String name : UserEntities.ATTRIBUTES) {
      attributeDefs.addObject()
          .put("name", name)
          .put("typeName", "string")
          .put("cardinality", "SINGLE")
          .put("isOptional", true)
          .put("isUnique", false)
          .put("isIndexable", false);
    }
    typesDef.putArray("relationshipDefs");
    return typesDef.toString();
  }

  /**
   * Lists what an existing definition lacks for the store: an entity type, the supertype
   * {@code Referenceable}, and each attribute the store writes (Atlas drops values of
   * attributes its type does not define).
   *
   * @param typeDef the answer of {@code GET /api/atlas/v2/types/typedef/name/User}
   * @return the problems, empty when the type serves
   */
  static List<String> problems(JsonNode typeDef) {
    List<String> problems = new ArrayList<>();
    String category = typeDef.path("category").asText("");
    if (!category.isEmpty() && !category.equals("ENTITY")) {
      problems.add("it is a type of category " + category + ", not an entity type");
      return problems;
    }
    Set<String> superTypes = new HashSet<>();
    typeDef.path("superTypes").forEach(type -> superTypes.add(type.asText()));
    if (!superTypes.contains(SUPERTYPE)) {
      problems.add("its supertypes " + superTypes + " lack " + SUPERTYPE
          + ", which brings the unique qualifiedName");
    }
    Set<String> attributes = new HashSet<>();
    typeDef.path("attributeDefs").forEach(def -> attributes.add(def.path("name").asText()));
    List<String> missing = new ArrayList<>();
    for (String name : UserEntities.WRITTEN) {
      if (!attributes.contains(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      problems.add("it lacks the attributes " + String.join(", ", missing)
          + " (Atlas drops their values on write)");
    }
    return problems;
  }
}
