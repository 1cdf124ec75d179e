package org.userresolver.benchmarks;

import static org.userresolver.benchmarks.Numbers.JSON;
import static org.userresolver.benchmarks.Numbers.format;
import static org.userresolver.benchmarks.Numbers.plain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.userresolver.Settings;
import org.userresolver.SyncReport;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.UserSync;
import org.userresolver.okta.OktaUserResolverFactory;

/**
 * The bulk sync, timed (one run each, not JMH: a sync of 100,000 users is one long operation):
 * users from an Okta-shaped local server ({@link OktaShapedServer}, the real Okta provider
 * reading it) into a real Neo4j in this process (neo4j-harness, a database of its own), through
 * {@link UserSync} with its defaults. Three runs: the first sync with the store's batch write
 * ({@code createOrUpdateAll}), the first sync with one write per user (the SPI's default loop
 * over {@code createOrUpdate}, on other users), and a second batched sync in which nothing
 * changed. Targets (DESIGN.md): batched at least 10x one write per user; the unchanged re-sync
 * at least twice as fast again; the first batched sync of 100,000 users under a minute.
 */
final class SyncBenchmark {
  static final int USERS = 100_000;
  static final double BATCH_TARGET = 10;
  static final double RESYNC_TARGET = 2;
  static final double FIRST_SYNC_SECONDS_TARGET = 60;

  private SyncBenchmark() {}

  /** Runs the three syncs and returns the report's {@code sync} section. */
  static ObjectNode run(Plan plan) {
    int oneByOneUsers = plan.name().equals("full") ? USERS : USERS / 5;
    ObjectNode section = JSON.createObjectNode().put("users", USERS)
        .put("oneByOneUsers", oneByOneUsers)
        .put("batchTarget", BATCH_TARGET).put("resyncTarget", RESYNC_TARGET)
        .put("firstSyncSecondsTarget", FIRST_SYNC_SECONDS_TARGET);
    try (Neo4jFixture neo4j = Neo4jFixture.start(0);
        OktaShapedServer batchOkta = OktaShapedServer.start(USERS, "batch.example.com");
        OktaShapedServer singleOkta = OktaShapedServer.start(oneByOneUsers, "single.example.com");
        UserStore store = neo4j.newStore()) {
      section.put("storeBatchWrites", overridesBatchWrite(store));
      section.put("batchSize", UserSync.DEFAULT_BATCH_SIZE)
          .put("concurrency", UserSync.DEFAULT_CONCURRENCY);
      section.set("oneByOne", timed(singleOkta, new OneWritePerUser(store)));
      section.set("batched", timed(batchOkta, store));
      section.set("resync", timed(batchOkta, store));
    }
    double oneByOne = section.path("oneByOne").path("usersPerSecond").asDouble();
    double batched = section.path("batched").path("usersPerSecond").asDouble();
    double resync = section.path("resync").path("usersPerSecond").asDouble();
    section.put("batchedVsOneByOne", batched / oneByOne)
        .put("resyncVsBatched", resync / batched);
    return section;
  }

