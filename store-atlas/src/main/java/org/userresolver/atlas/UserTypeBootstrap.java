package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code ATLAS_CREATE_TYPES=true}, makes sure the {@code User} type exists before the first
 * write: reads it, creates it as Amundsen defines it ({@link UserType}) when Atlas answers
 * {@code 404 ATLAS-404-00-001}, takes a {@code 409 ATLAS-409-00-001} (another replica created
 * it first) as done, and never changes an existing type (one that is not Amundsen's gets a
 * warning). Once per store; concurrent first writes wait for it; a failure leaves it to the next
 * write. Without the setting it does nothing. Thread-safe.
 */
final class UserTypeBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(UserTypeBootstrap.class);

  private final AtlasConfig config;
  private final AtlasApi api;
  private final Object lock = new Object();
  private volatile boolean settled;

  UserTypeBootstrap(AtlasConfig config, AtlasApi api) {
    this.config = config;
    this.api = api;
  }

  /** Makes sure the type exists, once; see the class description. */
  void ensure() {
    if (!config.createTypes() || settled) {
      return;
    }
    synchronized (lock) {
      if (settled) {
        return;
      }
      Optional<JsonNode> existing = api.get(AtlasPaths.USER_TYPEDEF, "reading the "
          + UserEntities.TYPE + " type", AtlasCodes.TYPE_NAME_NOT_FOUND);
      if (existing.isPresent()) {
        List<String> problems = UserType.problems(existing.get());
        if (!problems.isEmpty()) {
          LOG.warn("{}: the existing {} type is not Amundsen's, and userresolver never changes "
              + "an existing type: {}", config.where(), UserEntities.TYPE,
              String.join("; ", problems));
        }
      } else {
        boolean created = api.postAllowingConflict(AtlasPaths.TYPEDEFS, UserType.typesDef(),
            "creating the " + UserEntities.TYPE + " type", AtlasCodes.TYPE_ALREADY_EXISTS)
            .isPresent();
        LOG.info("{}: {} the {} type", config.where(),
            created ? "created" : "another writer created", UserEntities.TYPE);
      }
      settled = true;
    }
  }
}
