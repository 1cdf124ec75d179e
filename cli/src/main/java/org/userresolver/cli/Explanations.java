package org.userresolver.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.userresolver.Resolution;
import org.userresolver.ResolutionListener;
import org.userresolver.Settings;

/**
 * The {@code --explain} lines: a {@link ResolutionListener} that remembers every answer by
 * the chain's normalised id, and tells for an id as given where its answer came from.
 * Thread-safe.
 */
final class Explanations implements ResolutionListener {
  private final Map<String, Resolution> byId = new ConcurrentHashMap<>();
  private final Settings settings;

  Explanations(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void onResolution(Resolution resolution) {
    byId.put(resolution.userId(), resolution);
  }

  /**
   * Returns the explanation of one id, for example
   * {@code ada@example.com: from provider file (created in store memory)}.
   *
   * @param id the id as given
   * @return one line
   */
  String line(String id) {
    Resolution resolution = byId.get(UserIds.normalize(id, settings.idCase()));
    if (resolution == null) {
      return id + ": no explanation recorded";
    }
    String detail = resolution.detail();
    String where = switch (resolution.source()) {
      case CACHE -> "from cache";
      case STORE -> "from store " + settings.store();
      case PROVIDER -> "from provider " + settings.provider().orElse("");
      case FALLBACK -> "fallback";
    };
    return id + ": " + where + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
