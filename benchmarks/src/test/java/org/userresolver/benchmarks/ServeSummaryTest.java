package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The summary's {@code serve} section, and the load generator's percentiles. */
final class ServeSummaryTest {

  private static ObjectNode report(double chainRate, long chainErrors) {
    ObjectNode report = Fixtures.report();
    ObjectNode serve = report.putObject("serve").put("target", 0.5).put("connections", 64)
        .put("warmupSeconds", 5).put("measureSeconds", 10).put("path", "/user/ada@example.com")
        .put("method", "the method").put("bodyBytes", 478).put("exitCodeAfterSigterm", 0)
        .put("ratio", chainRate / 8000).put("met", chainRate / 8000 >= 0.5 && chainErrors == 0);
    serve.putObject("chain").put("requestsPerSecond", chainRate).put("p50Micros", 6120)
        .put("p99Micros", 31500).put("maxMicros", 120000).put("requests", 61234)
        .put("errors", chainErrors);
    serve.putObject("bare").put("requestsPerSecond", 8000).put("p50Micros", 5000)
        .put("p99Micros", 25000).put("maxMicros", 90000).put("requests", 80000)
        .put("errors", 0);
    return report;
  }

  @Test
  void markdown_rendersBothServers_theRatio_andTheVerdict() {
    String markdown = Summary.markdown(report(6123.4, 0), "x.svg");

    assertTrue(markdown.contains("\n| `serve`, cached `GET /user/ada@example.com` | 6,123 | 6.12 "
        + "| 31.5 | 120 | 61,234 | 0 |\n"), markdown);
    assertTrue(markdown.contains("\n| bare JDK server, constant body | 8,000 | 5 | 25 | 90 "
        + "| 80,000 | 0 |\n"), markdown);
    assertTrue(markdown.contains("`serve` / bare: **76.5% of the throughput**; the target is "
        + "at least 50.0% with 0 errors: **met** in this run. `serve` exited 0 after SIGTERM."),
        markdown);
  }

  @Test
  void markdown_saysNotMet_whenThereWereErrors() {
    assertTrue(Summary.markdown(report(6123.4, 3), "x.svg").contains("**not met** in this run"));
  }

  @Test
  void percentile_readsTheSortedLatencies_inMicroseconds() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (i + 1) * 1000L;
    }

    assertEquals(50, LoadGenerator.percentile(nanos, 0.50));
    assertEquals(99, LoadGenerator.percentile(nanos, 0.99));
    assertEquals(1, LoadGenerator.percentile(new long[] {1000}, 0.99));
    assertEquals(0, LoadGenerator.percentile(new long[0], 0.5));
  }
}
