package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Resolution;
import org.userresolver.Resolution.Source;
import org.userresolver.ResolutionException;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.UserStore;

/** The whole resolution chain with a scripted identity provider and this store on the stub. */
final class AtlasChainTest {
  private static final String LOOKUP = "/api/atlas/v2/entity/uniqueAttribute/type/User";
  private static final String BULK_LOOKUP = "/api/atlas/v2/entity/bulk/uniqueAttribute/type/User";

  private static final User JANE = User.builder()
      .userId("jane@acme.com")
      .email("jane@acme.com")
      .firstName("Jane")
      .lastName("Doe")
      .teamName("Data Platform")
      .roleName("Engineer")
      .managerEmail("boss@acme.com")
      .build();

  private final AtlasStub atlas = AtlasStub.start();
  private final AtomicInteger providerCalls = new AtomicInteger();
  private final List<Resolution> resolutions = new CopyOnWriteArrayList<>();
  private final Map<String, User> known = new HashMap<>(Map.of(JANE.userId(), JANE));

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    atlas.close();
  }

  /** Knows the users in {@link #known}, and counts its calls. */
  private User provide(String id) {
    providerCalls.incrementAndGet();
    User user = known.get(id);
    if (user == null) {
      throw new UserNotFoundException(id, "the scripted provider");
    }
    return user;
  }

  private Settings settings(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(atlas.settings());
    values.put("USER_RESOLVER_RETRY_BACKOFF", "PT0.01S");
    values.putAll(extra);
    return Settings.of(values);
  }

  private UserResolver chainWith(UserStore store) {
    return UserResolvers.builder()
        .settings(settings(Map.of()))
        .provider(this::provide)
        .store(store)
        .meterRegistry(new SimpleMeterRegistry())
        .listener(resolutions::add)
        .build();
  }

  private UserResolver chain() {
    return chainWith(atlas.store(Map.of()));
  }

  /** A chain built from settings alone, with a {@code file} provider that knows nobody. */
  private UserResolver fromSettings(Map<String, String> values) throws IOException {
    Map<String, String> all = new HashMap<>(values);
    all.put("USER_RESOLVER_PROVIDER", "file");
    all.put("USER_RESOLVER_FILE", Files.writeString(dir.resolve("users.json"), "[]").toString());
    return UserResolvers.builder().settings(Settings.of(all))
        .meterRegistry(new SimpleMeterRegistry()).listener(resolutions::add).build();
  }

  private List<Source> sources() {
    return resolutions.stream().map(Resolution::source).toList();
  }

  private static Map<String, String> databuilderJane(String isActive) {
    return Map.of("qualifiedName", "jane@acme.com", "email", "jane@acme.com",
        "first_name", "Jane", "last_name", "Doe", "full_name", "", "team_name", "Data",
        "slack_id", "", "is_active", isActive, "updated_at", "1714521600");
  }

  @Test
  void aMiss_isCreatedInAtlas_andAFreshResolverFindsIt_withoutTheProvider() throws IOException {
    try (UserResolver first = chain()) {
      assertEquals(JANE, first.resolve("Jane@Acme.com"));
    }
    assertEquals(1, providerCalls.get());
    assertEquals(1, atlas.state().size());
    StubEntities.Entity stored = atlas.state().get("jane@acme.com").orElseThrow();
    assertEquals("Jane", stored.attributes.get("first_name"));
    assertEquals(List.of("userresolver"), List.copyOf(stored.labels));

    resolutions.clear();
    try (UserResolver fresh = fromSettings(Map.of("USER_RESOLVER_STORE", "atlas",
        "ATLAS_URL", atlas.url(), "ATLAS_USERNAME", AtlasStub.USER,
        "ATLAS_PASSWORD", AtlasStub.PASSWORD))) {
      assertEquals(JANE, fresh.resolve("jane@acme.com"));
    }
    assertEquals(List.of(Source.STORE), sources());
    assertEquals(1, providerCalls.get());
  }

  @Test
  void theFirstAnswer_isWhatAtlasHolds_asLaterAnswersWillBe() {
    known.put("ada@acme.com", User.builder().userId("ada@acme.com").email("ada@acme.com")
        .firstName("Ada").lastName("Lovelace").managerFullname("Charles Babbage")
        .managerId("00u1").otherKeyValue("okta_id", "00u2").build());

    User first;
    try (UserResolver chain = chain()) {
      first = chain.resolve("ada@acme.com");
    }

    assertEquals(User.builder().userId("ada@acme.com").email("ada@acme.com").firstName("Ada")
        .lastName("Lovelace").build(), first);
    assertEquals(first, atlas.store(Map.of()).find("ada@acme.com").orElseThrow());
  }

  @Test
  void anEntityAsDatabuilderWritesIt_isReadRight_fromTheStore() {
    atlas.state().seed(databuilderJane("False"), "databuilder");

    User jane;
    try (UserResolver chain = chain()) {
      jane = chain.resolve("jane@acme.com");
    }

    assertEquals(List.of(Source.STORE), sources());
    assertEquals(false, jane.isActive());
    assertEquals("Jane Doe", jane.displayName());
    assertEquals("Data", jane.teamName());
    assertEquals("", jane.slackId());
    assertEquals(0, providerCalls.get());
  }

  @Test
  void aBareOwnerEntity_isFilledIn_fromTheProvider() {
    String guid = atlas.state().seed(Map.of("qualifiedName", "jane@acme.com"), "amundsen");

    try (UserResolver chain = chain()) {
      assertEquals(JANE, chain.resolve("jane@acme.com"));
    }

    assertEquals(List.of(Source.PROVIDER), sources());
    assertEquals(1, providerCalls.get());
    assertEquals(1, atlas.state().size());
    StubEntities.Entity stored = atlas.state().get("jane@acme.com").orElseThrow();
    assertEquals(guid, stored.guid, "the owner entity itself is filled in");
    assertEquals("Doe", stored.attributes.get("last_name"));
    assertTrue(stored.labels.isEmpty(), "Amundsen created it, not userresolver");
  }

  @Test
  void anOwnerStubWithAnEmail_isCompleted_fromTheProvider() {
    atlas.state().seed(Map.of("qualifiedName", "jane@acme.com", "email", "jane@acme.com"),
        "amundsen");

    try (UserResolver chain = chain()) {
      assertEquals(JANE, chain.resolve("jane@acme.com"));
    }

    assertEquals(1, providerCalls.get());
    assertEquals("Jane", atlas.state().get("jane@acme.com").orElseThrow()
        .attributes.get("first_name"));
  }

  @Test
  void theFallback_isNeverWritten() {
    try (UserResolver chain = chain()) {
      assertEquals(User.minimal("nobody@acme.com"), chain.resolve("nobody@acme.com"));
    }

    assertEquals(List.of(Source.FALLBACK), sources());
    assertEquals(0, atlas.state().size());
    assertTrue(atlas.requests("POST", "/api/atlas/v2/entity").isEmpty());
  }

  @Test
  void resolveAll_ofFiftyIds_readsAtlasInAFewBulkRequests_andAsksTheProviderForTheRest() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = "p" + i + "@acme.com";
      ids.add(id);
      if (i < 20) {
        atlas.state().seed(Map.of("qualifiedName", id, "email", id, "full_name", "P " + i),
            "databuilder");
      } else {
        known.put(id, User.builder().userId(id).email(id).fullName("Provided " + i).build());
      }
    }

    Map<String, User> users;
    try (UserResolver chain = chain()) {
      users = chain.resolveAll(ids);
    }

    assertEquals(ids, List.copyOf(users.keySet()));
    assertEquals("P 3", users.get("p3@acme.com").displayName());
    assertEquals("Provided 33", users.get("p33@acme.com").displayName());
    assertTrue(atlas.requests("GET", BULK_LOOKUP).size() <= 5,
        () -> atlas.requests("GET", BULK_LOOKUP).size() + " bulk lookups");
    assertEquals(30, providerCalls.get());
    assertEquals(30, atlas.requests("POST", "/api/atlas/v2/entity").size());
    assertEquals(30, atlas.requests("GET", LOOKUP).size(), "each new user read back once");
    assertEquals(50, atlas.state().size());
  }

  @Test
  void twoUnavailableAnswers_thenSuccess_isRetried() {
    atlas.state().seed(databuilderJane("true"), "databuilder");
    atlas.failNext(2, 503);

    try (UserResolver chain = chain()) {
      assertEquals("Jane Doe", chain.resolve("jane@acme.com").displayName());
    }

    assertEquals(List.of(Source.STORE), sources());
    assertEquals(3, atlas.requests("GET", LOOKUP).size());
    assertEquals(0, providerCalls.get());
  }

  @Test
  void wrongCredentials_areNotRetried_andTheProvidersProfileStillAnswers() {
    try (UserResolver chain = chainWith(atlas.store(Map.of("ATLAS_PASSWORD", "wrong")))) {
      assertEquals(JANE, chain.resolve("jane@acme.com"));
    }

    assertEquals(List.of(Source.PROVIDER), sources());
    assertTrue(resolutions.get(0).detail().startsWith("store write failed: Atlas at "
        + atlas.url() + " rejected the credentials of user 'admin' while writing user "
        + "jane@acme.com"), resolutions.get(0).detail());
    assertEquals(1, atlas.requests("GET", LOOKUP).size());
    assertEquals(1, atlas.requests("POST", "/api/atlas/v2/entity").size());
    assertEquals(0, atlas.state().size());
  }

  @Test
  void atlasDown_stillAnswers_fromTheProvider_orTheFallback() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    UserStore down = new AtlasUserStoreFactory().create(settings(
        Map.of("ATLAS_URL", "http://127.0.0.1:" + port)));

    try (UserResolver chain = chainWith(down)) {
      assertEquals(JANE, chain.resolve("jane@acme.com"));
      assertEquals(User.minimal("nobody@acme.com"), chain.resolve("nobody@acme.com"));
    }

    assertEquals(List.of(Source.PROVIDER, Source.FALLBACK), sources());
    assertTrue(resolutions.get(0).detail().startsWith("store write failed: Atlas at "
        + "http://127.0.0.1:" + port + " could not be reached while writing user jane@acme.com"),
        resolutions.get(0).detail());
  }

  @Test
  void amundsensProxySettings_reachAtlas_overPlainHttp_withProxyEncryptedFalse()
      throws IOException {
    atlas.state().seed(databuilderJane("true"), "databuilder");
    Map<String, String> amundsen = Map.of(
        "PROXY_CLIENT", "ATLAS",
        "PROXY_HOST", "127.0.0.1",
        "PROXY_PORT", String.valueOf(atlas.port()),
        "PROXY_ENCRYPTED", "False",
        "CREDENTIALS_PROXY_USER", AtlasStub.USER,
        "CREDENTIALS_PROXY_PASSWORD", AtlasStub.PASSWORD);

    try (UserResolver chain = fromSettings(amundsen)) {
      assertEquals("Jane Doe", chain.resolve("jane@acme.com").displayName());
    }

    assertEquals("atlas", Settings.of(amundsen).store());
    assertEquals(List.of(Source.STORE), sources());
  }

  @Test
  void amundsensProxySettings_meanHttps_byDefault() {
    Map<String, String> amundsen = new HashMap<>(Map.of(
        "PROXY_CLIENT", "ATLAS",
        "PROXY_HOST", "127.0.0.1",
        "PROXY_PORT", String.valueOf(atlas.port()),
        "CREDENTIALS_PROXY_USER", AtlasStub.USER,
        "CREDENTIALS_PROXY_PASSWORD", AtlasStub.PASSWORD));
    AtlasUserStore store =
        (AtlasUserStore) new AtlasUserStoreFactory().create(Settings.of(amundsen));

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> store.find("jane@acme.com"));

    assertEquals("https://127.0.0.1:" + atlas.port(), store.config().url().toString());
    assertTrue(e.getMessage().startsWith("Atlas at https://127.0.0.1:" + atlas.port()
        + " could not be reached while looking up user jane@acme.com"), e.getMessage());
  }
}
