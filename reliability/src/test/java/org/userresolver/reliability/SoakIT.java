package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.userresolver.reliability.Soak.Options;
import org.userresolver.reliability.Soak.Result;

/**
 * The bounded soak ({@link Soak}): the real Okta provider against a loopback Okta failing 5%
 * of its lookups, the Neo4j store on an in-process server, 16 threads, 200,000 resolves over
 * 10,000 ids (1 in 50 unknown to Okta) at scale 1. Every call returns, every known id ends with
 * exactly one {@code User} node and no unknown id with any, {@code userresolver.resolve} counts
 * every call exactly once, and the injected faults end almost no lookup (four attempts each).
 * Throughput and latencies are printed, never asserted ({@code benchmarks/run.sh} reports
 * them).
 *
 * <p>{@code -Duserresolver.soak.scale=F} multiplies the ids and calls. The build runs it at 0.5
 * (100,000 resolves over 5,000 ids: on a 2-core machine the 10,000 first lookups, each a Neo4j
 * read, write and read-back in the same JVM, take about two minutes at full size);
 * {@code ./mvnw verify -Duserresolver.soak.scale=1} runs the full size.
 */
final class SoakIT {

  @Test
  void soak_everyCallReturns_oneUserNodePerKnownId_andEveryCallIsCountedOnce() {
    Options options = Options.defaults().scaled(
        Double.parseDouble(System.getProperty("userresolver.soak.scale", "1")));
    SharedNeo4j neo4j = SharedNeo4j.shared();
    neo4j.clean();

    Result result = Soak.run(options, neo4j.settings(neo4j.boltPort()));
    System.out.println("soak: " + result);

    assertEquals(0, result.unfinished(), "threads still running at the limit");
    assertEquals(options.calls(), result.loadCalls());
    assertEquals(result.loadCalls(), result.loadReturned(), "every call returned a user");
    assertEquals(0, result.failures(), result.firstFailure());
    assertEquals(options.knownIds(), result.knownAnsweredInFull(),
        "every known id answered with its profile");
    assertEquals(result.totalCalls(), result.countedResolves(),
        "userresolver.resolve counts every call once: " + result.resolveCounts());
    double injected = result.injected503() + result.injectedDropped();
    assertTrue(injected >= 0.03 * result.oktaLookups() && injected <= 0.07 * result.oktaLookups(),
        "about 5% of " + result.oktaLookups() + " lookups failed on purpose: " + injected);
    assertEquals(result.hitCalls(), result.hitCacheCount(), "the hit phase hit the cache only");
    long failed = result.fallbackReasons().entrySet().stream()
        .filter(reason -> !reason.getKey().equals("not_found"))
        .mapToLong(Map.Entry::getValue).sum();
    assertTrue(failed <= result.oktaLookups() / 1_000, "lookups that a 5% fault rate ended "
        + "despite four attempts each (expected about 0.05^4 of them): "
        + result.fallbackReasons());

    Map<String, Long> nodes = new HashMap<>();
    for (Map<String, Object> row : neo4j.rows("MATCH (user:User) RETURN user.key AS key, "
        + "count(*) AS nodes", Map.of())) {
      nodes.put((String) row.get("key"), (Long) row.get("nodes"));
    }
    for (int i = 0; i < options.ids(); i++) {
      String id = Soak.id(i);
      assertEquals(options.known(i) ? 1L : 0L, nodes.getOrDefault(id, 0L), id);
    }
    assertEquals(options.knownIds(), nodes.size(), "no other User nodes: " + nodes.size());
  }
}
