package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;

/**
 * Runs every benchmark of the module and writes the report: {@code <date>.json} (all numbers),
 * {@code <date>.svg} (hit ratio against cache size, one line per policy) and {@code <date>.md}
 * (the summary). {@code benchmarks/run.sh} calls it; usage:
 * {@code java -cp benchmarks.jar org.userresolver.benchmarks.Report quick|full [results dir]
 * [--only=STEP,...] [--users=N] [--skew=S]} (steps: hotPath, hitPathAnatomy, missPath, neo4j,
 * providerPath, cacheTuning, memory, guidance), or {@code ... Report summarize <date>.json}
 * to render the summary and plot of a JSON again. {@code --users} and {@code --skew} change
 * the cache-tuning workload (and the number of users in Neo4j; {@code --users} also sets 10
 * requests per user).
 *
 * <p>JMH measures the hot path, the miss path, batching and the provider path, each benchmark
 * in forked JVMs; single flight, cache-tuning replays and memory are measured here (memory in a
 * JVM of its own). One Neo4j (neo4j-harness) runs in this process for all of them. A step that
 * fails is recorded with its error and the others still run.
 */
public final class Report {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Plan plan;
  private final Set<String> only;
  private final ObjectNode report = JSON.createObjectNode();
  private final Jmh jmh;
  private Neo4jFixture neo4j;

