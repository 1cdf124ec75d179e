package org.userresolver.benchmarks;

import static org.userresolver.benchmarks.Numbers.format;
import static org.userresolver.benchmarks.Numbers.percent;
import static org.userresolver.benchmarks.Numbers.plain;
import static org.userresolver.benchmarks.Numbers.ratio;
import static org.userresolver.benchmarks.Numbers.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The Markdown summary of a report: one table per question, ratios first. */
final class Summary {

  private Summary() {}

  /** Renders a report; {@code chart} is the chart's file name, next to the summary. */
  static String markdown(JsonNode report, String chart) {
    StringBuilder md = new StringBuilder();
    header(md, report);
    Map<String, BiConsumer<StringBuilder, JsonNode>> sections = new LinkedHashMap<>();
    sections.put("hotPath", Summary::hotPath);
    sections.put("missPath", Summary::missPath);
    sections.put("batch", Summary::batch);
    sections.put("providerPath", Summary::providerPath);
    sections.put("cacheTuning", (text, tuning) -> cacheTuning(text, tuning, chart));
    sections.put("memory", Summary::memory);
    sections.put("guidance", Summary::guidance);
    sections.put("serve", Summary::serve);
    sections.put("sync", SyncBenchmark::summary);
    sections.put("soak", Summary::soak);
    sections.put("errors", Summary::errors);
    sections.forEach((name, section) -> {
      if (report.has(name)) {
        section.accept(md, report.get(name));
      }
    });
    return md.toString();
  }

  /** Whether the chain's hit stayed within the target ratio of a bare getIfPresent throughout. */
  static boolean hotPathTargetMet(JsonNode hotPath) {
    double target = hotPath.path("target").asDouble();
    for (JsonNode ratios : hotPath.path("ratios")) {
      if (ratios.path("chainVsGetIfPresent").path("ratio").asDouble() > target) {
        return false;
      }
    }
    return !hotPath.path("ratios").isEmpty();
  }

  private static void header(StringBuilder md, JsonNode report) {
    JsonNode env = report.path("environment");
    md.append(format("# userresolver benchmarks, %s (%s)\n\n> %s\n\n",
        report.path("date").asText(), report.path("mode").asText(), report.path("note").asText()));
    md.append(format("%d cores, %s, %s; load average %s at the start, %s at the end; "
            + "%s minutes. %s.\n\n",
        env.path("cores").asInt(), env.path("jvm").asText(), env.path("os").asText(),
        env.path("loadAverageAtStart").asText(), env.path("loadAverageAtEnd").asText(),
        env.path("minutes").asText(), env.path("neo4j").asText("Neo4j unavailable")));
    md.append("Reproduce: `benchmarks/run.sh ").append(report.path("mode").asText())
        .append("` (JMH scores are mean ± 99.9% confidence half-width; ratios carry the ")
        .append("propagated error).\n\n");
  }

  private static void hotPath(StringBuilder md, JsonNode hot) {
    double target = hot.path("target").asDouble();
    MarkdownTable table = MarkdownTable.of("key set, threads", "chain `resolve`",
        "Caffeine `getIfPresent` (size only)", "chain / `getIfPresent`", "within " + plain(target)
            + "x");
    for (Map.Entry<String, JsonNode> entry : hot.path("scores").properties()) {
      JsonNode scores = entry.getValue();
      JsonNode ratio = hot.path("ratios").path(entry.getKey()).path("chainVsGetIfPresent");
      table.row(entry.getKey(), score(scores.path("chainResolve")),
          score(scores.path("caffeineGetIfPresent")), "**" + ratio(ratio) + "**",
          ratio.path("ratio").asDouble() <= target ? "yes" : "**no**");
    }
    md.append("## Hot path: `resolve` of a cached id (ns/op)\n\n").append(table);
    md.append("\nDESIGN.md's target is ").append(plain(target))
        .append("x of a bare `getIfPresent` on the same keys, for a key set that fits in the ")
        .append("CPU caches and a large one, at 1 and 2 threads: **")
        .append(hotPathTargetMet(hot) ? "met" : "not met")
        .append("** in this run. A hit is one read of a size-bounded Caffeine map (the bare ")
        .append("lookup), one read of the chain's coarse clock compared with the answer's ")
        .append("refresh time, and the hit counter.\n\n");
  }

