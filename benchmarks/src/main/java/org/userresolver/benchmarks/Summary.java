package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** The Markdown summary of a report: one table per question, ratios first. */
final class Summary {

  private Summary() {}

  /** Renders a report; {@code plot} is the SVG's file name, next to the summary. */
  static String markdown(JsonNode report, String plot) {
    StringBuilder md = new StringBuilder();
    header(md, report);
    hotPath(md, report.path("hotPath"));
    anatomy(md, report.path("hitPathAnatomy"));
    missPath(md, report.path("missPath"));
    batch(md, report.path("batch"));
    providerPath(md, report.path("providerPath"));
    cacheTuning(md, report.path("cacheTuning"), plot);
    memory(md, report.path("memory"));
    guidance(md, report.path("guidance"));
    errors(md, report.path("errors"));
    return md.toString();
  }

  private static void header(StringBuilder md, JsonNode report) {
    JsonNode env = report.path("environment");
    md.append("# userresolver benchmarks, ").append(report.path("date").asText())
        .append(" (").append(report.path("mode").asText()).append(")\n\n");
    md.append("> ").append(report.path("note").asText()).append("\n\n");
    md.append(Numbers.format("%d cores, %s, %s; load average %s at the start, %s at the end; "
            + "%s minutes. %s.%n%n",
        env.path("cores").asInt(), env.path("jvm").asText(), env.path("os").asText(),
        env.path("loadAverageAtStart").asText(), env.path("loadAverageAtEnd").asText(),
        env.path("minutes").asText(), env.path("neo4j").asText("Neo4j unavailable")));
    md.append("Reproduce: `benchmarks/run.sh ").append(report.path("mode").asText())
        .append("` (JMH scores are mean ± 99.9% confidence half-width; ratios carry the ")
        .append("propagated error).\n\n");
  }

  private static void hotPath(StringBuilder md, JsonNode hot) {
    if (hot.isMissingNode()) {
      return;
    }
    md.append("## Hot path: `resolve` of a cached id (ns/op)\n\n");
    md.append("| threads | chain `resolve` | Caffeine `getIfPresent` (size only) | Caffeine + "
        + "expiry + refresh | same, async, read as the chain reads | chain / `getIfPresent` "
        + "| chain / async Caffeine with its policy |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (String threads : new String[] {"1", "2"}) {
      JsonNode scores = hot.path("scores").path(threads);
      JsonNode ratios = hot.path("ratios").path(threads);
      if (scores.isMissingNode()) {
        continue;
      }
      md.append("| ").append(threads)
          .append(" | ").append(Numbers.score(scores.path("chainResolve")))
          .append(" | ").append(Numbers.score(scores.path("caffeineGetIfPresent")))
          .append(" | ").append(Numbers.score(scores.path("caffeineWithPolicy")))
          .append(" | ").append(Numbers.score(scores.path("caffeineAsyncWithPolicy")))
          .append(" | **").append(Numbers.ratio(ratios.path("chainVsGetIfPresent")))
          .append("** | ").append(Numbers.ratio(ratios.path("chainVsAsyncWithPolicy")))
          .append(" |\n");
    }
    JsonNode one = hot.path("ratios").path("1");
    JsonNode two = hot.path("ratios").path("2");
    double target = hot.path("target").asDouble();
    boolean met = one.path("chainVsGetIfPresent").path("ratio").asDouble() <= target
        && two.path("chainVsGetIfPresent").path("ratio").asDouble() <= target;
    md.append("\nDESIGN.md's target is ").append(Numbers.plain(target))
        .append("x of a bare `getIfPresent`: **").append(met ? "met" : "not met")
        .append("** in this run. Caffeine's own expire-after-write + ")
        .append("refresh-after-write policy (which DESIGN.md requires) costs ")
        .append(Numbers.ratio(one.path("withPolicyVsGetIfPresent")))
        .append(" of `getIfPresent` on a sync cache and ")
        .append(Numbers.ratio(one.path("asyncWithPolicyVsGetIfPresent")))
        .append(" on an async one (1 thread); the chain's own work on top of that ")
        .append("(the lookup of the id as given, completion and fallback-lifetime checks, the ")
        .append("hit counter; ids not yet normalised are normalised and looked up again) is ")
        .append("the last column.\n\n");
  }

