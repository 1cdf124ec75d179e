package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.userresolver.Check;
import org.userresolver.http.ProfileMapping;

/**
 * The steps {@code user-resolver check} runs for the {@code atlas} store: the server answers
 * and is active ({@code /api/atlas/admin/status}, which needs no credentials), it accepts the
 * credentials ({@code /api/atlas/admin/version}, which does), and its {@code User} type is
 * Amundsen's, or absent and about to be created.
 */
final class AtlasChecks {
  private final AtlasConfig config;
  private final AtlasApi api;

  AtlasChecks(AtlasConfig config, AtlasApi api) {
    this.config = config;
    this.api = api;
  }

  /** The checks, in the order to run them. */
  List<Check> checks() {
    return List.of(
        new Check("atlas status", this::status),
        new Check("atlas authentication", this::authentication),
        new Check("atlas " + UserEntities.TYPE + " type", this::userType));
  }

  private String status() {
    JsonNode answer = api.get(AtlasPaths.STATUS, "reading the server's status", null)
        .orElseThrow();
    String status = ProfileMapping.text(answer.path("Status"));
    if (!status.equals("ACTIVE")) {
      throw new IllegalStateException(config.where() + " is reachable but "
          + (status.isEmpty() ? "reports no status" : status) + ", not ACTIVE: in a highly "
          + "available setup, point " + config.urlSettings() + " at the active server or at "
          + "the load balancer in front of the servers");
    }
    return "reachable at " + config.url() + ", ACTIVE";
  }

  private String authentication() {
    JsonNode answer = api.get(AtlasPaths.VERSION, "reading the server's version", null)
        .orElseThrow();
    String version = ProfileMapping.text(answer.path("Version"));
    return "authenticated as '" + config.username() + "'"
        + (version.isEmpty() ? "" : "; Apache Atlas " + version);
  }

  private String userType() {
    Optional<JsonNode> type = api.get(AtlasPaths.USER_TYPEDEF,
        "reading the " + UserEntities.TYPE + " type", AtlasCodes.TYPE_NAME_NOT_FOUND);
    if (type.isEmpty()) {
      if (config.createTypes()) {
        return "absent; it is created before the first write ("
            + AtlasUserStoreFactory.CREATE_TYPES + "=true)";
      }
      throw new IllegalStateException("absent from " + config.where() + ": set "
          + AtlasUserStoreFactory.CREATE_TYPES + "=true to create it as Amundsen's Atlas types "
          + "define it, or load Amundsen's Atlas types (amundsen-atlas-types) into Atlas");
    }
    List<String> problems = UserType.problems(type.get());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("present in " + config.where() + " but not Amundsen's: "
          + String.join("; ", problems) + ". userresolver never changes an existing type: "
          + "add the attributes to it (as optional strings), or load Amundsen's Atlas types");
    }
    return "present (supertype " + UserType.SUPERTYPE + ", every attribute userresolver writes)";
  }
}
