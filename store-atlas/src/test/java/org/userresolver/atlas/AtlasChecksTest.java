package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;
import org.userresolver.Settings;

/** What {@code user-resolver check} reports for the {@code atlas} store. */
final class AtlasChecksTest {
  private final AtlasStub atlas = AtlasStub.start();

  @AfterEach
  void stop() {
    atlas.close();
  }

  private static List<String> run(AtlasUserStore store) {
    return store.checks().stream().map(Check::run)
        .map(result -> (result.ok() ? "OK   " : "FAIL ") + result.name() + ": " + result.detail())
        .toList();
  }

  @Test
  void aGoodConfiguration_passesEveryCheck() {
    assertEquals(List.of(
        "OK   atlas status: reachable at " + atlas.url() + ", ACTIVE",
        "OK   atlas authentication: authenticated as 'admin'; Apache Atlas 2.3.0",
        "OK   atlas User type: present (supertype Referenceable, every attribute userresolver "
            + "writes)"), run(atlas.store(Map.of())));
  }

  @Test
  void wrongCredentials_failAuthentication_afterTheServerAnswered() {
    List<String> results = run(atlas.store(Map.of("ATLAS_PASSWORD", "wrong")));

    assertEquals("OK   atlas status: reachable at " + atlas.url() + ", ACTIVE", results.get(0));
    assertEquals("FAIL atlas authentication: Atlas at " + atlas.url() + " rejected the "
        + "credentials of user 'admin' while reading the server's version (HTTP 401 Bad "
        + "credentials to GET " + atlas.url() + "/api/atlas/admin/version): check "
        + "ATLAS_USERNAME and ATLAS_PASSWORD", results.get(1));
  }

  @Test
  void aMissingType_failsWithoutTheSetting_andPassesWithIt() {
    atlas.state().setUserType(null);

    assertEquals("FAIL atlas User type: absent from Atlas at " + atlas.url() + ": set "
        + "ATLAS_CREATE_TYPES=true to create it as Amundsen's Atlas types define it, or load "
        + "Amundsen's Atlas types (amundsen-atlas-types) into Atlas",
        run(atlas.store(Map.of())).get(2));
    assertEquals("OK   atlas User type: absent; it is created before the first write "
        + "(ATLAS_CREATE_TYPES=true)",
        run(atlas.store(Map.of("ATLAS_CREATE_TYPES", "true"))).get(2));
    assertEquals(0, atlas.state().typesCreated(), "a check changes nothing");
  }

  @Test
  void aTypeThatIsNotAmundsens_fails_andSaysWhatItLacks() {
    atlas.state().setUserType(StubEntities.typeAsStored((ObjectNode) StubEntities.read(
        "{\"name\":\"User\",\"superTypes\":[\"Referenceable\"],\"attributeDefs\":["
            + "{\"name\":\"email\",\"typeName\":\"string\"}]}")));

    assertEquals("FAIL atlas User type: present in Atlas at " + atlas.url() + " but not "
        + "Amundsen's: it lacks the attributes first_name, last_name, full_name, "
        + "github_username, team_name, employee_type, manager_email, slack_id, is_active, "
        + "profile_url, role_name (Atlas drops their values on write). userresolver never "
        + "changes an existing type: add the attributes to it (as optional strings), or load "
        + "Amundsen's Atlas types", run(atlas.store(Map.of())).get(2));
  }

  @Test
  void aPassiveServer_failsTheStatus() {
    atlas.status("PASSIVE");

    assertEquals("FAIL atlas status: Atlas at " + atlas.url() + " is reachable but PASSIVE, not "
        + "ACTIVE: in a highly available setup, point ATLAS_URL at the active server or at the "
        + "load balancer in front of the servers", run(atlas.store(Map.of())).get(0));
  }

  @Test
  void atlasDown_failsTheStatus_sayingWhy() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    AtlasUserStore store = (AtlasUserStore) new AtlasUserStoreFactory().create(Settings.of(Map.of(
        "ATLAS_URL", "http://127.0.0.1:" + port, "ATLAS_USERNAME", "admin",
        "ATLAS_PASSWORD", "pw")));

    String status = run(store).get(0);

    assertTrue(status.startsWith("FAIL atlas status: Atlas at http://127.0.0.1:" + port
        + " could not be reached while reading the server's status: GET http://127.0.0.1:" + port
        + "/api/atlas/admin/status failed: ConnectException"), status);
  }
}
