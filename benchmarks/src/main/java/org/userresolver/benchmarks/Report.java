package org.userresolver.benchmarks;

import static org.userresolver.benchmarks.Numbers.JSON;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.reliability.Soak;

/**
 * Runs every benchmark of the module and writes the report: {@code <date>.json} (all numbers),
 * {@code <date>.svg} and {@code <date>.png} (hit ratio against cache size, one line per
 * policy) and {@code <date>.md} (the summary). {@code benchmarks/run.sh} calls it; usage:
 * {@code java -cp benchmarks.jar org.userresolver.benchmarks.Report quick|full [results dir]
 * [--only=STEP,...] [--users=N] [--skew=S]} (steps: hotPath, missPath, neo4j,
 * providerPath, cacheTuning, memory, guidance, serve, sync, soak), or
 * {@code ... Report summarize <date>.json} to render the summary and chart of a JSON again.
 * {@code --users} and {@code --skew} change the cache-tuning workload (and the number of users
 * in Neo4j; {@code --users} also sets 10 requests per user).
 *
 * <p>JMH measures the hot path, the miss path, batching and the provider path, each benchmark
 * in forked JVMs; single flight, cache-tuning replays and memory are measured here (memory in a
 * JVM of its own). One Neo4j (neo4j-harness) runs in this process for all of them. A step that
 * fails is recorded with its error and the others still run.
 */
public final class Report {
  /** The recommended size leaves this much room above the users seen per TTL. */
  private static final double HEADROOM = 1.2;
  private static final List<String> FORK_ARGS = List.of("-Xms1g", "-Xmx1g",
      "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider");

  private final Plan plan;
  private final Set<String> only;
  private final ObjectNode report = JSON.createObjectNode();
  private final Jmh jmh;
  private Neo4jFixture neo4j;

  private Report(Plan plan, Set<String> only) {
    this.plan = plan;
    this.only = only;
    this.jmh = new Jmh(plan, plan.seconds(), FORK_ARGS);
  }

  /**
   * Runs the benchmarks, or renders a saved report again.
   *
   * @param args {@code quick} or {@code full} and the results directory (default
   *     {@code benchmarks/results}); or {@code summarize} and a JSON report
   * @throws Exception when the report cannot be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("summarize")) {
      Path json = Path.of(args[1]).toAbsolutePath();
      write(json.getParent(), json.getFileName().toString().replaceFirst("\\.json$", ""),
          JSON.readTree(json.toFile()));
      return;
    }
    Optional<Plan> plan = args.length < 1 ? Optional.empty() : Plan.named(args[0]);
    if (plan.isEmpty()) {
      System.err.println("usage: Report quick|full [results dir] [--only=step,...] "
          + "[--users=N] [--skew=S] | Report summarize FILE.json");
      System.exit(2);
    }
    Path results = Path.of(args.length > 1 && !args[1].startsWith("--") ? args[1]
        : "benchmarks/results");
    Set<String> only = Arrays.stream(args)
        .filter(arg -> arg.startsWith("--only="))
        .flatMap(arg -> Arrays.stream(arg.substring("--only=".length()).split(",")))
        .collect(Collectors.toCollection(TreeSet::new));
    Report report = new Report(plan.get().withOptions(args), only);
    report.runAll();
    String name = LocalDate.now() + (only.isEmpty() ? "" : "-only-" + String.join("-", only));
    write(results, name, report.report);
    System.out.println("wrote " + results.resolve(name) + ".*");
    System.exit(0);
  }

  /**
   * Writes {@code <name>.json}, the chart ({@code .svg}, {@code .png}; none without cache-tuning
   * results) and the summary ({@code .md}), both rendered from the JSON as written.
   */
  static void write(Path directory, String name, JsonNode report) throws IOException {
    Files.createDirectories(directory);
    String json = JSON.writeValueAsString(report);
    Files.writeString(directory.resolve(name + ".json"), json + "\n", StandardCharsets.UTF_8);
    JsonNode saved = JSON.readTree(json);
    Path svg = directory.resolve(name + ".svg");
    Path png = directory.resolve(name + ".png");
    Optional<JFreeChart> chart = HitRatioChart.of(saved);
    if (chart.isPresent()) {
      HitRatioChart.write(chart.get(), svg, png);
    } else {
      Files.deleteIfExists(svg);
      Files.deleteIfExists(png);
    }
    Files.writeString(directory.resolve(name + ".md"),
        Summary.markdown(saved, svg.getFileName().toString()), StandardCharsets.UTF_8);
  }

