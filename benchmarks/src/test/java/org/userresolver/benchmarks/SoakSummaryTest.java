package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.userresolver.reliability.Soak;

/** The soak step's section of the summary: what was injected and counted, and the hits. */
final class SoakSummaryTest {

  /** A soak's result as the soak step writes it into the report. */
  private static ObjectNode soak() {
    Soak.Options options = new Soak.Options(10_000, 200_000, 16, 0.05, 50, 200_000,
        Duration.ofMinutes(5));
    Soak.Result result = new Soak.Result(options, 200_000, 200_000, 9_800, 200_000, 0, "", 0,
        9_800, 80.5, 2.1, 12_481, 311, 312, Map.of("cache", 398_800L, "provider", 10_000L,
            "fallback", 1_000L), Map.of("not_found", 996L, "provider_error", 0L, "timeout", 0L),
        Map.of("provider/retry", 623L), 0, 200_000, 0.3266, 1_232, 8_486, 140_306_353,
        300_000_000);
    return Report.soakJson(result);
  }

  @Test
  void json_holdsTheResult_andTheOptionsTimeLimitInSeconds() {
    ObjectNode soak = soak();

    assertEquals(300, soak.path("options").path("limitSeconds").asLong());
    assertTrue(soak.path("options").path("limit").isMissingNode(), soak.toString());
    assertEquals(409_800, soak.path("totalCalls").asLong());
    assertEquals(409_800, soak.path("countedResolves").asLong());
    assertEquals(996, soak.path("fallbackReasons").path("not_found").asLong());
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
