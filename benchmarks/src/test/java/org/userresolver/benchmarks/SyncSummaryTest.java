package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

final class SyncSummaryTest {

  private static ObjectNode section(double oneByOne, double batched, double resync,
      double firstSeconds, boolean storeBatchWrites) {
    ObjectNode sync = Numbers.JSON.createObjectNode().put("users", 100_000)
        .put("batchTarget", 10.0).put("resyncTarget", 2.0).put("firstSyncSecondsTarget", 60.0)
        .put("batchSize", 500).put("concurrency", 4).put("storeBatchWrites", storeBatchWrites)
        .put("batchedVsOneByOne", batched / oneByOne).put("resyncVsBatched", resync / batched);
    sync.putObject("oneByOne").put("listed", 20_000).put("created", 20_000)
        .put("seconds", 20_000 / oneByOne).put("usersPerSecond", oneByOne);
    sync.putObject("batched").put("listed", 100_000).put("created", 100_000)
        .put("seconds", firstSeconds).put("usersPerSecond", batched);
    sync.putObject("resync").put("listed", 100_000).put("unchanged", 100_000)
        .put("seconds", 100_000 / resync).put("usersPerSecond", resync);
    return sync;
  }

  private static String render(ObjectNode sync) {
    ObjectNode report = Fixtures.report();
    report.set("sync", sync);
    return Summary.markdown(report, "chart.svg");
  }

  @Test
  void summary_statesUsersPerSecondOfEachRun_andEveryTargetMet() {
    String markdown = render(section(300, 4_000, 12_000, 25, true));

    assertTrue(markdown.contains("## Bulk sync: Okta-shaped server into Neo4j"), markdown);
    assertTrue(markdown.contains("| first sync, batched writes | 100000 | 25 | 4,000 | "
        + "100000 / 0 |"), markdown);
    assertTrue(markdown.contains("Batched vs one write per user: **13.3x** (target 10x: met)"),
        markdown);
    assertTrue(markdown.contains("**3.0x** (target 2x: met)"), markdown);
    assertTrue(markdown.contains("**25 s** (target under 60 s: met)"), markdown);
    assertFalse(markdown.contains("does not write batches yet"), markdown);
  }

  @Test
  void summary_saysWhichTargetIsMissed_andWhenTheStoreWritesNoBatches() {
    String markdown = render(section(100, 320, 7_000, 311, false));

    assertTrue(markdown.contains("**3.2x** (target 10x: **not met**)"), markdown);
    assertTrue(markdown.contains("**311 s** (target under 60 s: **not met**)"), markdown);
    assertTrue(markdown.contains("**The Neo4j store does not write batches yet**"), markdown);
  }
}