  private void runAll() {
    long began = System.nanoTime();
    describeMachine();
    if (selected("neo4j") || selected("cacheTuning")) {
      run("neo4jServer", this::startNeo4j);
    }
    step("hotPath", this::hotPath);
    step("missPath", this::missPath);
    step("neo4j", this::neo4jPaths);
    step("providerPath", this::providerPath);
    step("cacheTuning", this::cacheTuning);
    step("memory", this::memory);
    step("guidance", this::guidance);
    step("serve", this::serve);
    step("sync", () -> report.set("sync", SyncBenchmark.run(plan)));
    if (neo4j != null) {
      neo4j.close();
    }
    step("soak", this::soak);
    child(report, "environment").put("loadAverageAtEnd", loadAverage())
        .put("minutes", (System.nanoTime() - began) / 60e9);
  }

  /** One part of the report; a failure is recorded and the run goes on. */
  private interface Step {
    void run() throws Exception;
  }

  private boolean selected(String name) {
    return only.isEmpty() || only.contains(name);
  }

  private void step(String name, Step step) {
    if (selected(name)) {
      run(name, step);
    }
  }

  private void run(String name, Step step) {
    System.out.println("== " + name);
    try {
      step.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      child(report, "errors").put(name, String.valueOf(e));
    }
  }

  private void describeMachine() {
    report.put("date", LocalDate.now().toString())
        .put("started", Instant.now().toString())
        .put("mode", plan.name())
        .put("note", "Ratios from one run on a shared 2-core VM (other builds and test servers "
            + "running); expect noise of 10-30% between runs.");
    report.putObject("environment")
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .put("loadAverageAtStart", loadAverage());
  }

  /** Returns the object member of that name, adding it when absent. */
  private static ObjectNode child(ObjectNode parent, String name) {
    JsonNode existing = parent.get(name);
    return existing instanceof ObjectNode node ? node : parent.putObject(name);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void startNeo4j() {
    long began = System.nanoTime();
    neo4j = Neo4jFixture.start(plan.workloadUsers());
    double seconds = (System.nanoTime() - began) / 1e9;
    String[] ids = Profiles.ids(neo4j.users());
    try (UserStore store = neo4j.newStore()) {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.neo4jWarmupSeconds());
      for (int i = 0; System.nanoTime() < until; i++) {
        Profiles.required(store.find(ids[i % ids.length]), ids[i % ids.length]);
        store.findAll(List.of(ids[(i * 7) % ids.length], ids[(i * 13) % ids.length]));
      }
    }
    child(report, "environment").put("neo4j", "neo4j-harness in process, "
        + neo4j.users() + " users, started and filled in " + Math.round(seconds) + " s");
  }

  private void hotPath() throws Exception {
    ObjectNode section = report.putObject("hotPath").put("target", 1.5);
    for (int keys : new int[] {HotPathBenchmark.RESIDENT, HotPathBenchmark.LARGE}) {
      for (int threads : new int[] {1, 2}) {
        Map<String, Jmh.Score> scores = jmh.run(HotPathBenchmark.class, threads,
            Map.of("keys", Integer.toString(keys)));
        String row = keys + " ids, " + threads + (threads == 1 ? " thread" : " threads");
        child(section, "scores").putPOJO(row, scores);
        child(section, "ratios").putObject(row).putPOJO("chainVsGetIfPresent",
            scores.get("chainResolve").over(scores.get("caffeineGetIfPresent")));
      }
    }
  }

  private void missPath() throws Exception {
    Map<String, Jmh.Score> scores = jmh.run(MissPathBenchmark.class, 1, Map.of());
    CountingStore store = new CountingStore(Profiles.memoryStoreWith(MissPathBenchmark.USERS));
    child(report, "missPath").set("memory", missRow(scores, store, MissPathBenchmark.USERS));
  }

