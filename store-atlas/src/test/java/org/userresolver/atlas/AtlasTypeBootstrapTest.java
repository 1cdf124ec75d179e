package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserStore.WriteOutcome;

/** {@code ATLAS_CREATE_TYPES}: the {@code User} type is created once if missing; never changed. */
final class AtlasTypeBootstrapTest {
  private static final String TYPEDEF = "/api/atlas/v2/types/typedef/name/User";
  private static final String TYPEDEFS = "/api/atlas/v2/types/typedefs";

  private final AtlasStub atlas = AtlasStub.start();

  @AfterEach
  void stop() {
    atlas.close();
  }

  private AtlasUserStore creatingTypes() {
    return atlas.store(Map.of("ATLAS_CREATE_TYPES", "true"));
  }

  @Test
  void aMissingType_isCreatedAsAmundsensTypedef_beforeTheFirstWrite_once() {
    atlas.state().setUserType(null);
    AtlasUserStore store = creatingTypes();
    User ada = User.builder().userId("ada@x.com").email("ada@x.com").firstName("Ada")
        .lastName("Lovelace").teamName("Engines").roleName("Mathematician").build();

    assertEquals(Optional.empty(), store.find("ada@x.com"), "no type, no users");
    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(ada));
    store.createOrUpdate(User.minimal("grace@x.com"));
    store.createOrUpdateAll(List.of(User.minimal("linus@x.com")));

    assertEquals(1, atlas.requests("GET", TYPEDEF).size());
    List<AtlasStub.Request> created = atlas.requests("POST", TYPEDEFS);
    assertEquals(1, created.size());
    assertEquals("application/json", created.get(0).header("Content-Type"));
    JsonNode def = StubEntities.read(created.get(0).body()).path("entityDefs").get(0);
    assertEquals("User", def.path("name").asText());
    assertEquals("[\"Referenceable\"]", def.path("superTypes").toString());
    List<String> names = new ArrayList<>();
    for (JsonNode attribute : def.path("attributeDefs")) {
      names.add(attribute.path("name").asText());
      assertEquals("string", attribute.path("typeName").asText());
      assertTrue(attribute.path("isOptional").asBoolean());
      assertEquals("SINGLE", attribute.path("cardinality").asText());
    }
    assertEquals(List.of("email", "first_name", "last_name", "full_name", "github_username",
        "team_name", "employee_type", "manager_email", "slack_id", "is_active", "profile_url",
        "updated_at", "role_name"), names);
    assertEquals(1, atlas.state().typesCreated());
    assertEquals(Optional.of(ada), store.find("ada@x.com"));
  }

  @Test
  void anExistingType_isReadOnce_andNeverChanged() {
    AtlasUserStore store = creatingTypes();

    store.createOrUpdate(User.minimal("a@x.com"));
    store.createOrUpdate(User.minimal("b@x.com"));

    assertEquals(1, atlas.requests("GET", TYPEDEF).size());
    assertTrue(atlas.requests("POST", TYPEDEFS).isEmpty());
    assertTrue(atlas.requests().stream().noneMatch(r -> r.method().equals("PUT")));
  }

  @Test
  void anOlderTypeWithoutAttributes_isLeftAsItIs() {
    ObjectNode old = (ObjectNode) StubEntities.read("{\"name\":\"User\",\"superTypes\":"
        + "[\"Referenceable\"],\"typeVersion\":\"2.0\",\"attributeDefs\":[]}");
    atlas.state().setUserType(StubEntities.typeAsStored(old));
    AtlasUserStore store = creatingTypes();

    store.createOrUpdate(User.builder().userId("a@x.com").email("a@x.com").firstName("A")
        .build());

    assertTrue(atlas.requests("POST", TYPEDEFS).isEmpty());
    assertEquals(Map.of("qualifiedName", "a@x.com"),
        atlas.state().get("a@x.com").orElseThrow().attributes,
        "Atlas drops the attributes its type lacks");
    assertEquals(Optional.empty(), store.find("a@x.com"));
  }

  @Test
  void aTypeAnotherReplicaCreatedFirst_isNoFailure() {
    atlas.failNext(1, 404, "application/json",
        new StubError(StubError.TYPE_NAME_NOT_FOUND, "User").body());
    AtlasUserStore store = creatingTypes();

    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(User.minimal("a@x.com")));

    assertEquals(1, atlas.requests("POST", TYPEDEFS).size());
    assertEquals(0, atlas.state().typesCreated());
    store.createOrUpdate(User.minimal("b@x.com"));
    assertEquals(1, atlas.requests("GET", TYPEDEF).size());
  }

  @Test
  void aFailedCheck_isTriedAgain_byTheNextWrite() {
    atlas.state().setUserType(null);
    atlas.failNext(1, 503);
    AtlasUserStore store = creatingTypes();

    assertTrue(assertThrows(ResolutionException.class,
        () -> store.createOrUpdate(User.minimal("a@x.com"))).isTransient());
    assertEquals(WriteOutcome.CREATED, store.createOrUpdate(User.minimal("a@x.com")));

    assertEquals(2, atlas.requests("GET", TYPEDEF).size());
    assertEquals(1, atlas.state().typesCreated());
  }

  @Test
  void concurrentFirstWrites_createTheTypeOnce() throws Exception {
    atlas.state().setUserType(null);
    AtlasUserStore store = creatingTypes();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "u" + i + "@x.com";
      writes.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return store.createOrUpdate(User.minimal(id));
      }));
    }
    start.countDown();
    for (CompletableFuture<WriteOutcome> write : writes) {
      assertEquals(WriteOutcome.CREATED, write.get(30, TimeUnit.SECONDS));
    }

    assertEquals(1, atlas.requests("GET", TYPEDEF).size());
    assertEquals(1, atlas.requests("POST", TYPEDEFS).size());
  }

  @Test
  void withoutTheSetting_typesAreNeverReadOrCreated() {
    AtlasUserStore store = atlas.store(Map.of());

    store.createOrUpdate(User.minimal("a@x.com"));

    assertTrue(atlas.requests("GET", TYPEDEF).isEmpty());
    assertTrue(atlas.requests("POST", TYPEDEFS).isEmpty());
  }
}
