package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The soak step's section of the summary: what was injected and counted, and the hits. */
final class SoakSummaryTest {

  private static ObjectNode soak() {
    ObjectNode soak = Numbers.JSON.createObjectNode()
        .put("loadCalls", 200_000).put("loadReturned", 200_000).put("failures", 0)
        .put("loadSeconds", 80.5).put("loadCallsPerSecond", 2484.5)
        .put("knownAnsweredInFull", 9_800).put("countedResolves", 409_800)
        .put("totalCalls", 409_800).put("injected503", 311).put("injectedDropped", 312)
        .put("oktaLookups", 12_481).put("hitCalls", 200_000).put("hitsPerSecond", 612_345.6)
        .put("hitNanosP50", 1_232).put("hitNanosP99", 8_486).put("hitNanosMax", 140_306_353);
    soak.putObject("options").put("ids", 10_000).put("threads", 16).put("faultRate", 0.05)
        .put("unknownEvery", 50);
    soak.putObject("fallbackReasons").put("not_found", 996).put("provider_error", 0)
        .put("timeout", 0);
    return soak;
  }

  @Test
  void markdown_rendersTheSoak_countsFaultsAndCacheHits() {
    ObjectNode report = Numbers.JSON.createObjectNode().put("date", "2026-12-01")
        .put("mode", "quick");
    report.set("soak", soak());

    String markdown = Summary.markdown(report, "2026-12-01.svg");

    assertTrue(markdown.contains("## Soak: faults and load, then cache hits"), markdown);
    assertTrue(markdown.contains("200,000 calls returned of 200,000; 0 failures; 9,800 of "
        + "9,800 known ids answered in full; `userresolver.resolve` counted 409,800 of 409,800 "
        + "calls. Faults injected: 311 503s and 312 dropped connections in 12,481 lookups"),
        markdown);
    assertTrue(markdown.lines().anyMatch(line -> line.startsWith("| 200,000 | 16 | ")
        && line.endsWith("| 1.232 | 8.486 | 140 |")), markdown);
  }
}
