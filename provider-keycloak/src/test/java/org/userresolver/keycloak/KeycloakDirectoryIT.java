package org.userresolver.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.userresolver.Settings;
import org.userresolver.SyncReport;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserDirectory.Page;
import org.userresolver.UserDirectory.Request;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.UserSync;

/** The realm's listing and a sync from it, against the real Keycloak server and our realm. */
@ExtendWith(KeycloakExtension.class)
final class KeycloakDirectoryIT {
  private static KeycloakServer server;

  @BeforeAll
  static void server(KeycloakServer started) {
    server = started;
  }

  private static UserResolver create(int pageSize) {
    Map<String, String> settings = server.settings();
    settings.put("KEYCLOAK_SYNC_PAGE_SIZE", Integer.toString(pageSize));
    settings.put("KEYCLOAK_OTHER_KEYS", "costCenter,languages");
    return new KeycloakUserResolverFactory().create(Settings.of(settings));
  }

  private static List<Page> listAll(UserDirectory directory) {
    List<Page> pages = new ArrayList<>();
    String cursor = null;
    do {
      Page page = directory.page(Request.all(), cursor);
      pages.add(page);
      cursor = page.next().orElse(null);
    } while (cursor != null);
    return pages;
  }

  @Test
  void listing_pagesThroughTheRealm_andMapsEachUserAsALookupDoes() {
    try (UserResolver resolver = create(2)) {
      UserDirectory directory = resolver.directory().orElseThrow();
      List<Page> pages = listAll(directory);
      List<User> users = pages.stream().flatMap(page -> page.users().stream()).toList();
      List<UserDirectory.Skipped> skipped = pages.stream()
          .flatMap(page -> page.skipped().stream()).toList();

      assertTrue(pages.size() >= 4, "two users a page: " + pages.size() + " pages");
      assertEquals(List.of("ada@example.com", "alan.turing@example.com", "charles@example.com",
          "mary@example.com", "twins@example.com", "twins@example.com"),
          users.stream().map(User::userId).sorted().toList());
      assertEquals(List.of("grace"), skipped.stream().map(UserDirectory.Skipped::id).toList());
      assertTrue(skipped.get(0).reason().startsWith("Keycloak user grace of realm acme at "),
          skipped.get(0).reason());
      for (User listed : users) {
        if (!listed.userId().equals("twins@example.com")) {
          assertEquals(resolver.resolve(listed.userId()), listed, listed.userId());
        }
      }
      User ada = users.stream().filter(u -> u.userId().equals("ada@example.com")).findFirst()
          .orElseThrow();
      assertEquals("Mathematician", ada.roleName());
      assertEquals(Map.of("costCenter", "R&D", "languages", "en, fr"), ada.otherKeyValues());
      assertFalse(users.stream().filter(u -> u.userId().equals("mary@example.com")).findFirst()
          .orElseThrow().isActive(), "a disabled user is inactive");
      assertEquals(users.size() + skipped.size(), directory.count(Request.all()).orElseThrow());
    }
  }

  @Test
  void sync_fromTheRealm_writesEveryUser_thenFindsThemUnchanged() {
    MapStore store = new MapStore();
    try (UserResolver resolver = create(3)) {
      UserSync sync = UserSync.builder().provider(resolver).store(store).build();

      SyncReport first = sync.run();
      SyncReport second = sync.run();

      assertEquals(7, first.listed(), first.summary());
      assertEquals(5, first.created(), first.summary());
      assertEquals(2, first.skipped(), "grace has no email; a twin is listed twice, or both "
          + "are written under one id: " + first.problems());
      assertEquals(7, first.total().orElseThrow());
      assertTrue(first.succeeded(), first.summary());
      assertEquals(5, second.unchanged() + second.updated(), second.summary());
      assertEquals(0, second.created());
      assertFalse(store.find("mary@example.com").orElseThrow().isActive());
      assertEquals("charles@example.com",
          store.find("ada@example.com").orElseThrow().managerEmail());
    }
  }

  @Test
  void since_isNotSupported_andSaysSo() {
    try (UserResolver resolver = create(100)) {
      UserSync sync = UserSync.builder().provider(resolver).store(new MapStore())
          .updatedSince(Instant.parse("2026-01-01T00:00:00Z")).build();

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sync::run);

      assertFalse(resolver.directory().orElseThrow().supportsUpdatedSince());
      assertTrue(e.getMessage().contains("cannot list only the users updated since a time"),
          e.getMessage());
    }
  }

  /** A store in a map. */
  private static final class MapStore implements UserStore {
    private final Map<String, User> users = new ConcurrentHashMap<>();

    @Override
    public Optional<User> find(String userId) {
      return Optional.ofNullable(users.get(userId));
    }

    @Override
    public WriteOutcome createOrUpdate(User user) {
      return users.put(user.userId(), user) == null ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
    }

    @Override
    public Map<String, WriteOutcome> createOrUpdateAll(Collection<User> batch) {
      return UserStore.super.createOrUpdateAll(batch);
    }
  }
}