  private static void anatomy(StringBuilder md, JsonNode anatomy) {
    if (anatomy.isMissingNode()) {
      return;
    }
    md.append("Where a hit's time goes (1 thread, ns/op; `HitPathAnatomyBenchmark`, a replica "
        + "of the chain's hit path over Caffeine):\n\n| piece | ns/op |\n| --- | --- |\n");
    String[][] rows = {
        {"normalizeId", "`UserResolvers.normalizeId` alone (id check, lower-casing)"},
        {"asyncSizeOnlyGet", "async Caffeine `asMap().get`, size bound only"},
        {"asyncWithPolicyGet", "the same with expire-after-write + refresh-after-write"},
        {"replicaWithPolicy", "hit path normalising the id first (the chain before f2fe4fd)"},
        {"replicaWithPolicyRawIdFirst", "hit path looking the id up as given first (the chain "
            + "since f2fe4fd)"},
        {"replicaRawIdFirstUncounted", "the same without the hit counter"},
        {"replicaSizeOnly", "normalising first, over a size-only cache"}};
    for (String[] row : rows) {
      md.append("| ").append(row[1]).append(" | ")
          .append(Numbers.score(anatomy.path(row[0]))).append(" |\n");
    }
    md.append('\n');
  }

  private static void missPath(StringBuilder md, JsonNode miss) {
    if (miss.isMissingNode()) {
      return;
    }
    md.append("## Miss path: a store hit through the chain vs the store called directly "
        + "(µs/op, 1 thread)\n\n");
    md.append("| store | through the chain | store directly | ratio | chain overhead (µs) "
        + "| store lookups / resolves (cache misses checked) |\n");
    md.append("| --- | --- | --- | --- | --- | --- |\n");
    for (String store : new String[] {"memory", "neo4j"}) {
      JsonNode row = miss.path(store);
      if (row.isMissingNode()) {
        continue;
      }
      md.append("| ").append(store)
          .append(" | ").append(Numbers.score(row.path("chainStoreHit")))
          .append(" | ").append(Numbers.score(row.path("storeFind")))
          .append(" | ").append(Numbers.ratio(row.path("ratio")))
          .append(" | ").append(Numbers.plain(row.path("overheadMicros").asDouble()))
          .append(" | ").append(row.path("missesChecked").path("storeFinds").asText())
          .append(" / ").append(row.path("missesChecked").path("resolves").asText())
          .append(" |\n");
    }
    md.append("\nThe chain's cache holds nothing here (`USER_RESOLVER_CACHE_MAX_SIZE=0`), so "
        + "every call is a miss: single-flight bookkeeping, the store call on the chain's "
        + "worker pool under the retry policy and deadline, timers, and the hand-back to the "
        + "caller. Against a remote store that overhead is a small share of the lookup.\n\n");
  }

