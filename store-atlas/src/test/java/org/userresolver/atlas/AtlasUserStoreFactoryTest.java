package org.userresolver.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolvers;
import org.userresolver.spi.UserStoreFactory;

final class AtlasUserStoreFactoryTest {

  @Test
  void serviceLoader_findsTheFactory_byItsName() {
    List<String> names = ServiceLoader.load(UserStoreFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(factory -> factory instanceof AtlasUserStoreFactory)
        .map(UserStoreFactory::name)
        .toList();

    assertEquals(List.of("atlas"), names);
  }

  @Test
  void amundsensProxyClient_selectsTheStore_byName() {
    try (AtlasStub atlas = AtlasStub.start()) {
      Map<String, String> values = new java.util.HashMap<>(atlas.settings());
      values.put("PROXY_CLIENT", "ATLAS");
      atlas.state().seed(Map.of("qualifiedName", "a@x.com", "email", "a@x.com",
          "full_name", "Ada"), "databuilder");

      try (var chain = UserResolvers.builder().settings(Settings.of(values))
          .provider(id -> User.minimal("provider-" + id))
          .meterRegistry(new SimpleMeterRegistry()).build()) {
        assertEquals("Ada", chain.resolve("a@x.com").displayName());
      }
      assertEquals(1, atlas.requests().size());
    }
  }

  @Test
  void create_rejectsBadSettings_allAtOnce_beforeSendingAnything() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AtlasUserStoreFactory().create(Settings.of(Map.of(
            "ATLAS_URL", "atlas.example.com", "ATLAS_CREATE_TYPES", "sometimes"))));

    assertEquals("Invalid Atlas settings:\n"
        + "  - ATLAS_URL must be an https URL without a query, such as "
        + "https://atlas.example.com:21000 (plain http only for loopback hosts), found "
        + "\"atlas.example.com\"\n"
        + "  - ATLAS_USERNAME and ATLAS_PASSWORD are required: Atlas authenticates every API "
        + "request (basic authentication) (or Amundsen's CREDENTIALS_PROXY_USER and "
        + "CREDENTIALS_PROXY_PASSWORD)\n"
        + "  - ATLAS_CREATE_TYPES must be true or false, found \"sometimes\"", e.getMessage());
  }

  @Test
  void close_holdsNothing_andIsIdempotent() {
    try (AtlasStub atlas = AtlasStub.start()) {
      AtlasUserStore store = atlas.store(Map.of());
      store.close();
      store.close();
      assertTrue(atlas.requests().isEmpty(), "creating and closing sends nothing");
    }
  }
}
