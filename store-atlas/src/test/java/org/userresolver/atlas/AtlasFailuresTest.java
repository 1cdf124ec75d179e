package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;

/** How the store maps Atlas's failures: what is permanent, what is worth retrying, and why. */
final class AtlasFailuresTest {
  private static final String LOOKUP = "/api/atlas/v2/entity/uniqueAttribute/type/User";

  private final AtlasStub atlas = AtlasStub.start();

  @AfterEach
  void stop() {
    atlas.close();
  }

  private ResolutionException findFails(AtlasUserStore store, String id) {
    return assertThrows(ResolutionException.class, () -> store.find(id));
  }

  @Test
  void basicAuthentication_isSentUpFront() {
    atlas.store(Map.of()).find("a@x.com");

    AtlasStub.Request first = atlas.requests().get(0);
    assertEquals("Basic " + Base64.getEncoder().encodeToString(
        (AtlasStub.USER + ":" + AtlasStub.PASSWORD).getBytes(StandardCharsets.UTF_8)),
        first.header("Authorization"));
    assertEquals(1, atlas.requests().size());
  }

  @Test
  void wrongCredentials_arePermanent_notRetried_andNameTheSettings() {
    AtlasUserStore store = atlas.store(Map.of("ATLAS_PASSWORD", "wrong-password"));

    ResolutionException e = findFails(store, "a@x.com");

    assertFalse(e.isTransient());
    assertEquals("Atlas at " + atlas.url() + " rejected the credentials of user 'admin' while "
        + "looking up user a@x.com (HTTP 401 Bad credentials to GET " + atlas.url() + LOOKUP
        + "): check ATLAS_USERNAME and ATLAS_PASSWORD", e.getMessage());
    assertEquals(1, atlas.requests().size());
  }

