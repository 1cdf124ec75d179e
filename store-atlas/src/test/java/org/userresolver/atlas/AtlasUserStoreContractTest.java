package org.userresolver.atlas;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;
import org.userresolver.testkit.UserStoreContract;

/** The {@code atlas} store passes the store contract against the stub Atlas. */
final class AtlasUserStoreContractTest extends UserStoreContract {
  private AtlasStub atlas;

  @Override
  protected UserStore createStore() {
    atlas = AtlasStub.start();
    return new AtlasUserStoreFactory().create(Settings.of(atlas.settings()));
  }

  @AfterEach
  void stopAtlas() {
    atlas.close();
  }

  /**
   * Atlas keeps what Amundsen's {@code User} type has attributes for: no {@code display_name}
   * (derived again on read), {@code manager_fullname}, {@code manager_id} or
   * {@code other_key_values}.
   */
  @Override
  protected User asStored(User written) {
    return written.toBuilder()
        .displayName("")
        .managerFullname("")
        .managerId("")
        .otherKeyValues(Map.of())
        .build();
  }
}