  private void neo4jPaths() throws Exception {
    if (neo4j == null) {
      throw new IllegalStateException("Neo4j did not start; see the neo4jServer error");
    }
    Map<String, Jmh.Score> scores = new Jmh(plan, plan.neo4jSeconds(), Stream.concat(
        FORK_ARGS.stream(), Stream.of(neo4j.forkProperties())).toList())
        .run(Neo4jBenchmark.class, 1, Map.of());
    child(report, "missPath").set("neo4j",
        missRow(scores, new CountingStore(neo4j.newStore()), 2_000));
    Jmh.Score all = scores.get("resolveAll100");
    Jmh.Score sequential = scores.get("resolve100");
    Jmh.Score async = scores.get("resolveAsync100");
    report.putObject("batch").put("ids", Neo4jBenchmark.BATCH)
        .putPOJO("resolveAll100", all)
        .putPOJO("resolve100", sequential)
        .putPOJO("resolveAsync100", async)
        .putPOJO("sequentialVsResolveAll", sequential.over(all))
        .putPOJO("asyncVsResolveAll", async.over(all))
        .set("roundTrips", countRoundTrips());
  }

  /** A store hit through the chain against the store, and the misses of an uncaching chain. */
  private static ObjectNode missRow(Map<String, Jmh.Score> scores, CountingStore store,
      int users) {
    Jmh.Score chain = scores.get("chainStoreHit");
    Jmh.Score direct = scores.get("storeFind");
    return JSON.createObjectNode()
        .putPOJO("chainStoreHit", chain)
        .putPOJO("storeFind", direct)
        .putPOJO("ratio", chain.over(direct))
        .put("overheadMicros", chain.score() - direct.score())
        .set("missesChecked", checkMisses(store, users));
  }

  /** Resolves ids through an uncaching chain and counts how many reached the store. */
  private static ObjectNode checkMisses(CountingStore store, int users) {
    String[] ids = Profiles.ids(users);
    int resolves = Math.min(20_000, users * 2);
    try (UserResolver chain = MissPathBenchmark.uncachingChain(store, new SimulatedProvider(0))) {
      for (int i = 0; i < resolves; i++) {
        chain.resolve(ids[i % users]);
      }
    }
    return JSON.createObjectNode().put("resolves", resolves).put("storeFinds", store.finds());
  }

  /**
   * Counts store round trips for 100 ids resolved in one batch and 100 others one by one
   * (others, because a zero-size cache evicts the batch's entries asynchronously, just after).
   */
  private ObjectNode countRoundTrips() {
    ObjectNode trips = JSON.createObjectNode();
    List<String> ids = List.of(Profiles.ids(neo4j.users()));
    CountingStore store = new CountingStore(neo4j.newStore());
    try (UserResolver chain = MissPathBenchmark.uncachingChain(store, new SimulatedProvider(20))) {
      int found = chain.resolveAll(ids.subList(0, Neo4jBenchmark.BATCH)).size();
      trips.putObject("resolveAll100").put("findAll", store.findAlls())
          .put("find", store.finds()).put("answers", found);
      long findsBefore = store.finds();
      long findAllsBefore = store.findAlls();
      ids.subList(Neo4jBenchmark.BATCH, 2 * Neo4jBenchmark.BATCH).forEach(chain::resolve);
      trips.putObject("resolve100").put("findAll", store.findAlls() - findAllsBefore)
          .put("find", store.finds() - findsBefore);
    }
    return trips;
  }

  private void providerPath() throws Exception {
    double latency = plan.providerLatencyMillis();
    ObjectNode section = report.putObject("providerPath").put("latencyMillis", latency);
    ArrayNode points = section.putArray("points");
    for (int callers : plan.concurrency()) {
      Jmh.Score score = jmh.run(ProviderPathBenchmark.class, callers,
          Map.of("latencyMillis", Double.toString(latency))).get("coldResolve");
      double ideal = callers * 1000.0 / latency;
      points.addObject().put("callers", callers)
          .put("resolvesPerSecond", score.score())
          .put("error", score.error())
          .put("ideal", ideal)
          .put("efficiency", score.score() / ideal);
    }
    section.putPOJO("singleFlight", SingleFlight.run(plan.flightRounds(), 64, latency));
  }

