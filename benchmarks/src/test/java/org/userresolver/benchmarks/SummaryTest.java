package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

final class SummaryTest {

  private static String render(ObjectNode report) {
    return Summary.markdown(report, "2026-11-28.svg");
  }

  private static void assertHasLine(String markdown, String line) {
    assertTrue(markdown.lines().anyMatch(line::equals),
        () -> "the summary lacks the line " + line);
  }

  @Test
  void markdown_rendersAHotPathRowPerKeySetAndThreadCount_withItsVerdict() {
    String markdown = render(Fixtures.report());

    assertHasLine(markdown, "| 1024 ids, 1 thread | 12.4 ± 0.6 | 10.1 ± 0.5 "
        + "| **1.23x ± 0.08** | yes |");
    assertHasLine(markdown, "| 16384 ids, 2 threads | 57.51 ± 8.129 | 39.97 ± 3.531 "
        + "| **1.44x ± 0.24** | yes |");
  }

  @Test
  void markdown_saysTheHotPathTargetIsMet_whenEveryRowIsWithinIt() {
    assertTrue(render(Fixtures.report()).contains("at 1 and 2 threads: **met** in this run."));
  }

  @Test
  void markdown_saysTheHotPathTargetIsNotMet_whenOneRowExceedsIt() {
    ObjectNode report = Fixtures.report();
    ((ObjectNode) report.path("hotPath").path("ratios").path("1024 ids, 2 threads")
        .path("chainVsGetIfPresent")).put("ratio", 1.51);

    String markdown = render(report);

    assertTrue(markdown.contains("at 1 and 2 threads: **not met** in this run."));
    assertHasLine(markdown, "| 1024 ids, 2 threads | 14.2 ± 0.9 | 10.8 ± 0.7 "
        + "| **1.51x ± 0.12** | **no** |");
  }

  @Test
  void hotPathTargetMet_isFalse_withoutAnyRatio() {
    ObjectNode hotPath = Numbers.JSON.createObjectNode().put("target", 1.5);

    assertFalse(Summary.hotPathTargetMet(hotPath));
  }

  @Test
  void markdown_rendersMissPathAndBatchRatios() {
    String markdown = render(Fixtures.report());

    assertHasLine(markdown, "| memory | 21.61 ± 3.458 | 0.08093 ± 0.008045 | 267.00x ± 50.30 "
        + "| 21.53 | 20000 / 20000 |");
    assertHasLine(markdown, "| 5,845 ± 829 | 129,700 ± 13,960 | 62,530 ± 7,224 "
        + "| **22.19x ± 3.95** | 10.70x ± 1.96 |");
    assertTrue(markdown.contains("`resolveAll` of 100 ids made 1 `findAll` and 0 `find` calls; "
        + "100 `resolve` calls made 100 `find` calls."));
  }

  @Test
  void markdown_rendersProviderEfficiency_andSingleFlightCounts() {
    String markdown = render(Fixtures.report());

    assertHasLine(markdown, "| 1 | 47.76 ± 0.2757 | 50 | 95.5% |");
    assertTrue(markdown.contains("**50 provider calls in all (at most 1 in a round), 50 store "
        + "writes, 50 store lookups**, 0 fallback answers; median round 21.8 ms"));
  }

  @Test
  void markdown_rendersHitRatios_withWTinyLfuMinusLruInPoints_andLinksTheChart() {
    String markdown = render(Fixtures.report());

    assertHasLine(markdown, "| 500 | 36.3% | 37.8% | 27.2% | +9.1 points |");
    assertHasLine(markdown, "| 100,000 | 90.9% | 90.9% | 90.9% | +0.0 points |");
    assertHasLine(markdown, "![hit ratio vs cache size](2026-11-28.svg)");
  }

  @Test
  void markdown_headsTheSkewColumnsWithSharesOfTheUsers() {
    String markdown = render(Fixtures.report());

    assertHasLine(markdown, "| skew | unbounded | 0.5% | 10% | 100% |");
    assertHasLine(markdown, "| 0.6 | 90.3% | 8 / 3 | 34 / 24 | 90 / 90 |");
  }

  @Test
  void markdown_rendersThroughputAgainstTheUncachedHook() {
    String markdown = render(Fixtures.report());

    assertHasLine(markdown, "| chain, cache 5000 | 86,206 | 57.8% | 5,747 | **3.8x** |");
  }

  @Test
  void markdown_rendersMemoryClasses_andGuidanceRows() {
    String markdown = render(Fixtures.report());

    assertTrue(markdown.contains("**1,355 bytes per cached user**"));
    assertHasLine(markdown, "| `java.lang.String` | 361 | 15 |");
    assertHasLine(markdown, "| 10,000 | 12,000 | 12.93 MiB | 90.8% | 90.8% "
        + "| 1,000: 62% / 54% (1.293 MiB) | 2,500: 74% / 69% (3.231 MiB) "
        + "| 5,000: 83% / 82% (6.463 MiB) |");
  }

  @Test
  void markdown_listsTheStepsThatFailed() {
    assertHasLine(render(Fixtures.report()),
        "- memory: `java.lang.IllegalStateException: MemoryFootprint failed: out of memory`");
  }

  @Test
  void markdown_leavesOutTheSectionsAReportLacks() {
    ObjectNode report = Numbers.JSON.createObjectNode().put("date", "2026-11-28")
        .put("mode", "quick");

    String markdown = render(report);

    assertTrue(markdown.startsWith("# userresolver benchmarks, 2026-11-28 (quick)\n"));
    assertFalse(markdown.contains("## "), markdown);
  }
}
