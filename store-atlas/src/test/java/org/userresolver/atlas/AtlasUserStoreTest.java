package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.User;
import org.userresolver.UserStore.WriteOutcome;

/** What the store sends to Atlas and how it reads the answers, against the stub Atlas. */
final class AtlasUserStoreTest {
  private static final String LOOKUP = "/api/atlas/v2/entity/uniqueAttribute/type/User";
  private static final String BULK_LOOKUP = "/api/atlas/v2/entity/bulk/uniqueAttribute/type/User";

  private final AtlasStub atlas = AtlasStub.start();
  private final AtlasUserStore store = atlas.store(Map.of());

  @AfterEach
  void stop() {
    atlas.close();
  }

  private static Map<String, String> databuilderUser(String email) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("qualifiedName", email);
    attributes.put("email", email);
    attributes.put("first_name", "Jane");
    attributes.put("last_name", "Doe");
    attributes.put("full_name", "");
    attributes.put("github_username", "jdoe");
    attributes.put("team_name", "Data");
    attributes.put("employee_type", "");
    attributes.put("manager_email", "");
    attributes.put("slack_id", "");
    attributes.put("is_active", "True");
    attributes.put("profile_url", "");
    attributes.put("updated_at", "1714521600");
    attributes.put("role_name", "");
    return attributes;
  }

  @Test
  void oddIds_travelAsQueryValues_andRoundTripLiterally() {
    Map<String, String> encoded = new LinkedHashMap<>();
    encoded.put("a b@x.com", "a%20b%40x.com");
    encoded.put("o'brien\"@x.com", "o%27brien%22%40x.com");
    encoded.put("a&b=c#d%e+f@x.com", "a%26b%3Dc%23d%25e%2Bf%40x.com");
    encoded.put("\u00e9l\u00e8ve@exa\u0301mple.com",
        "%C3%A9l%C3%A8ve%40exa%CC%81mple.com");
    encoded.put("x&attr:qualifiedName=y", "x%26attr%3AqualifiedName%3Dy");
    encoded.forEach((id, query) -> {
      store.createOrUpdate(User.minimal(id));
      atlas.clearRequests();

      assertEquals(Optional.of(User.minimal(id)), store.find(id), id);
      String rawQuery = atlas.requests("GET", LOOKUP).get(0).rawQuery();
      assertTrue(rawQuery.startsWith("attr:qualifiedName=" + query + "&"), rawQuery);
    });
    assertEquals(Optional.empty(), store.find("a"));
    assertEquals(Optional.empty(), store.find("x"));
    assertEquals(encoded.size(), atlas.state().size());
  }

  @Test
  void aBareOwnerEntity_isUnknown_andOneWithAnEmail_isAStub() {
    atlas.state().seed(Map.of("qualifiedName", "owner@acme.com"), "amundsen");
    atlas.state().seed(Map.of("qualifiedName", "stub@acme.com", "email", "stub@acme.com"),
        "amundsen");

    assertEquals(Optional.empty(), store.find("owner@acme.com"));
    assertEquals(Optional.of(User.minimal("stub@acme.com")), store.find("stub@acme.com"));
    assertEquals(Map.of("stub@acme.com", User.minimal("stub@acme.com")),
        store.findAll(List.of("owner@acme.com", "stub@acme.com")));
  }

  @Test
  void aDatabuilderEntity_isReadRight() {
    Map<String, String> jane = databuilderUser("jane@acme.com");
    jane.put("is_active", "False");
    atlas.state().seed(jane, "databuilder");

    User found = store.find("jane@acme.com").orElseThrow();

    assertEquals(User.builder().userId("jane@acme.com").email("jane@acme.com")
        .firstName("Jane").lastName("Doe").githubUsername("jdoe").teamName("Data")
        .isActive(false).build(), found);
    assertEquals("Jane Doe", found.displayName());
  }

  @Test
  void findAll_ofFiftyIds_takesTwoBulkRequests_andMatchesResultsByQualifiedName() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = "user" + i + "@acme.com";
      ids.add(id);
      if (i % 5 != 0) {
        atlas.state().seed(databuilderUser(id), "databuilder");
      }
    }

    Map<String, User> found = store.findAll(ids);

    assertEquals(40, found.size());
    found.forEach((id, user) -> assertEquals(id, user.userId()));
    assertEquals(ids.stream().filter(id -> !id.matches("user\\d*[05]@acme.com")).toList(),
        List.copyOf(found.keySet()));
    assertEquals(2, atlas.requests("GET", BULK_LOOKUP).size());
    assertEquals(0, atlas.requests("GET", LOOKUP).size());
    assertTrue(atlas.requests("GET", BULK_LOOKUP).get(0).rawQuery()
        .startsWith("attr_0:qualifiedName=user0%40acme.com&"
            + "attr_1:qualifiedName=user1%40acme.com&"));
  }

  @Test
  void findAll_keepsEachQueryShort_forLongIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ids.add(i + "-" + "x".repeat(300) + "@acme.com");
    }

    assertEquals(Map.of(), store.findAll(ids));

    List<AtlasStub.Request> lookups = atlas.requests("GET", BULK_LOOKUP);
    assertEquals(3, lookups.size());
    lookups.forEach(request -> assertTrue(request.rawQuery().length() < 6100,
        () -> "query of " + request.rawQuery().length()));
  }

  @Test
  void findAll_ofNothingFound_readsAtlasEmptyAnswer() {
    assertEquals(Map.of(), store.findAll(List.of("a@x.com", "b@x.com")));
    assertEquals(1, atlas.requests("GET", BULK_LOOKUP).size());
  }

  @Test
  void createOrUpdate_postsOneJsonEntity_withTheNonEmptyFieldsAndTheLabel() {
    User ada = User.builder().userId("ada@x.com").email("ada@x.com").firstName("Ada")
        .managerFullname("Charles Babbage").otherKeyValue("office", "London").build();

    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(ada));

    AtlasStub.Request post = atlas.requests("POST", "/api/atlas/v2/entity").get(0);
    assertEquals("application/json", post.header("Content-Type"));
    assertEquals("{\"entity\":{\"typeName\":\"User\",\"attributes\":{\"qualifiedName\":"
        + "\"ada@x.com\",\"email\":\"ada@x.com\",\"first_name\":\"Ada\",\"is_active\":\"true\"},"
        + "\"labels\":[\"userresolver\"]}}", post.body());
    assertEquals(List.of("userresolver"),
        List.copyOf(atlas.state().get("ada@x.com").orElseThrow().labels));
  }

  @Test
  void createOrUpdate_neverErases_whatAnotherWriterStored() {
    atlas.state().seed(databuilderUser("jane@acme.com"), "databuilder");

    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(User.builder()
        .userId("jane@acme.com").email("jane@acme.com").roleName("Staff Engineer").build()));

    Map<String, String> stored = atlas.state().get("jane@acme.com").orElseThrow().attributes;
    assertEquals("Jane", stored.get("first_name"));
    assertEquals("jdoe", stored.get("github_username"));
    assertEquals("1714521600", stored.get("updated_at"));
    assertEquals("Staff Engineer", stored.get("role_name"));
    assertTrue(atlas.state().get("jane@acme.com").orElseThrow().labels.isEmpty(),
        "a write that updates never labels another writer's entity");
  }

  @Test
  void createOrUpdate_ofAnUnchangedUser_isAnUpdate_thatAtlasLeavesOut() {
    store.createOrUpdate(User.minimal("same@x.com"));
    atlas.clearRequests();

    assertEquals(WriteOutcome.UPDATED, store.createOrUpdate(User.minimal("same@x.com")));
    assertEquals(0, atlas.state().get("same@x.com").orElseThrow().version);
  }

  @Test
  void createOrUpdateAll_writes250Users_inThreeBulkRequests_andSaysWhatHappenedToEach() {
    List<User> users = new ArrayList<>();
    Map<String, WriteOutcome> expected = new LinkedHashMap<>();
    for (int i = 0; i < 250; i++) {
      String id = "u" + i + "@acme.com";
      if (i % 2 == 0) {
        atlas.state().seed(databuilderUser(id), "databuilder");
      }
      users.add(User.builder().userId(id).email(id).firstName("U" + i).build());
      expected.put(id, i % 2 == 0 ? WriteOutcome.UPDATED : WriteOutcome.CREATED);
    }

    Map<String, WriteOutcome> outcomes = store.createOrUpdateAll(users);

    assertEquals(expected, outcomes);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(outcomes.keySet()));
    List<AtlasStub.Request> posts = atlas.requests("POST", "/api/atlas/v2/entity/bulk");
    assertEquals(3, posts.size());
    JsonNode first = StubEntities.read(posts.get(0).body()).path("entities");
    assertEquals(100, first.size());
    assertEquals("-1", first.get(0).path("guid").asText());
    assertEquals("u0@acme.com", first.get(0).path("attributes").path("qualifiedName").asText());
    assertEquals(50, StubEntities.read(posts.get(2).body()).path("entities").size());
    assertEquals("U1", atlas.state().get("u1@acme.com").orElseThrow().attributes.get("first_name"));
    assertEquals("U2", atlas.state().get("u2@acme.com").orElseThrow().attributes.get("first_name"));
    assertEquals("jdoe",
        atlas.state().get("u2@acme.com").orElseThrow().attributes.get("github_username"));
  }

  @Test
  void createOrUpdateAll_ofUnchangedUsers_areUpdates() {
    List<User> users = List.of(User.minimal("a@x.com"), User.minimal("b@x.com"));
    store.createOrUpdateAll(users);

    assertEquals(Map.of("a@x.com", WriteOutcome.UPDATED, "b@x.com", WriteOutcome.UPDATED),
        store.createOrUpdateAll(users));
  }

  @Test
  void createOrUpdateAll_ofNothing_sendsNothing() {
    assertEquals(Map.of(), store.createOrUpdateAll(List.of()));
    assertTrue(atlas.requests().isEmpty());
  }

  @Test
  void lookups_askForTheEntityAlone_notItsRelations() {
    store.find("a@x.com");
    store.findAll(List.of("a@x.com"));

    for (AtlasStub.Request request : atlas.requests()) {
      assertTrue(request.rawQuery().endsWith("&minExtInfo=true&ignoreRelationships=true"),
          request.rawQuery());
    }
    assertFalse(atlas.requests().isEmpty());
  }

  @Test
  void toString_namesTheServerAndUser_only() {
    assertEquals("AtlasUserStore[" + atlas.url() + ", user admin]", store.toString());
  }
}