  private void cacheTuning() throws Exception {
    Workload workload = plan.workload(plan.skew());
    int[] trace = workload.trace();
    String[] ids = Profiles.ids(workload.users());
    ObjectNode section = report.putObject("cacheTuning")
        .putPOJO("workload", workload)
        .put("workloadDescription", workload.describe())
        .put("unboundedHitRatio", CacheTuning.unboundedHitRatio(trace, workload.users()));
    ArrayNode points = section.putArray("hitRatios");
    for (long size : plan.sizes(workload.users())) {
      System.out.println("replaying " + trace.length + " requests, cache size " + size);
      points.addPOJO(new CacheTuning.HitRatios(size, CacheTuning.chain(trace, ids, size),
          CacheTuning.caffeine(trace, size), CacheTuning.lru(trace, size)));
    }
    ArrayNode skews = section.putArray("skews");
    for (double skew : plan.skews()) {
      Workload other = plan.workload(skew);
      int[] otherTrace = other.trace();
      ArrayNode sized = skews.addObject().put("skew", skew)
          .put("unboundedHitRatio", CacheTuning.unboundedHitRatio(otherTrace, other.users()))
          .putArray("hitRatios");
      for (long size : plan.sizes(other.users())) {
        sized.addObject().put("size", size)
            .put("caffeine", CacheTuning.caffeine(otherTrace, size))
            .put("lru", CacheTuning.lru(otherTrace, size));
      }
    }
    section.set("throughput", throughput(workload, trace, ids));
  }

  private ObjectNode throughput(Workload workload, int[] trace, String[] ids) throws Exception {
    boolean real = neo4j != null;
    int from = trace.length * 3 / 4;
    ObjectNode section = JSON.createObjectNode()
        .put("store", real ? "neo4j (neo4j-harness, in this process), holding every user"
            : "memory with " + plan.storeLatencyMillis() + " ms simulated latency per call")
        .put("providerLatencyMillis", plan.providerLatencyMillis())
        .put("threads", plan.replayThreads())
        .put("method", "each configuration serves the last quarter of the trace (requests "
            + from + " to " + trace.length + ", after the scan) from " + plan.replayThreads()
            + " threads, one contiguous slice each, for at most "
            + plan.replayWindow().toSeconds() + " s; a cached chain first sees the first three "
            + "quarters through resolveAll in chunks of 1,000, so its cache is in the state the "
            + "trace leaves it in");
    List<CacheTuning.Throughput> results = new ArrayList<>();
    for (long size : new long[] {0, Math.max(1, workload.users() / 20),
        Math.max(1, workload.users() / 5), workload.users()}) {
      CountingStore store = real ? new CountingStore(neo4j.newStore())
          : new CountingStore(Profiles.memoryStoreWith(workload.users()),
              plan.storeLatencyMillis());
      SimulatedProvider provider = new SimulatedProvider(plan.providerLatencyMillis());
      String name = size == 0 ? "uncached hook (store on every call)" : "chain, cache " + size;
      System.out.println("throughput: " + name);
      try (UserResolver resolver = size == 0 ? new UncachedHook(provider, store)
          : CacheTuning.cachedChain(size, store, provider)) {
        if (size > 0) {
          CacheTuning.warm(resolver, trace, from, ids);
        }
        results.add(CacheTuning.throughput(name, size, resolver, store, trace, from, ids,
            plan.replayThreads(), plan.replayWindow()));
      }
    }
    ArrayNode points = section.putArray("points");
    for (CacheTuning.Throughput result : results) {
      points.add(JSON.<ObjectNode>valueToTree(result).put("speedup",
          result.requestsPerSecond() / results.get(0).requestsPerSecond()));
    }
    return section;
  }

