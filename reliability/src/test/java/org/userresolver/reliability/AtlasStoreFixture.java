package org.userresolver.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.User;
import org.userresolver.atlas.AtlasStub;
import org.userresolver.atlas.StubEntities;

/**
 * The {@code atlas} store against store-atlas's own stub Atlas ({@link AtlasStub}, from its
 * test jar: Atlas's v2 {@code EntityREST} over the JDK's HTTP server, Amundsen's {@code User}
 * type loaded, basic authentication), reached through a {@link TcpProxy} that takes it down and
 * brings it back; store settings left at their defaults but for the URL and credentials. Reads
 * and writes for the checks go to the stub's entities directly.
 */
final class AtlasStoreFixture extends ProxiedStoreFixture {
  private AtlasStub atlas;

  AtlasStoreFixture() {
    Secrets.register(AtlasStub.PASSWORD);
    Secrets.register(basic(AtlasStub.PASSWORD));
  }

  @Override
  public String name() {
    return "atlas";
  }

  @Override
  public void start() {
    atlas = AtlasStub.start();
    proxyTo(atlas.port(), 1);
  }

  @Override
  protected void empty() {
    atlas.state().clear();
    atlas.clearRequests();
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>(atlas.settings());
    settings.put("USER_RESOLVER_STORE", "atlas");
    settings.put("ATLAS_URL", "http://127.0.0.1:" + proxy.port());
    return settings;
  }

  @Override
  public Map<String, String> settingsWithWrongSecrets() {
    Map<String, String> settings = settings();
    String wrong = Secrets.make("atlas-wrong-password");
    Secrets.register(basic(wrong));
    settings.put("ATLAS_PASSWORD", wrong);
    return settings;
  }

  @Override
  public List<BadSetting> badSettings() {
    return List.of(
        new BadSetting("ATLAS_URL", "http://atlas.example.com:21000"),
        new BadSetting("ATLAS_URL", "ftp://atlas.example.com:21000"),
        new BadSetting("ATLAS_URL", "https://admin:" + Secrets.make("atlas-url-password")
            + "@atlas.example.com:21000"),
        new BadSetting("ATLAS_URL", "https://atlas.example.com:21000/api/atlas/v2"),
        new BadSetting("ATLAS_URL", "https://atlas.example.com:21000?x=1"),
        new BadSetting("ATLAS_URL", "%zz"),
        new BadSetting("ATLAS_URL", null),
        new BadSetting("ATLAS_USERNAME", null),
        new BadSetting("ATLAS_USERNAME", "ad:min"),
        new BadSetting("ATLAS_PASSWORD", null),
        new BadSetting("ATLAS_CREATE_TYPES", "maybe"));
  }

  @Override
  public long stored(String id) {
    return atlas.state().get(id).isPresent() ? 1 : 0;
  }

  @Override
  public Optional<User> peek(String id) {
    StubEntities state = atlas.state();
    Map<String, String> attributes;
    synchronized (state) {
      Optional<StubEntities.Entity> entity = state.get(id);
      if (entity.isEmpty()) {
        return Optional.empty();
      }
      attributes = new HashMap<>(entity.get().attributes);
    }
    return Optional.of(User.builder().userId(id)
        .email(attributes.getOrDefault("email", ""))
        .firstName(attributes.getOrDefault("first_name", ""))
        .lastName(attributes.getOrDefault("last_name", "")).build());
  }

  /** Amundsen's owner stub: an entity holding {@code qualifiedName} and {@code email} only. */
  @Override
  public void putStub(String id) {
    StubEntities state = atlas.state();
    synchronized (state) {
      if (state.get(id).isEmpty()) {
        state.seed(Map.of("qualifiedName", id, "email", id), AtlasStub.USER);
      }
    }
  }

  @Override
  public void close() {
    super.close();
    atlas.close();
  }

  /** The basic-authentication credentials of the stub's user with this password. */
  private static String basic(String password) {
    return Base64.getEncoder().encodeToString((AtlasStub.USER + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }
}