  private static void missPath(StringBuilder md, JsonNode miss) {
    MarkdownTable table = MarkdownTable.of("store", "through the chain", "store directly",
        "ratio", "chain overhead (µs)", "store lookups / resolves (cache misses checked)");
    for (Map.Entry<String, JsonNode> entry : miss.properties()) {
      JsonNode row = entry.getValue();
      table.row(entry.getKey(), score(row.path("chainStoreHit")), score(row.path("storeFind")),
          ratio(row.path("ratio")), plain(row.path("overheadMicros").asDouble()),
          row.path("missesChecked").path("storeFinds").asText() + " / "
              + row.path("missesChecked").path("resolves").asText());
    }
    md.append("## Miss path: a store hit through the chain vs the store called directly "
        + "(µs/op, 1 thread)\n\n").append(table);
    md.append("\nThe chain's cache holds nothing here (`USER_RESOLVER_CACHE_MAX_SIZE=0`), so "
        + "every call is a miss: single-flight bookkeeping, the store call, timers and the cache "
        + "insert. The memory store never blocks, so the chain calls it on the caller's thread "
        + "(target: at most 5 µs over the direct call); a store that can block (Neo4j) is "
        + "called on the chain's worker pool under the retry policy and the deadline, and "
        + "against a remote store that hand-off is a small share of the lookup.\n\n");
  }

  private static void batch(StringBuilder md, JsonNode batch) {
    JsonNode trips = batch.path("roundTrips");
    md.append("## `resolveAll` of 100 ids vs 100 single resolves, Neo4j (µs per 100 ids)\n\n");
    md.append(MarkdownTable.of("`resolveAll(100 ids)`", "100 x `resolve`",
            "100 x `resolveAsync`, joined", "sequential / `resolveAll`", "async / `resolveAll`")
        .row(score(batch.path("resolveAll100")), score(batch.path("resolve100")),
            score(batch.path("resolveAsync100")),
            "**" + ratio(batch.path("sequentialVsResolveAll")) + "**",
            ratio(batch.path("asyncVsResolveAll"))));
    md.append(format("\nStore round trips counted: `resolveAll` of 100 ids made %s "
            + "`findAll` and %s `find` calls; 100 `resolve` calls made %s `find` calls.\n\n",
        trips.path("resolveAll100").path("findAll").asText(),
        trips.path("resolveAll100").path("find").asText(),
        trips.path("resolve100").path("find").asText()));
  }

  private static void providerPath(StringBuilder md, JsonNode provider) {
    MarkdownTable table = MarkdownTable.of("concurrent callers", "cold resolves/s",
        "ideal (callers / latency)", "efficiency");
    for (JsonNode point : provider.path("points")) {
      table.row(point.path("callers").asInt(), plain(point.path("resolvesPerSecond").asDouble())
          + " ± " + plain(point.path("error").asDouble()), plain(point.path("ideal").asDouble()),
          percent(point.path("efficiency").asDouble()));
    }
    md.append("## Provider path: cold ids, identity provider latency ")
        .append(plain(provider.path("latencyMillis").asDouble())).append(" ms\n\n")
        .append(table);
    JsonNode flight = provider.path("singleFlight");
    if (provider.has("singleFlight")) {
      md.append(format("\nSingle flight: %d rounds, each releasing %d callers at once "
              + "on one cold id: **%d provider calls in all (at most %d in a round), %d store "
              + "writes, %d store lookups**, %d fallback answers; median round %.1f ms, slowest "
              + "%.1f ms (provider latency %s ms).\n\n",
          flight.path("rounds").asInt(), flight.path("callers").asInt(),
          flight.path("providerCalls").asLong(), flight.path("maxProviderCallsInARound").asLong(),
          flight.path("storeWrites").asLong(), flight.path("storeFinds").asLong(),
          flight.path("fallbacks").asLong(), flight.path("medianRoundMillis").asDouble(),
          flight.path("maxRoundMillis").asDouble(),
          plain(flight.path("latencyMillis").asDouble())));
    }
  }

  private static void cacheTuning(StringBuilder md, JsonNode tuning, String chart) {
    MarkdownTable table = MarkdownTable.of("`USER_RESOLVER_CACHE_MAX_SIZE`",
        "the chain (W-TinyLFU)", "Caffeine, same-thread maintenance", "LRU", "W-TinyLFU - LRU");
    for (JsonNode point : tuning.path("hitRatios")) {
      double chain = point.path("chain").asDouble();
      double lru = point.path("lru").asDouble();
      table.row(format("%,d", point.path("size").asLong()), percent(chain),
          percent(point.path("caffeine").asDouble()), percent(lru),
          format("%+.1f points", (chain - lru) * 100));
    }
    md.append("## Cache tuning\n\nWorkload: ").append(tuning.path("workloadDescription").asText())
        .append(". Hit ratios over the whole trace, compulsory misses included; an unbounded ")
        .append("cache reaches ").append(percent(tuning.path("unboundedHitRatio").asDouble()))
        .append(".\n\n")
        .append("![hit ratio vs cache size](").append(chart).append(")\n\n").append(table);
    skews(md, tuning.path("skews"));
    if (tuning.has("throughput")) {
      throughput(md, tuning.get("throughput"));
    }
  }

