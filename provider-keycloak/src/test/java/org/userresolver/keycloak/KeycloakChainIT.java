package org.userresolver.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.userresolver.Resolution;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.UserStore;
import org.userresolver.spi.UserStoreFactory;
import org.userresolver.testkit.TestLog;

/** The whole resolution chain, the memory store in front of a real Keycloak server. */
@ExtendWith(KeycloakExtension.class)
final class KeycloakChainIT {
  private static KeycloakServer server;

  private final List<Resolution> answers = new CopyOnWriteArrayList<>();
  private UserStore store;

  @BeforeAll
  static void server(KeycloakServer started) {
    server = started;
  }

  @BeforeEach
  void newStore() {
    store = ServiceLoader.load(UserStoreFactory.class).stream().map(ServiceLoader.Provider::get)
        .filter(factory -> factory.name().equals("memory")).findFirst().orElseThrow()
        .create(Settings.of(Map.of()));
  }

  private UserResolver chain(Map<String, String> extra) {
    Map<String, String> settings = server.settings();
    settings.put("USER_RESOLVER_PROVIDER", "keycloak");
    settings.put("USER_RESOLVER_TIMEOUT", "PT20S");
    settings.putAll(extra);
    return UserResolvers.builder()
        .settings(Settings.of(settings))
        .store(store)
        .meterRegistry(new SimpleMeterRegistry())
        .listener(answers::add)
        .build();
  }

  private Resolution only() {
    assertEquals(1, answers.size(), answers.toString());
    return answers.get(0);
  }

  @Test
  void chain_fetchesAUserTheStoreDoesNotKnow_fromKeycloak_andStoresIt() {
    try (UserResolver chain = chain(Map.of())) {
      User ada = chain.resolve("Ada@Example.com");

      assertEquals("Ada Lovelace", ada.displayName());
      assertEquals("Mathematician", ada.roleName());
      assertEquals(Resolution.Source.PROVIDER, only().source());
    }
    Optional<User> stored = store.find("ada@example.com");
    assertEquals("Ada Lovelace", stored.map(User::displayName).orElse("(not stored)"));
    assertEquals("charles@example.com", stored.get().managerEmail());
  }

  @Test
  void chain_answersFromTheStore_withoutAskingKeycloak() {
    store.createOrUpdate(User.builder().email("charles@example.com")
        .displayName("Charles, from the store").build());

    try (UserResolver chain = chain(Map.of("KEYCLOAK_CLIENT_SECRET", "not-the-secret-42"))) {
      assertEquals("Charles, from the store", chain.resolve("charles@example.com")
          .displayName());
      assertEquals(Resolution.Source.STORE, only().source());
    }
  }

  @Test
  void chain_returnsADisabledUser_inactive() {
    try (UserResolver chain = chain(Map.of())) {
      User mary = chain.resolve("mary@example.com");

      assertFalse(mary.isActive());
      assertEquals("Mary Somerville", mary.displayName());
    }
    assertFalse(store.find("mary@example.com").orElseThrow().isActive());
  }

  @Test
  void chain_fallsBack_forAUserKeycloakDoesNotKnow_andStoresNothing() {
    try (UserResolver chain = chain(Map.of())) {
      User nobody = chain.resolve("nobody@example.com");

      assertEquals(User.minimal("nobody@example.com"), nobody);
      assertEquals(Resolution.Source.FALLBACK, only().source());
      assertEquals("user nobody@example.com not found in Keycloak realm acme at "
          + server.baseUrl(), only().detail());
    }
    assertEquals(Optional.empty(), store.find("nobody@example.com"));
  }

  @Test
  void chain_fallsBack_withAClearReason_whenTheClientSecretIsWrong() {
    try (UserResolver chain = chain(Map.of("KEYCLOAK_CLIENT_SECRET", "not-the-secret-42"))) {
      User ada = chain.resolve("ada@example.com");

      assertEquals(User.minimal("ada@example.com"), ada);
      Resolution answer = only();
      assertEquals(Resolution.Source.FALLBACK, answer.source());
      assertTrue(answer.detail().contains("Keycloak refused an access token to client "
          + "user-resolver of realm acme"), answer.detail());
      assertTrue(answer.detail().contains("Invalid client or Invalid client credentials"),
          answer.detail());
      assertFalse(answer.detail().contains("not-the-secret-42"), answer.detail());
    }
    String log = TestLog.text();
    assertTrue(log.contains("provider keycloak failed for ada@example.com: Keycloak refused an "
        + "access token to client user-resolver"), "the refusal is logged");
    assertFalse(log.contains("not-the-secret-42"), "the wrong secret is logged");
    assertFalse(log.contains(KeycloakServer.CLIENT_SECRET), "the secret is logged");
  }

  @Test
  void fromSettings_findsTheKeycloakProvider_byName() {
    Map<String, String> settings = server.settings();
    settings.put("USER_RESOLVER_PROVIDER", "keycloak");
    settings.put("USER_RESOLVER_STORE", "none");

    try (UserResolver chain = UserResolvers.fromSettings(settings)) {
      assertEquals("Alan Turing", chain.resolve("alan@example.com").displayName());
    }
  }
}
