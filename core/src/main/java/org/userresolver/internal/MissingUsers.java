package org.userresolver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;

/**
 * The deactivation step of a sync: the stored users in scope that a complete listing did not
 * list, read in batches; each one still active is looked up once with the provider, and only
 * a user the provider does not know, or knows as inactive, is written back as read, with
 * {@code is_active=false}. Never deletes. Used by one thread.
 */
final class MissingUsers {
  private static final Logger LOG = LoggerFactory.getLogger(MissingUsers.class);

  private final SyncConfig config;
  private final SyncCounts counts;
  private final Patience patience;
  private final SyncWriter writer;

  MissingUsers(SyncConfig config, SyncCounts counts, Patience patience, SyncWriter writer) {
    this.config = config;
    this.counts = counts;
    this.patience = patience;
    this.writer = writer;
  }

  /**
   * Deactivates the stored users the listing missed.
   *
   * @param candidates the stored ids in scope, by normalised id, read before the listing
   * @param listed the normalised ids the listing gave
   * @throws SyncStopped when the store cannot read or write them
   * @throws InterruptedException when interrupted
   */
  void deactivate(Map<String, String> candidates, Set<String> listed)
      throws InterruptedException {
    List<String> missing = new ArrayList<>();
    candidates.forEach((key, id) -> {
      if (!listed.contains(key)) {
        missing.add(id);
      }
    });
    LOG.info("{} stored users are not listed by provider {}", missing.size(),
        config.providerName());
    for (int from = 0; from < missing.size(); from += config.batchSize()) {
      List<String> ids = missing.subList(from, Math.min(missing.size(),
          from + config.batchSize()));
      Map<String, User> stored;
      try {
        stored = writer.findAll(ids);
      } catch (RuntimeException e) {
        throw new SyncStopped("store " + config.storeName() + " could not read the users to "
            + "deactivate: " + Fallbacks.describe(e));
      }
      List<User> gone = new ArrayList<>();
      for (String id : ids) {
        User user = stored.get(id);
        if (user != null && user.isActive() && goneFromProvider(id)) {
          gone.add(user.toBuilder().isActive(false).build());
        }
      }
      if (config.dryRun()) {
        gone.forEach(user -> counts.deactivated(user.userId()));
      } else {
        writer.writeAll(gone, (user, outcome) -> counts.deactivated(user.userId()));
      }
      counts.progress();
    }
  }

  /**
   * Whether the provider no longer knows the user, or knows her as inactive: one lookup,
   * transient failures waited out. A user it cannot confirm is counted as failed, never
   * deactivated.
   */
  private boolean goneFromProvider(String id) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        User found = config.provider().resolve(id);
        if (found.isActive()) {
          LOG.info("{} is not listed by provider {}, which still knows the user as active; "
              + "left active", id, config.providerName());
          return false;
        }
        return true;
      } catch (UserNotFoundException e) {
        return true;
      } catch (IllegalArgumentException e) {
        return true; // an id the provider cannot even be asked for is no user of its
      } catch (RuntimeException e) {
        if (!CallRunner.isTransient(e)) {
          counts.failed(id, "not deactivated: provider " + config.providerName()
              + " could not confirm that the user is gone: " + Fallbacks.describe(e));
          return false;
        }
        patience.waitAfter(e, attempt, SyncEngine.PAGE_BACKOFF, "provider "
            + config.providerName() + " looking up " + id);
      }
    }
  }
}