  private static void skews(StringBuilder md, JsonNode skews) {
    if (skews.isEmpty()) {
      return;
    }
    JsonNode first = skews.get(0).path("hitRatios");
    double users = first.get(first.size() - 1).path("size").asDouble();
    List<Object> headers = new ArrayList<>(List.of("skew", "unbounded"));
    first.forEach(point -> headers.add(plain(100 * point.path("size").asDouble() / users) + "%"));
    MarkdownTable table = MarkdownTable.of(headers.toArray());
    for (JsonNode skew : skews) {
      List<Object> cells = new ArrayList<>(List.of(skew.path("skew").asText(),
          percent(skew.path("unboundedHitRatio").asDouble())));
      skew.path("hitRatios").forEach(point -> cells.add(format("%.0f / %.0f",
          point.path("caffeine").asDouble() * 100, point.path("lru").asDouble() * 100)));
      table.row(cells.toArray());
    }
    md.append("\nOther skews (simulated with Caffeine and LRU only), hit ratio W-TinyLFU / LRU "
        + "by cache size as a share of the users:\n\n").append(table);
  }

  private static void throughput(StringBuilder md, JsonNode throughput) {
    MarkdownTable table = MarkdownTable.of("configuration", "requests served", "hit ratio",
        "requests/s", "vs uncached hook");
    for (JsonNode point : throughput.path("points")) {
      table.row(point.path("name").asText(), format("%,d", point.path("requests").asLong()),
          percent(point.path("hitRatio").asDouble()), plain(point.path("requestsPerSecond")
              .asDouble()), format("**%.1fx**", point.path("speedup").asDouble()));
    }
    md.append("\nThroughput replaying the same trace from ")
        .append(throughput.path("threads").asInt()).append(" threads; store: ")
        .append(throughput.path("store").asText()).append("; provider latency ")
        .append(plain(throughput.path("providerLatencyMillis").asDouble()))
        .append(" ms. The uncached hook is the original Python hook ported as is: the store on ")
        .append("every call, the provider when the store misses. Method: ")
        .append(throughput.path("method").asText()).append(".\n\n").append(table).append('\n');
  }

  private static void memory(StringBuilder md, JsonNode memory) {
    MarkdownTable table = MarkdownTable.of("class", "bytes/user", "instances/user");
    for (Map.Entry<String, JsonNode> entry : memory.path("classes").properties()) {
      table.row("`" + entry.getKey() + "`", plain(entry.getValue().path("bytesPerUser").asDouble()),
          plain(entry.getValue().path("instancesPerUser").asDouble()));
    }
    md.append(format("## Memory per cached user\n\n**%s bytes per cached user** "
            + "(heap-in-use slope: %s bytes). Method: %s.\n\n",
        plain(memory.path("bytesPerUser").asDouble()),
        plain(memory.path("heapUsedBytesPerUser").asDouble()),
        memory.path("method").asText())).append(table).append('\n');
  }

  private static void guidance(StringBuilder md, JsonNode guidance) {
    MarkdownTable table = MarkdownTable.of("users per TTL",
        "recommended `USER_RESOLVER_CACHE_MAX_SIZE`", "heap (at most)",
        "hit ratio (= unbounded)", "at the default 10,000", "10% of users", "25% of users",
        "50% of users");
    for (JsonNode row : guidance.path("rows")) {
      List<Object> cells = new ArrayList<>(List.of(format("%,d", row.path("users").asLong()),
          format("%,d", row.path("recommendedSize").asLong()),
          plain(row.path("heapMiBAtRecommended").asDouble()) + " MiB",
          percent(row.path("unboundedHitRatio").asDouble()),
          percent(row.path("hitRatioAtDefault").asDouble())));
      row.path("fractions").forEach(fraction -> cells.add(format("%,d: %.0f%% / %.0f%% (%s MiB)",
          fraction.path("size").asLong(), fraction.path("hitRatio").asDouble() * 100,
          fraction.path("lruHitRatio").asDouble() * 100,
          plain(fraction.path("heapMiB").asDouble()))));
      table.row(cells.toArray());
    }
    md.append(format("## Cache-size guidance\n\nUsers = distinct ids looked up within "
            + "one `USER_RESOLVER_CACHE_TTL` (default 1 h; no entry outlives it, so a bigger "
            + "cache buys nothing). Each row replays Zipf s=%s over that many users, 10 requests "
            + "per user and a scan of a quarter of them, through Caffeine sized as the chain's "
            + "cache (W-TinyLFU) and an LRU. Recommended: every such user plus %.0f%% headroom "
            + "(at least the default 10,000); heap at %s bytes per cached user. Where that heap "
            + "is too much, the last columns show what a smaller cache still hits "
            + "(W-TinyLFU / LRU).\n\n",
        guidance.path("skew").asText(), (guidance.path("headroom").asDouble() - 1) * 100,
        plain(guidance.path("bytesPerUser").asDouble()))).append(table).append('\n');
  }