  private Report(Plan plan, Set<String> only) {
    this.plan = plan;
    this.only = only;
    this.jmh = new Jmh(plan.forks(), plan.warmups(), plan.iterations(), plan.seconds(),
        List.of("-Xms1g", "-Xmx1g", "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider"));
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
      Path json = Path.of(args[1]);
      write(json.getParent(), json.getFileName().toString().replaceFirst("\\.json$", ""),
          (ObjectNode) JSON.readTree(json.toFile()));
      return;
    }
    if (args.length < 1 || Plan.named(args[0]).isEmpty()) {
      System.err.println("usage: Report quick|full [results dir] [--only=step,...] "
          + "[--users=N] [--skew=S] | Report summarize FILE.json");
      System.exit(2);
    }
    Path results = Path.of(args.length > 1 && !args[1].startsWith("--") ? args[1]
        : "benchmarks/results");
    Set<String> only = Arrays.stream(args)
        .filter(arg -> arg.startsWith("--only="))
        .flatMap(arg -> Arrays.stream(arg.substring("--only=".length()).split(",")))
        .collect(Collectors.toSet());
    Plan plan = Plan.named(args[0]).orElseThrow();
    for (String arg : args) {
      if (arg.startsWith("--skew=")) {
        plan = plan.withWorkload(plan.workloadUsers(), plan.workloadRequests(),
            Double.parseDouble(arg.substring("--skew=".length())));
      } else if (arg.startsWith("--users=")) {
        int users = Integer.parseInt(arg.substring("--users=".length()));
        plan = plan.withWorkload(users, users * 10, plan.skew());
      }
    }
    Report report = new Report(plan, only);
    report.runAll();
    String name = LocalDate.now() + (only.isEmpty() ? ""
        : "-only-" + String.join("-", new java.util.TreeSet<>(only)));
    write(results, name, report.report);
    System.out.println("wrote " + results.resolve(name + ".json") + ", .svg and .md");
    System.exit(0);
  }

  private static void write(Path directory, String name, ObjectNode report) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(name + ".json"), JSON.writeValueAsString(report) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(directory.resolve(name + ".svg"), HitRatioPlot.svg(report),
        StandardCharsets.UTF_8);
    Files.writeString(directory.resolve(name + ".md"), Summary.markdown(report, name + ".svg"),
        StandardCharsets.UTF_8);
  }

  private void runAll() throws Exception {
    long began = System.nanoTime();
    describeMachine();
    if (selected("neo4j") || selected("cacheTuning")) {
      run("neo4jServer", this::startNeo4j);
    }
    step("hotPath", this::hotPath);
    if (plan.anatomy()) {
      step("hitPathAnatomy", this::anatomy);
    }
    step("missPath", this::missPath);
    step("neo4j", this::neo4jPaths);
    step("providerPath", this::providerPath);
    step("cacheTuning", this::cacheTuning);
    step("memory", this::memory);
    step("guidance", this::guidance);
    if (neo4j != null) {
      neo4j.close();
    }
    child(report, "environment").put("loadAverageAtEnd", Numbers.round(loadAverage()))
        .put("minutes", Numbers.round((System.nanoTime() - began) / 60e9));
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
    report.put("date", LocalDate.now().toString());
    report.put("started", Instant.now().toString());
    report.put("mode", plan.name());
    report.put("note", "Ratios from one run on a shared 2-core VM (other builds and test servers "
        + "running); expect noise of 10-30% between runs.");
    report.putObject("environment")
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .put("loadAverageAtStart", Numbers.round(loadAverage()));
  }

  /** Returns the object member of that name, adding it when absent. */
  private static ObjectNode child(ObjectNode parent, String name) {
    JsonNode existing = parent.get(name);
    return existing instanceof ObjectNode node ? node : parent.putObject(name);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void startNeo4j() throws Exception {
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

  // ---------------------------------------------------------------- hot path

  private void hotPath() throws Exception {
    ObjectNode section = report.putObject("hotPath");
    section.put("target", 1.5);
    for (int threads : new int[] {1, 2}) {
      ObjectNode scores = jmh.run(HotPathBenchmark.class, threads, Map.of());
      child(section, "scores").set(Integer.toString(threads), scores);
      child(section, "ratios").putObject(Integer.toString(threads))
          .<ObjectNode>set("chainVsGetIfPresent",
              Numbers.ratio(scores.get("chainResolve"), scores.get("caffeineGetIfPresent")))
          .<ObjectNode>set("chainVsAsyncWithPolicy",
              Numbers.ratio(scores.get("chainResolve"), scores.get("caffeineAsyncWithPolicy")))
          .<ObjectNode>set("withPolicyVsGetIfPresent",
              Numbers.ratio(scores.get("caffeineWithPolicy"), scores.get("caffeineGetIfPresent")))
          .set("asyncWithPolicyVsGetIfPresent", Numbers.ratio(
              scores.get("caffeineAsyncWithPolicy"), scores.get("caffeineGetIfPresent")));
    }
  }

  private void anatomy() throws Exception {
    ObjectNode scores = jmh.run(HitPathAnatomyBenchmark.class, 1, Map.of());
    report.set("hitPathAnatomy", scores);
  }

  // ---------------------------------------------------------------- miss path

  private void missPath() throws Exception {
    ObjectNode scores = jmh.run(MissPathBenchmark.class, 1, Map.of());
    ObjectNode memory = child(report, "missPath").putObject("memory");
    memory.setAll(scores);
    memory.set("ratio", Numbers.ratio(scores.get("chainStoreHit"), scores.get("storeFind")));
    memory.put("overheadMicros", Numbers.round(scores.get("chainStoreHit").get("score").asDouble()
        - scores.get("storeFind").get("score").asDouble()));
    CountingStore store = new CountingStore(Profiles.memoryStoreWith(MissPathBenchmark.USERS));
    memory.set("missesChecked", checkMisses(store, MissPathBenchmark.USERS));
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

  private void neo4jPaths() throws Exception {
    if (neo4j == null) {
      throw new IllegalStateException("Neo4j did not start; see the neo4jServer error");
    }
    ObjectNode scores = jmh.withSeconds(plan.neo4jSeconds())
        .withJvmArgs(neo4j.forkProperties())
        .run(Neo4jBenchmark.class, 1, Map.of());
    ObjectNode miss = child(report, "missPath").putObject("neo4j");
    miss.set("chainStoreHit", scores.get("chainStoreHit"));
    miss.set("storeFind", scores.get("storeFind"));
    miss.set("ratio", Numbers.ratio(scores.get("chainStoreHit"), scores.get("storeFind")));
    miss.put("overheadMicros", Numbers.round(scores.get("chainStoreHit").get("score").asDouble()
        - scores.get("storeFind").get("score").asDouble()));
    miss.set("missesChecked", checkMisses(new CountingStore(neo4j.newStore()), 2_000));

    ObjectNode batch = report.putObject("batch");
    batch.put("ids", Neo4jBenchmark.BATCH);
    batch.set("resolveAll100", scores.get("resolveAll100"));
    batch.set("resolve100", scores.get("resolve100"));
    batch.set("resolveAsync100", scores.get("resolveAsync100"));
    batch.set("sequentialVsResolveAll",
        Numbers.ratio(scores.get("resolve100"), scores.get("resolveAll100")));
    batch.set("asyncVsResolveAll",
        Numbers.ratio(scores.get("resolveAsync100"), scores.get("resolveAll100")));
    batch.set("roundTrips", countRoundTrips());
  }

  /**
   * Counts store round trips for 100 ids resolved in one batch and 100 others one by one
   * (others, because a zero-size cache evicts the batch's entries asynchronously, just after).
   */
  private ObjectNode countRoundTrips() {
    ObjectNode trips = JSON.createObjectNode();
    String[] ids = Profiles.ids(neo4j.users());
    List<String> batch = List.of(ids).subList(0, Neo4jBenchmark.BATCH);
    List<String> singles = List.of(ids).subList(Neo4jBenchmark.BATCH, 2 * Neo4jBenchmark.BATCH);
    CountingStore store = new CountingStore(neo4j.newStore());
    try (UserResolver chain = MissPathBenchmark.uncachingChain(store, new SimulatedProvider(20))) {
      int found = chain.resolveAll(batch).size();
      trips.putObject("resolveAll100").put("findAll", store.findAlls())
          .put("find", store.finds()).put("answers", found);
      long findsBefore = store.finds();
      long findAllsBefore = store.findAlls();
      singles.forEach(chain::resolve);
      trips.putObject("resolve100").put("findAll", store.findAlls() - findAllsBefore)
          .put("find", store.finds() - findsBefore);
    }
    return trips;
  }

  // ---------------------------------------------------------------- provider path

  private void providerPath() throws Exception {
    ObjectNode section = report.putObject("providerPath");
    double latency = plan.providerLatencyMillis();
    section.put("latencyMillis", latency);
    ArrayNode points = section.putArray("points");
    for (int callers : plan.concurrency()) {
      JsonNode score = jmh.run(ProviderPathBenchmark.class, callers,
          Map.of("latencyMillis", Double.toString(latency))).get("coldResolve");
      double ideal = callers * 1000.0 / latency;
      points.addObject().put("callers", callers)
          .put("resolvesPerSecond", score.get("score").asDouble())
          .put("error", score.get("error").asDouble())
          .put("ideal", Numbers.round(ideal))
          .put("efficiency", Numbers.round(score.get("score").asDouble() / ideal));
    }
    SingleFlight.Result flight = SingleFlight.run(plan.flightRounds(), 64, latency);
    section.set("singleFlight", JSON.valueToTree(flight));
  }

  // ---------------------------------------------------------------- cache tuning

  private void cacheTuning() throws Exception {
    ObjectNode section = report.putObject("cacheTuning");
    Workload workload = plan.workload(plan.skew());
    int[] trace = workload.trace();
    String[] ids = Profiles.ids(workload.users());
    section.set("workload", JSON.valueToTree(workload));
    section.put("workloadDescription", workload.describe());
    double unbounded = CacheTuning.unboundedHitRatio(trace, workload.users());
    section.put("unboundedHitRatio", Numbers.round(unbounded));
    ArrayNode points = section.putArray("hitRatios");
    for (long size : plan.sizes(workload.users())) {
      System.out.println("replaying " + trace.length + " requests, cache size " + size);
      points.add(JSON.valueToTree(new CacheTuning.HitRatios(size,
          Numbers.round(CacheTuning.chain(trace, ids, size)),
          Numbers.round(CacheTuning.caffeine(trace, size)),
          Numbers.round(CacheTuning.lru(trace, size)))));
    }
    ArrayNode skews = section.putArray("skews");
    for (double skew : plan.skews()) {
      Workload other = plan.workload(skew);
      int[] otherTrace = other.trace();
      ObjectNode entry = skews.addObject().put("skew", skew).put("unboundedHitRatio",
          Numbers.round(CacheTuning.unboundedHitRatio(otherTrace, other.users())));
      ArrayNode sized = entry.putArray("hitRatios");
      for (long size : plan.sizes(other.users())) {
        sized.addObject().put("size", size)
            .put("caffeine", Numbers.round(CacheTuning.caffeine(otherTrace, size)))
            .put("lru", Numbers.round(CacheTuning.lru(otherTrace, size)));
      }
    }
    section.set("throughput", throughput(workload, trace, ids));
  }

  private ObjectNode throughput(Workload workload, int[] trace, String[] ids) throws Exception {
    ObjectNode section = JSON.createObjectNode();
    boolean real = neo4j != null;
    section.put("store", real ? "neo4j (neo4j-harness, in this process), holding every user"
        : "memory with " + plan.storeLatencyMillis() + " ms simulated latency per call");
    section.put("providerLatencyMillis", plan.providerLatencyMillis());
    section.put("threads", plan.replayThreads());
    int from = trace.length * 3 / 4;
    section.put("method", "each configuration serves the last quarter of the trace (requests "
        + from + " to " + trace.length + ", after the scan) from " + plan.replayThreads()
        + " threads, one contiguous slice each, for at most "
        + plan.replayWindow().toSeconds() + " s; a cached chain first sees the first three "
        + "quarters through resolveAll in chunks of 1,000, so its cache is in the state the "
        + "trace leaves it in");
    ArrayNode points = section.putArray("points");
    List<Long> sizes = new ArrayList<>();
    sizes.add(0L);
    for (double fraction : new double[] {0.05, 0.2, 1.0}) {
      sizes.add(Math.max(1, Math.round(workload.users() * fraction)));
    }
    for (long size : sizes) {
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
        points.add(JSON.valueToTree(CacheTuning.throughput(name, size, resolver, store, trace,
            from, ids, plan.replayThreads(), plan.replayWindow())));
      }
    }
    double uncached = points.get(0).get("requestsPerSecond").asDouble();
    for (JsonNode point : points) {
      ((ObjectNode) point).put("requestsPerSecond",
          Numbers.round(point.get("requestsPerSecond").asDouble()));
      ((ObjectNode) point).put("hitRatio", Numbers.round(point.get("hitRatio").asDouble()));
      ((ObjectNode) point).put("speedup",
          Numbers.round(point.get("requestsPerSecond").asDouble() / uncached));
    }
    return section;
  }

  // ---------------------------------------------------------------- memory

  private void memory() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-XX:+UseSerialGC", "-Xmx2g",
        "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider",
        "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName()));
    for (long count : plan.memoryCounts()) {
      command.add(Long.toString(count));
    }
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

  // ---------------------------------------------------------------- guidance

  private void guidance() {
    ObjectNode section = report.putObject("guidance");
    section.put("skew", plan.skew());
    section.put("headroom", HEADROOM);
    double bytesPerUser = report.path("memory").path("bytesPerUser").asDouble(0);
    section.put("bytesPerUser", bytesPerUser);
    ArrayNode rows = section.putArray("rows");
    long defaultSize = org.userresolver.Settings.DEFAULT_CACHE_MAX_SIZE;
    for (int users : plan.guidanceUsers()) {
      System.out.println("guidance: " + users + " users");
      Workload workload = new Workload(users, plan.skew(), users * 10, users / 4, 42);
      int[] trace = workload.trace();
      long recommended = Math.max(defaultSize, roundUp(users * HEADROOM));
      ObjectNode row = rows.addObject()
          .put("users", users)
          .put("unboundedHitRatio", Numbers.round(CacheTuning.unboundedHitRatio(trace, users)))
          .put("hitRatioAtDefault", Numbers.round(CacheTuning.caffeine(trace, defaultSize)))
          .put("recommendedSize", recommended)
          .put("heapMiBAtRecommended",
              Numbers.round(Math.min(recommended, users) * bytesPerUser / 1048576));
      ArrayNode fractions = row.putArray("fractions");
      for (double fraction : new double[] {0.1, 0.25, 0.5}) {
        long size = Math.round(users * fraction);
        fractions.addObject()
            .put("fraction", fraction)
            .put("size", size)
            .put("hitRatio", Numbers.round(CacheTuning.caffeine(trace, size)))
            .put("lruHitRatio", Numbers.round(CacheTuning.lru(trace, size)))
            .put("heapMiB", Numbers.round(size * bytesPerUser / 1048576));
      }
    }
  }

  /** The recommended size leaves this much room above the users seen per TTL. */
  private static final double HEADROOM = 1.2;

  /** Rounds up to two significant digits: 12,345 -> 13,000. */
  static long roundUp(double value) {
    double unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(value)) - 1));
    return (long) (Math.ceil(value / unit) * unit);
  }

  /**
   * How long and how big each part runs.
   *
   * @param name {@code quick} or {@code full}
   * @param forks JMH forks per benchmark
   * @param warmups JMH warm-up iterations
   * @param iterations JMH measured iterations
   * @param seconds JMH iteration length
   * @param neo4jSeconds JMH iteration length against Neo4j
   * @param neo4jWarmupSeconds lookups against the fresh server before any benchmark
   * @param anatomy whether to take the cache-hit path apart too
   * @param concurrency callers for the provider path
   * @param providerLatencyMillis the simulated identity provider latency
   * @param storeLatencyMillis the simulated store latency when Neo4j is unavailable
   * @param flightRounds single-flight rounds
   * @param workloadUsers users in the cache-tuning workload (and in Neo4j)
   * @param workloadRequests Zipf requests in it
   * @param skew its Zipf skew
   * @param skews further skews, simulated only
   * @param replayThreads callers replaying the trace for throughput
   * @param replayWindow the longest throughput replay
   * @param memoryCounts cached users for the memory measurement
   * @param guidanceUsers user counts for the guidance table
   */
  record Plan(String name, int forks, int warmups, int iterations, int seconds, int neo4jSeconds,
      int neo4jWarmupSeconds, boolean anatomy, int[] concurrency, double providerLatencyMillis,
      double storeLatencyMillis, int flightRounds, int workloadUsers, int workloadRequests,
      double skew, double[] skews, int replayThreads, Duration replayWindow,
      long[] memoryCounts, int[] guidanceUsers) {

    static Optional<Plan> named(String name) {
      return switch (name) {
        case "quick" -> Optional.of(new Plan("quick", 1, 2, 3, 1, 1, 5, false,
            new int[] {1, 8, 64}, 20, 1, 10, 20_000, 200_000, 0.9,
            new double[] {0.6, 0.8, 1.0, 1.2}, 16, Duration.ofSeconds(5),
            new long[] {0, 5_000, 10_000, 20_000},
            new int[] {1_000, 10_000, 100_000}));
        case "full" -> Optional.of(new Plan("full", 2, 5, 10, 1, 2, 60, true,
            new int[] {1, 4, 16, 64}, 20, 1, 50, 100_000, 1_000_000, 0.9,
            new double[] {0.6, 0.8, 1.0, 1.2}, 16, Duration.ofSeconds(15),
            new long[] {0, 25_000, 50_000, 75_000, 100_000},
            new int[] {1_000, 10_000, 100_000, 1_000_000}));
        default -> Optional.empty();
      };
    }

    /** This plan with another cache-tuning workload. */
    Plan withWorkload(int users, int requests, double skew) {
      return new Plan(name, forks, warmups, iterations, seconds, neo4jSeconds, neo4jWarmupSeconds,
          anatomy, concurrency, providerLatencyMillis, storeLatencyMillis, flightRounds, users,
          requests, skew, skews, replayThreads, replayWindow, memoryCounts, guidanceUsers);
    }

    /** The cache-tuning workload at a skew: a scan burst of a quarter of the users. */
    Workload workload(double skew) {
      return new Workload(workloadUsers, skew, workloadRequests, workloadUsers / 4, 42);
    }

    /** Cache sizes for the hit-ratio curve: 0.5% to 100% of the users. */
    long[] sizes(int users) {
      double[] fractions = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0};
      long[] sizes = new long[fractions.length];
      for (int i = 0; i < fractions.length; i++) {
        sizes[i] = Math.max(1, Math.round(users * fractions[i]));
      }
      return sizes;
    }

  }
}