  /** Whether the store writes a batch its own way, or falls back to the SPI's loop. */
  private static boolean overridesBatchWrite(UserStore store) {
    try {
      return store.getClass().getMethod("createOrUpdateAll", Collection.class)
          .getDeclaringClass() != UserStore.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static ObjectNode timed(OktaShapedServer okta, UserStore store) {
    Map<String, String> settings = Map.of("OKTA_ORG_URL", okta.orgUrl(),
        "OKTA_API_TOKEN", "00benchmark-token-not-secret");
    try (UserResolver provider = new OktaUserResolverFactory().create(Settings.of(settings))) {
      System.out.println("sync from " + okta.orgUrl() + " into " + store);
      SyncReport report = UserSync.builder().settings(Settings.of(Map.of()))
          .provider(provider).store(store).build().run();
      if (!report.succeeded()) {
        throw new IllegalStateException("the sync failed: " + report.summary());
      }
      System.out.println(report.summary());
      return JSON.createObjectNode()
          .put("listed", report.listed())
          .put("created", report.created())
          .put("updated", report.updated())
          .put("unchanged", report.unchanged())
          .put("seconds", report.elapsed().toMillis() / 1000.0)
          .put("usersPerSecond", report.usersPerSecond())
          .put("summary", report.summary());
    }
  }

  /** Renders the section in the summary. */
  static void summary(StringBuilder md, JsonNode sync) {
    JsonNode one = sync.path("oneByOne");
    JsonNode batched = sync.path("batched");
    JsonNode resync = sync.path("resync");
    double ratio = sync.path("batchedVsOneByOne").asDouble();
    double again = sync.path("resyncVsBatched").asDouble();
    double first = batched.path("seconds").asDouble();
    md.append("## Bulk sync: Okta-shaped server into Neo4j\n\n");
    md.append(MarkdownTable.of("run", "users", "seconds", "users/s", "created / unchanged")
        .row("first sync, one write per user", one.path("listed").asLong(),
            plain(one.path("seconds").asDouble()), plain(one.path("usersPerSecond").asDouble()),
            one.path("created").asLong() + " / " + one.path("unchanged").asLong())
        .row("first sync, batched writes", batched.path("listed").asLong(), plain(first),
            plain(batched.path("usersPerSecond").asDouble()),
            batched.path("created").asLong() + " / " + batched.path("unchanged").asLong())
        .row("second sync, nothing changed", resync.path("listed").asLong(),
            plain(resync.path("seconds").asDouble()),
            plain(resync.path("usersPerSecond").asDouble()),
            resync.path("created").asLong() + " / " + resync.path("unchanged").asLong()));
    md.append(format("\nBatched vs one write per user: **%.1fx** (target %.0fx: %s). Unchanged "
            + "re-sync vs batched first sync: **%.1fx** (target %.0fx: %s). First batched sync "
            + "of %,d users: **%s s** (target under %.0f s: %s). Batches of %d users, %d at "
            + "once, `UserSync`'s defaults.", ratio, sync.path("batchTarget").asDouble(),
        met(ratio >= sync.path("batchTarget").asDouble()), again,
        sync.path("resyncTarget").asDouble(), met(again >= sync.path("resyncTarget").asDouble()),
        batched.path("listed").asLong(), plain(first),
        sync.path("firstSyncSecondsTarget").asDouble(),
        met(first < sync.path("firstSyncSecondsTarget").asDouble()),
        sync.path("batchSize").asInt(), sync.path("concurrency").asInt()));
    if (!sync.path("storeBatchWrites").asBoolean()) {
      md.append(" **The Neo4j store does not write batches yet** (`createOrUpdateAll` is the "
          + "SPI's loop over single writes), so both first syncs write one user per "
          + "transaction and their ratio is about 1; the batched row becomes one `UNWIND` per "
          + "batch, with no change here, once the store implements it.");
    }
    md.append(" Users are generated by the server (Okta's user object with title, department, "
        + "an email-shaped `managerId` and `_links`; 200 a page, `Link` headers); the real Okta "
        + "provider reads them and Neo4j writes each user with its manager relation.\n\n");
  }

  private static String met(boolean met) {
    return met ? "met" : "**not met**";
  }

  /** A store that writes one user per call: the SPI's default {@code createOrUpdateAll}. */
  private static final class OneWritePerUser implements UserStore {
    private final UserStore store;

    OneWritePerUser(UserStore store) {
      this.store = store;
    }

    @Override
    public Optional<User> find(String userId) {
      return store.find(userId);
    }

    @Override
    public Map<String, User> findAll(Collection<String> userIds) {
      return store.findAll(userIds);
    }

    @Override
    public WriteOutcome createOrUpdate(User user) {
      return store.createOrUpdate(user);
    }

    @Override
    public Optional<Set<String>> userIds(boolean writtenByUserresolver) {
      return store.userIds(writtenByUserresolver);
    }

    @Override
    public Set<String> keptFields() {
      return store.keptFields();
    }

    @Override
    public String toString() {
      return "one write per user over " + store;
    }
  }
}