  @Test
  void jettysHtmlErrorPage_on401_isPermanentToo() {
    atlas.failNext(1, 401, "text/html;charset=iso-8859-1",
        "<html><body><h2>HTTP ERROR 401 Bad credentials</h2></body></html>");

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> atlas.store(Map.of()).createOrUpdate(User.minimal("a@x.com")));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().startsWith("Atlas at " + atlas.url() + " rejected the credentials "
        + "of user 'admin' while writing user a@x.com (HTTP 401 to POST "), e.getMessage());
  }

  @Test
  void forbidden_isPermanent_andSaysWhatToGrant() {
    atlas.forbid();

    ResolutionException e = findFails(atlas.store(Map.of()), "a@x.com");

    assertFalse(e.isTransient());
    assertEquals("Atlas at " + atlas.url() + " refused user 'admin' while looking up user "
        + "a@x.com (HTTP 403 ATLAS-403-00-001: admin is not authorized to perform GET " + LOOKUP
        + " to GET " + atlas.url() + LOOKUP + "): grant it read, create and update of entities "
        + "of type User (and read and create of types, for ATLAS_CREATE_TYPES) in Atlas's "
        + "authorizer (Apache Ranger's Atlas service, or atlas-simple-authz-policy.json)",
        e.getMessage());
  }

  @Test
  void serverErrors_andRateLimits_areTransient() {
    AtlasUserStore store = atlas.store(Map.of());
    atlas.failNext(1, 503);
    atlas.failNext(1, 429, "application/json", "");

    ResolutionException unavailable = findFails(store, "a@x.com");
    ResolutionException limited = findFails(store, "a@x.com");

    assertTrue(unavailable.isTransient());
    assertEquals("Atlas at " + atlas.url() + " failed while looking up user a@x.com: GET "
        + atlas.url() + LOOKUP + " answered HTTP 503", unavailable.getMessage());
    assertTrue(limited.isTransient());
    assertEquals(Optional.empty(), store.find("a@x.com"));
  }

  @Test
  void malformedJson_isPermanent() {
    atlas.failNext(1, 200, "application/json", "{\"entity\": {\"typeName\": ");

    ResolutionException e = findFails(atlas.store(Map.of()), "a@x.com");

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().startsWith("Atlas at " + atlas.url() + " failed while looking up "
        + "user a@x.com: malformed JSON in the HTTP 200 answer to GET "), e.getMessage());
  }

  @Test
  void a404WithAnotherAtlasCode_isAnError_notUnknown() {
    atlas.failNext(1, 404, "application/json", new StubError(
        StubError.INSTANCE_CRUD_INVALID_PARAMS, "[bad]").body());

    ResolutionException e = findFails(atlas.store(Map.of()), "a@x.com");

    assertFalse(e.isTransient());
    assertEquals("Atlas at " + atlas.url() + " answered HTTP 404 ATLAS-404-00-007: Invalid "
        + "instance creation/updation parameters passed : [bad] to GET " + atlas.url() + LOOKUP
        + " while looking up user a@x.com", e.getMessage());
  }

  @Test
  void a404ThatIsNotAtlas_pointsAtTheUrl() {
    atlas.failNext(1, 404, "text/html", "<html>Not Found</html>");

    ResolutionException e = findFails(atlas.store(Map.of()), "a@x.com");

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().endsWith("while looking up user a@x.com: is ATLAS_URL the address "
        + "of an Atlas server?"), e.getMessage());
  }

  @Test
  void atlasDown_isTransient_andNamesTheServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    AtlasUserStore store = (AtlasUserStore) new AtlasUserStoreFactory().create(Settings.of(Map.of(
        "ATLAS_URL", "http://127.0.0.1:" + port,
        "ATLAS_USERNAME", "admin", "ATLAS_PASSWORD", AtlasStub.PASSWORD)));

    ResolutionException e = findFails(store, "a@x.com");
    ResolutionException write = assertThrows(ResolutionException.class,
        () -> store.createOrUpdateAll(List.of(User.minimal("a@x.com"))));

    assertTrue(e.isTransient());
    assertTrue(e.getMessage().startsWith("Atlas at http://127.0.0.1:" + port + " could not be "
        + "reached while looking up user a@x.com: GET http://127.0.0.1:" + port + LOOKUP
        + " failed: ConnectException"), e.getMessage());
    assertTrue(write.isTransient());
    assertTrue(write.getMessage().contains("could not be reached while writing 1 users"),
        write.getMessage());
  }

  @Test
  void retryAfter_isPassedOn_forTheRetryPolicy() {
    atlas.failNextWithRetryAfter(429, 7);

    ResolutionException e = findFails(atlas.store(Map.of()), "a@x.com");

    assertTrue(e.isTransient());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
  }

  @Test
  void aMissingUserType_withoutTheSetting_isPermanent_andNamesIt() {
    atlas.state().setUserType(null);
    AtlasUserStore store = atlas.store(Map.of());

    ResolutionException read = findFails(store, "a@x.com");
    ResolutionException write = assertThrows(ResolutionException.class,
        () -> store.createOrUpdate(User.minimal("a@x.com")));

    assertFalse(read.isTransient());
    assertEquals("Atlas at " + atlas.url() + " has no entity type User (HTTP 400 "
        + "ATLAS-400-00-014: Type ENTITY with name User does not exist to GET " + atlas.url()
        + LOOKUP + " while looking up user a@x.com): set ATLAS_CREATE_TYPES=true to create it "
        + "as Amundsen's Atlas types define it, or load Amundsen's Atlas types "
        + "(amundsen-atlas-types) into Atlas", read.getMessage());
    assertFalse(write.isTransient());
    assertTrue(write.getMessage().contains("has no entity type User"), write.getMessage());
    assertTrue(atlas.requests("GET", "/api/atlas/v2/types/typedef/name/User").isEmpty());
    assertTrue(atlas.requests("POST", "/api/atlas/v2/types/typedefs").isEmpty());
  }
}