  private static void batch(StringBuilder md, JsonNode batch) {
    if (batch.isMissingNode()) {
      return;
    }
    JsonNode trips = batch.path("roundTrips");
    md.append("## `resolveAll` of 100 ids vs 100 single resolves, Neo4j (µs per 100 ids)\n\n");
    md.append("| `resolveAll(100 ids)` | 100 x `resolve` | 100 x `resolveAsync`, joined "
        + "| sequential / `resolveAll` | async / `resolveAll` |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    md.append("| ").append(Numbers.score(batch.path("resolveAll100")))
        .append(" | ").append(Numbers.score(batch.path("resolve100")))
        .append(" | ").append(Numbers.score(batch.path("resolveAsync100")))
        .append(" | **").append(Numbers.ratio(batch.path("sequentialVsResolveAll")))
        .append("** | ").append(Numbers.ratio(batch.path("asyncVsResolveAll")))
        .append(" |\n\n");
    md.append(Numbers.format("Store round trips counted: `resolveAll` of 100 ids made %s "
            + "`findAll` and %s `find` calls; 100 `resolve` calls made %s `find` calls.%n%n",
        trips.path("resolveAll100").path("findAll").asText(),
        trips.path("resolveAll100").path("find").asText(),
        trips.path("resolve100").path("find").asText()));
  }

  private static void providerPath(StringBuilder md, JsonNode provider) {
    if (provider.isMissingNode()) {
      return;
    }
    md.append("## Provider path: cold ids, identity provider latency ")
        .append(Numbers.plain(provider.path("latencyMillis").asDouble())).append(" ms\n\n");
    md.append("| concurrent callers | cold resolves/s | ideal (callers / latency) "
        + "| efficiency |\n| --- | --- | --- | --- |\n");
    for (JsonNode point : provider.path("points")) {
      md.append("| ").append(point.path("callers").asInt())
          .append(" | ").append(Numbers.plain(point.path("resolvesPerSecond").asDouble()))
          .append(" ± ").append(Numbers.plain(point.path("error").asDouble()))
          .append(" | ").append(Numbers.plain(point.path("ideal").asDouble()))
          .append(" | ").append(Numbers.percent(point.path("efficiency").asDouble()))
          .append(" |\n");
    }
    JsonNode flight = provider.path("singleFlight");
    if (!flight.isMissingNode()) {
      md.append(Numbers.format("%nSingle flight: %d rounds, each releasing %d callers at once "
              + "on one cold id: **%d provider calls in all (at most %d in a round), %d store "
              + "writes, %d store lookups**, %d fallback answers; median round %.1f ms, slowest "
              + "%.1f ms (provider latency %s ms).%n%n",
          flight.path("rounds").asInt(), flight.path("callers").asInt(),
          flight.path("providerCalls").asLong(), flight.path("maxProviderCallsInARound").asLong(),
          flight.path("storeWrites").asLong(), flight.path("storeFinds").asLong(),
          flight.path("fallbacks").asLong(), flight.path("medianRoundMillis").asDouble(),
          flight.path("maxRoundMillis").asDouble(),
          Numbers.plain(flight.path("latencyMillis").asDouble())));
    }
  }

  private static void cacheTuning(StringBuilder md, JsonNode tuning, String plot) {
    if (tuning.isMissingNode()) {
      return;
    }
    md.append("## Cache tuning\n\n");
    md.append("Workload: ").append(tuning.path("workloadDescription").asText())
        .append(". Hit ratios over the whole trace, compulsory misses included; an unbounded ")
        .append("cache reaches ")
        .append(Numbers.percent(tuning.path("unboundedHitRatio").asDouble())).append(".\n\n");
    md.append("![hit ratio vs cache size](").append(plot).append(")\n\n");
    md.append("| `USER_RESOLVER_CACHE_MAX_SIZE` | the chain (W-TinyLFU) | Caffeine, same-thread "
        + "maintenance | LRU | W-TinyLFU - LRU |\n| --- | --- | --- | --- | --- |\n");
    for (JsonNode point : tuning.path("hitRatios")) {
      double chain = point.path("chain").asDouble();
      double lru = point.path("lru").asDouble();
      md.append(Numbers.format("| %,d | %s | %s | %s | %+.1f points |%n",
          point.path("size").asLong(), Numbers.percent(chain),
          Numbers.percent(point.path("caffeine").asDouble()), Numbers.percent(lru),
          (chain - lru) * 100));
    }
    skews(md, tuning.path("skews"));
    throughput(md, tuning.path("throughput"));
  }

  private static void skews(StringBuilder md, JsonNode skews) {
    if (skews.size() == 0) {
      return;
    }
    md.append("\nOther skews (simulated with Caffeine and LRU only), hit ratio W-TinyLFU / LRU "
        + "by cache size as a share of the users:\n\n| skew | unbounded |");
    JsonNode first = skews.get(0).path("hitRatios");
    long users = first.get(first.size() - 1).path("size").asLong();
    StringBuilder rule = new StringBuilder("| --- | --- |");
    for (JsonNode point : first) {
      md.append(' ').append(Numbers.plain(100.0 * point.path("size").asLong() / users))
          .append("% |");
      rule.append(" --- |");
    }
    md.append('\n').append(rule).append('\n');
    for (JsonNode skew : skews) {
      md.append("| ").append(skew.path("skew").asText()).append(" | ")
          .append(Numbers.percent(skew.path("unboundedHitRatio").asDouble())).append(" |");
      for (JsonNode point : skew.path("hitRatios")) {
        md.append(Numbers.format(" %.0f / %.0f |", point.path("caffeine").asDouble() * 100,
            point.path("lru").asDouble() * 100));
      }
      md.append('\n');
    }
  }

  private static void throughput(StringBuilder md, JsonNode throughput) {
    if (throughput.isMissingNode()) {
      return;
    }
    md.append("\nThroughput replaying the same trace from ")
        .append(throughput.path("threads").asInt()).append(" threads; store: ")
        .append(throughput.path("store").asText()).append("; provider latency ")
        .append(Numbers.plain(throughput.path("providerLatencyMillis").asDouble()))
        .append(" ms. The uncached hook is the original Python hook ported as is: the store on ")
        .append("every call, the provider when the store misses. Method: ")
        .append(throughput.path("method").asText()).append(".\n\n");
    md.append("| configuration | requests served | hit ratio | requests/s | vs uncached hook |\n"
        + "| --- | --- | --- | --- | --- |\n");
    for (JsonNode point : throughput.path("points")) {
      md.append("| ").append(point.path("name").asText())
          .append(" | ").append(Numbers.format("%,d", point.path("requests").asLong()))
          .append(" | ").append(Numbers.percent(point.path("hitRatio").asDouble()))
          .append(" | ").append(Numbers.plain(point.path("requestsPerSecond").asDouble()))
          .append(" | **").append(Numbers.format("%.1fx", point.path("speedup").asDouble()))
          .append("** |\n");
    }
    md.append('\n');
  }

  private static void memory(StringBuilder md, JsonNode memory) {
    if (memory.isMissingNode()) {
      return;
    }
    md.append("## Memory per cached user\n\n");
    md.append(Numbers.format("**%s bytes per cached user** (heap-in-use slope: %s bytes). "
            + "Method: %s.%n%n",
        Numbers.plain(memory.path("bytesPerUser").asDouble()),
        Numbers.plain(memory.path("heapUsedBytesPerUser").asDouble()),
        memory.path("method").asText()));
    md.append("| class | bytes/user | instances/user |\n| --- | --- | --- |\n");
    Iterator<Map.Entry<String, JsonNode>> classes = memory.path("classes").fields();
    while (classes.hasNext()) {
      Map.Entry<String, JsonNode> entry = classes.next();
      md.append("| `").append(entry.getKey()).append("` | ")
          .append(Numbers.plain(entry.getValue().path("bytesPerUser").asDouble())).append(" | ")
          .append(Numbers.plain(entry.getValue().path("instancesPerUser").asDouble()))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void guidance(StringBuilder md, JsonNode guidance) {
    if (guidance.isMissingNode()) {
      return;
    }
    md.append("## Cache-size guidance\n\n");
    md.append(Numbers.format("Users = distinct ids looked up within one `USER_RESOLVER_CACHE_TTL`"
            + " (default 1 h; no entry outlives it, so a bigger cache buys nothing). Each row "
            + "replays Zipf s=%s over that many users, 10 requests per user and a scan of a "
            + "quarter of them, through Caffeine sized as the chain's cache (W-TinyLFU) and an LRU."
            + " Recommended: every such user plus %.0f%% headroom (at least the default 10,000); "
            + "heap at %s bytes per cached user. Where that heap is too much, the last columns "
            + "show what a smaller cache still hits (W-TinyLFU / LRU).%n%n",
        guidance.path("skew").asText(), (guidance.path("headroom").asDouble() - 1) * 100,
        Numbers.plain(guidance.path("bytesPerUser").asDouble())));
    md.append("| users per TTL | recommended `USER_RESOLVER_CACHE_MAX_SIZE` | heap (at most) "
        + "| hit ratio (= unbounded) | at the default 10,000 | 10% of users | 25% of users "
        + "| 50% of users |\n"
        + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (JsonNode row : guidance.path("rows")) {
      md.append(Numbers.format("| %,d | %,d | %s MiB | %s | %s |", row.path("users").asLong(),
          row.path("recommendedSize").asLong(),
          Numbers.plain(row.path("heapMiBAtRecommended").asDouble()),
          Numbers.percent(row.path("unboundedHitRatio").asDouble()),
          Numbers.percent(row.path("hitRatioAtDefault").asDouble())));
      for (JsonNode fraction : row.path("fractions")) {
        md.append(Numbers.format(" %,d: %.0f%% / %.0f%% (%s MiB) |", fraction.path("size").asLong(),
            fraction.path("hitRatio").asDouble() * 100,
            fraction.path("lruHitRatio").asDouble() * 100,
            Numbers.plain(fraction.path("heapMiB").asDouble())));
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static void errors(StringBuilder md, JsonNode errors) {
    if (errors.isMissingNode()) {
      return;
    }
    md.append("## Steps that failed\n\n");
    Iterator<Map.Entry<String, JsonNode>> fields = errors.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      md.append("- ").append(entry.getKey()).append(": `").append(entry.getValue().asText())
          .append("`\n");
    }
    md.append('\n');
  }
}