  private static void soak(StringBuilder md, JsonNode soak) {
    JsonNode options = soak.path("options");
    JsonNode reasons = soak.path("fallbackReasons");
    md.append(format("## Soak: faults and load, then cache hits\n\nThe real Okta provider against "
            + "a loopback Okta failing %s of its lookups (503 or a dropped connection), Neo4j in "
            + "process, %d threads: %,d resolves of %,d ids (1 in %d unknown to Okta) in %.1f s "
            + "(%s resolves/s), then every known id once more. %,d calls returned of %,d; %d "
            + "failures; %,d of %,d known ids answered in full; `userresolver.resolve` counted "
            + "%,d of %,d calls. Faults injected: %,d 503s and %,d dropped connections in %,d "
            + "lookups; fallbacks: %s not found, %s provider errors, %s timeouts.\n\n",
        percent(options.path("faultRate").asDouble()), options.path("threads").asInt(),
        soak.path("loadCalls").asLong(), options.path("ids").asLong(),
        options.path("unknownEvery").asInt(), soak.path("loadSeconds").asDouble(),
        plain(soak.path("loadCallsPerSecond").asDouble()), soak.path("loadReturned").asLong(),
        soak.path("loadCalls").asLong(), soak.path("failures").asLong(),
        soak.path("knownAnsweredInFull").asLong(),
        options.path("ids").asLong() - options.path("ids").asLong()
            / options.path("unknownEvery").asLong(),
        soak.path("countedResolves").asLong(), soak.path("totalCalls").asLong(),
        soak.path("injected503").asLong(), soak.path("injectedDropped").asLong(),
        soak.path("oktaLookups").asLong(), reasons.path("not_found").asText("0"),
        reasons.path("provider_error").asText("0"), reasons.path("timeout").asText("0")));
    md.append(MarkdownTable.of("cache hits", "threads", "hits/s", "p50 (µs)", "p99 (µs)",
            "slowest (ms)")
        .row(format("%,d", soak.path("hitCalls").asLong()), options.path("threads").asInt(),
            plain(soak.path("hitsPerSecond").asDouble()),
            plain(soak.path("hitNanosP50").asDouble() / 1e3),
            plain(soak.path("hitNanosP99").asDouble() / 1e3),
            plain(soak.path("hitNanosMax").asDouble() / 1e6)));
    md.append("\nEach hit timed by its caller (`System.nanoTime()` around `resolve`), so the "
        + "latencies include the clock reads; measured, not asserted (`SoakIT` asserts the "
        + "counts).\n\n");
  }

  private static void serve(StringBuilder md, JsonNode serve) {
    MarkdownTable table = MarkdownTable.of("server", "requests/s", "p50 (ms)", "p99 (ms)",
        "max (ms)", "requests", "errors");
    for (String name : List.of("chain", "bare")) {
      JsonNode row = serve.path(name);
      table.row(name.equals("chain") ? "`serve`, cached `GET " + serve.path("path").asText() + "`"
              : "bare JDK server, constant body", plain(row.path("requestsPerSecond").asDouble()),
          plain(row.path("p50Micros").asDouble() / 1000),
          plain(row.path("p99Micros").asDouble() / 1000),
          plain(row.path("maxMicros").asDouble() / 1000),
          format("%,d", row.path("requests").asLong()), row.path("errors").asLong());
    }
    md.append(format("## `serve`: cached `GET /user/{id}` vs a bare server (%d connections, "
            + "%d s measured after %d s of warm-up, %d-byte bodies)\n\n",
        serve.path("connections").asInt(), serve.path("measureSeconds").asInt(),
        serve.path("warmupSeconds").asInt(), serve.path("bodyBytes").asLong()))
        .append(table)
        .append(format("\n`serve` / bare: **%s of the throughput**; the target is at least %s "
                + "with 0 errors: **%s** in this run. `serve` exited %s after SIGTERM. "
                + "Method: %s.\n\n",
            percent(serve.path("ratio").asDouble()), percent(serve.path("target").asDouble()),
            serve.path("met").asBoolean() ? "met" : "not met",
            serve.path("exitCodeAfterSigterm").asText(), serve.path("method").asText()));
  }

  private static void errors(StringBuilder md, JsonNode errors) {
    md.append("## Steps that failed\n\n");
    for (Map.Entry<String, JsonNode> entry : errors.properties()) {
      md.append("- ").append(entry.getKey()).append(": `").append(entry.getValue().asText())
          .append("`\n");
    }
    md.append('\n');
  }
}
