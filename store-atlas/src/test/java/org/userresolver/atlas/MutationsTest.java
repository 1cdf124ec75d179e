package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.userresolver.UserStore.WriteOutcome;

final class MutationsTest {

  private static JsonNode header(String guid, String name) {
    return StubEntities.read("{\"typeName\":\"User\",\"guid\":\"" + guid + "\",\"attributes\":"
        + "{\"qualifiedName\":\"" + name + "\"},\"status\":\"ACTIVE\"}");
  }

  @Test
  void oneEntity_isCreated_whenItsHeaderIsUnderCreate() {
    JsonNode created = StubEntities.read("{\"mutatedEntities\":{\"CREATE\":["
        + header("g1", "a@x.com") + "]},\"guidAssignments\":{\"-42\":\"g1\"}}");
    JsonNode updated = StubEntities.read("{\"mutatedEntities\":{\"UPDATE\":["
        + header("g1", "a@x.com") + "]},\"guidAssignments\":{\"-42\":\"g1\"}}");
    JsonNode unchanged = StubEntities.read("{\"guidAssignments\":{\"-42\":\"g1\"}}");

    assertEquals(WriteOutcome.CREATED, Mutations.outcome(created, "a@x.com"));
    assertEquals(WriteOutcome.UPDATED, Mutations.outcome(updated, "a@x.com"));
    assertEquals(WriteOutcome.UPDATED, Mutations.outcome(unchanged, "a@x.com"));
  }

  @Test
  void manyEntities_areMatchedByGuidAssignment_thenByQualifiedName() {
    JsonNode answer = StubEntities.read("{\"mutatedEntities\":{"
        + "\"CREATE\":[" + header("g3", "c@x.com") + "," + header("g1", "a@x.com") + "],"
        + "\"UPDATE\":[" + header("g2", "b@x.com") + "]},"
        + "\"guidAssignments\":{\"-1\":\"g1\",\"-2\":\"g2\",\"-4\":\"g4\"}}");
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put("-1", "a@x.com");
    sent.put("-2", "b@x.com");
    sent.put("-3", "c@x.com");
    sent.put("-4", "d@x.com");

    assertEquals(Map.of("a@x.com", WriteOutcome.CREATED, "b@x.com", WriteOutcome.UPDATED,
            "c@x.com", WriteOutcome.CREATED, "d@x.com", WriteOutcome.UPDATED),
        Mutations.outcomes(answer, sent));
  }
}