  private void memory() throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC", "-Xmx2g",
        "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider",
        "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName()));
    Arrays.stream(plan.memoryCounts()).forEach(count -> command.add(Long.toString(count)));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("MemoryFootprint failed: " + output);
    }
    ObjectNode memory = (ObjectNode) JSON.readTree(output.lines()
        .filter(line -> line.startsWith("{")).reduce((first, second) -> second).orElseThrow());
    memory.put("method", "a fresh chain per N (no store; the cache alone holds the profiles) "
        + "resolves N new ids; each profile has every UserSchema text field Okta fills "
        + "(ids, names, team, title, employee type, Slack, GitHub, manager, profile URL) and "
        + "one other_key_values entry, " + memory.path("profileCharacters").asInt()
        + " characters in all, every string its own object as a JSON parser makes them; live "
        + "heap from GC.class_histogram after a full GC (-XX:+UseSerialGC, compressed oops); "
        + "bytes per user = least-squares slope over N = " + Arrays.toString(plan.memoryCounts()));
    report.set("memory", memory);
  }

  private void guidance() {
    double bytesPerUser = report.path("memory").path("bytesPerUser").asDouble(0);
    ArrayNode rows = report.putObject("guidance")
        .put("skew", plan.skew())
        .put("headroom", HEADROOM)
        .put("bytesPerUser", bytesPerUser)
        .putArray("rows");
    long defaultSize = Settings.DEFAULT_CACHE_MAX_SIZE;
    for (int users : plan.guidanceUsers()) {
      System.out.println("guidance: " + users + " users");
      int[] trace = new Workload(users, plan.skew(), users * 10, users / 4, 42).trace();
      long recommended = Math.max(defaultSize, roundUp(users * HEADROOM));
      ArrayNode fractions = rows.addObject()
          .put("users", users)
          .put("unboundedHitRatio", CacheTuning.unboundedHitRatio(trace, users))
          .put("hitRatioAtDefault", CacheTuning.caffeine(trace, defaultSize))
          .put("recommendedSize", recommended)
          .put("heapMiBAtRecommended", Math.min(recommended, users) * bytesPerUser / 1048576)
          .putArray("fractions");
      for (double fraction : new double[] {0.1, 0.25, 0.5}) {
        long size = Math.round(users * fraction);
        fractions.addObject()
            .put("fraction", fraction)
            .put("size", size)
            .put("hitRatio", CacheTuning.caffeine(trace, size))
            .put("lruHitRatio", CacheTuning.lru(trace, size))
            .put("heapMiB", size * bytesPerUser / 1048576);
      }
    }
  }

  /**
   * The reliability soak ({@link Soak}) on a Neo4j of its own: its counts, and the throughput
   * and latencies of cache hits afterwards (quick: 200,000 resolves over 10,000 ids; full:
   * twice that).
   */
  private void soak() {
    Soak.Options options = plan.name().equals("full") ? Soak.Options.defaults().scaled(2)
        : Soak.Options.defaults();
    Soak.Result result;
    try (Neo4jFixture server = Neo4jFixture.start(0)) {
      Map<String, String> settings = new HashMap<>(server.settings());
      settings.put("USER_RESOLVER_STORE", "neo4j");
      result = Soak.run(options, settings);
    }
    report.set("soak", soakJson(result));
  }

  /** The soak's result as the report's JSON holds it (what {@code Summary} renders). */
  static ObjectNode soakJson(Soak.Result result) {
    // The options' time limit is a Duration, which Jackson writes only with a module this
    // report does not need otherwise: written as seconds instead.
    ObjectNode soak = JSON.copy().addMixIn(Soak.Options.class, SoakOptions.class)
        .valueToTree(result);
    ((ObjectNode) soak.path("options")).put("limitSeconds", result.options().limit().toSeconds());
    return soak.put("totalCalls", result.totalCalls())
        .put("countedResolves", result.countedResolves())
        .put("loadCallsPerSecond", result.loadCallsPerSecond())
        .put("hitsPerSecond", result.hitsPerSecond());
  }

  /**
   * {@code user-resolver serve} under load against a bare server of the same kind; the jar is
   * {@code cli/target/user-resolver.jar} (system property {@code serve.jar} to change it).
   */
  private void serve() throws Exception {
    boolean full = plan.name().equals("full");
    report.set("serve", ServeBenchmark.run(
        Path.of(System.getProperty("serve.jar", "cli/target/user-resolver.jar")),
        Path.of("").toAbsolutePath(), Duration.ofSeconds(full ? 10 : 5),
        Duration.ofSeconds(full ? 30 : 10)));
  }

  /** Rounds up to two significant digits: 12,345 -> 13,000. */
  static long roundUp(double value) {
    double unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(value)) - 1));
    return (long) (Math.ceil(value / unit) * unit);
  }

  /** Leaves {@link Soak.Options#limit()} out of the JSON (see {@link #soakJson}). */
  @JsonIgnoreProperties("limit")
  private abstract static class SoakOptions {}
}
