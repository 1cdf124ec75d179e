package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReportTest {

  @TempDir
  Path results;

  @Test
  void write_producesJsonChartAndSummary_renderedFromTheRoundedJson() throws Exception {
    ObjectNode report = Fixtures.report();
    ((ObjectNode) report.at("/providerPath/singleFlight")).put("maxRoundMillis", 26.147008);

    Report.write(results, "2026-11-28", report);

    JsonNode saved = Numbers.JSON.readTree(results.resolve("2026-11-28.json").toFile());
    assertEquals(26.15, saved.at("/providerPath/singleFlight/maxRoundMillis").asDouble());
    String markdown = Files.readString(results.resolve("2026-11-28.md"));
    assertTrue(markdown.contains("slowest 26.2 ms"), markdown);
    assertTrue(markdown.contains("![hit ratio vs cache size](2026-11-28.svg)"));
    assertTrue(Files.readString(results.resolve("2026-11-28.svg")).contains(HitRatioChart.LRU
        .replace("'", "&apos;")));
    assertTrue(Files.size(results.resolve("2026-11-28.png")) > 0);
  }

  @Test
  void write_leavesNoChart_whenTheReportHasNoCacheTuning() throws Exception {
    Files.writeString(results.resolve("2026-11-28-only-hotPath.svg"), "<svg/>");
    ObjectNode report = Fixtures.report();
    report.remove("cacheTuning");

    Report.write(results, "2026-11-28-only-hotPath", report);

    assertFalse(Files.exists(results.resolve("2026-11-28-only-hotPath.svg")));
    assertFalse(Files.exists(results.resolve("2026-11-28-only-hotPath.png")));
    assertTrue(Files.readString(results.resolve("2026-11-28-only-hotPath.md"))
        .contains("## Hot path"));
  }

  @Test
  void main_summarize_rendersASavedReportAgain() throws Exception {
    Path json = results.resolve("2026-11-28.json");
    Numbers.JSON.writeValue(json.toFile(), Fixtures.report());

    Report.main(new String[] {"summarize", json.toString()});

    assertTrue(Files.readString(results.resolve("2026-11-28.md"))
        .startsWith("# userresolver benchmarks, 2026-11-28 (quick)"));
    assertTrue(Files.exists(results.resolve("2026-11-28.svg")));
  }

  @Test
  void roundUp_keepsTwoSignificantDigits() {
    assertEquals(13_000, Report.roundUp(12_345));
    assertEquals(12_000, Report.roundUp(12_000));
    assertEquals(1_200_000, Report.roundUp(1_000_000 * 1.2));
    assertEquals(99, Report.roundUp(99));
  }
}
