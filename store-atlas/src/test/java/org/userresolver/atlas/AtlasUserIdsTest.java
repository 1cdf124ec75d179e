package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.ResolutionException;
import org.userresolver.User;

/** {@code userIds}: every {@code User} entity, or those a userresolver write created. */
final class AtlasUserIdsTest {
  private static final String SEARCH = "/api/atlas/v2/search/basic";

  private final AtlasStub atlas = AtlasStub.start();
  private final AtlasUserStore store = atlas.store(Map.of());

  @AfterEach
  void stop() {
    atlas.close();
  }

  private Set<String> seed(int count) {
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("seeded%04d@acme.com", i);
      atlas.state().seed(Map.of("qualifiedName", id, "email", id), "databuilder");
      ids.add(id);
    }
    return ids;
  }

  @Test
  void allUsers_areListed_pageByPage() {
    Set<String> all = seed(1203);

    assertEquals(Optional.of(all), store.userIds(false));

    List<AtlasStub.Request> pages = atlas.requests("POST", SEARCH);
    assertEquals(3, pages.size());
    JsonNode first = StubEntities.read(pages.get(0).body());
    assertEquals("User", first.path("typeName").asText());
    assertEquals(500, first.path("limit").asInt());
    assertEquals(0, first.path("offset").asInt());
    assertTrue(first.path("excludeDeletedEntities").asBoolean());
    assertEquals(500, StubEntities.read(pages.get(1).body()).path("offset").asInt());
    assertEquals(1000, StubEntities.read(pages.get(2).body()).path("offset").asInt());
  }

  @Test
  void paging_followsTheLimitAtlasApplied_whenItsMaximumIsLower() {
    Set<String> all = seed(250);
    atlas.maxSearchLimit(200);

    assertEquals(Optional.of(all), store.userIds(false));

    assertEquals(3, atlas.requests("POST", SEARCH).size(), "Atlas fell back to its default 100");
  }

  @Test
  void aServerThatIgnoresTheOffset_endsTheListing_insteadOfLoopingForever() {
    seed(600);
    atlas.ignoreSearchOffset();

    assertEquals(500, store.userIds(false).orElseThrow().size());

    assertEquals(2, atlas.requests("POST", SEARCH).size());
  }

  @Test
  void usersWrittenByUserresolver_areThoseItsWritesCreated() {
    seed(3);
    store.createOrUpdate(User.minimal("new@acme.com"));
    store.createOrUpdateAll(List.of(User.minimal("bulk@acme.com"),
        User.builder().userId("seeded0001@acme.com").email("seeded0001@acme.com")
            .firstName("Filled").build()));

    assertEquals(Optional.of(Set.of("new@acme.com", "bulk@acme.com")), store.userIds(true));
    assertEquals(5, store.userIds(false).orElseThrow().size());
  }

  @Test
  void noUsers_isAnEmptyList() {
    assertEquals(Optional.of(Set.of()), store.userIds(false));
    assertEquals(Optional.of(Set.of()), store.userIds(true));
  }

  @Test
  void anAtlasWithoutLabels_cannotTellWhichUsersUserresolverWrote() {
    atlas.state().withoutLabels();
    store.createOrUpdate(User.minimal("new@acme.com"));

    assertEquals(Optional.empty(), store.userIds(true));
    assertEquals(Optional.of(Set.of("new@acme.com")), store.userIds(false));
  }

  @Test
  void aMissingType_isNoUsers_whileTypesAreCreated_elseAnError() {
    atlas.state().setUserType(null);

    assertEquals(Optional.of(Set.of()),
        atlas.store(Map.of("ATLAS_CREATE_TYPES", "true")).userIds(false));
    ResolutionException e = assertThrows(ResolutionException.class, () -> store.userIds(false));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("(HTTP 400 ATLAS-400-00-00A: User: Unknown/invalid "
        + "typename to POST " + atlas.url() + SEARCH + " while listing users (from 0)): set "
        + "ATLAS_CREATE_TYPES=true"), e.getMessage());
  }
}
