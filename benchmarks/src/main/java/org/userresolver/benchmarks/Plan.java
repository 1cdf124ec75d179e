package org.userresolver.benchmarks;

import java.time.Duration;
import java.util.Optional;

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
    int neo4jWarmupSeconds, int[] concurrency, double providerLatencyMillis,
    double storeLatencyMillis, int flightRounds, int workloadUsers, int workloadRequests,
    double skew, double[] skews, int replayThreads, Duration replayWindow,
    long[] memoryCounts, int[] guidanceUsers) {

  /** The plan of that name, {@code quick} or {@code full}. */
  static Optional<Plan> named(String name) {
    return switch (name) {
      case "quick" -> Optional.of(new Plan("quick", 1, 2, 3, 1, 1, 5,
          new int[] {1, 8, 64}, 20, 1, 10, 20_000, 200_000, 0.9,
          new double[] {0.6, 0.8, 1.0, 1.2}, 16, Duration.ofSeconds(5),
          new long[] {0, 5_000, 10_000, 20_000},
          new int[] {1_000, 10_000, 100_000}));
      case "full" -> Optional.of(new Plan("full", 2, 5, 10, 1, 2, 60,
          new int[] {1, 4, 16, 64}, 20, 1, 50, 100_000, 1_000_000, 0.9,
          new double[] {0.6, 0.8, 1.0, 1.2}, 16, Duration.ofSeconds(15),
          new long[] {0, 25_000, 50_000, 75_000, 100_000},
          new int[] {1_000, 10_000, 100_000, 1_000_000}));
      default -> Optional.empty();
    };
  }

  /**
   * This plan with the workload options among {@code args}: {@code --users=N} (and 10
   * requests per user) and {@code --skew=S}; other arguments are ignored.
   */
  Plan withOptions(String... args) {
    Plan plan = this;
    for (String arg : args) {
      if (arg.startsWith("--skew=")) {
        plan = plan.withWorkload(plan.workloadUsers, plan.workloadRequests,
            Double.parseDouble(arg.substring("--skew=".length())));
      } else if (arg.startsWith("--users=")) {
        int users = Integer.parseInt(arg.substring("--users=".length()));
        plan = plan.withWorkload(users, users * 10, plan.skew);
      }
    }
    return plan;
  }

  /** This plan with another cache-tuning workload. */
  Plan withWorkload(int users, int requests, double skew) {
    return new Plan(name, forks, warmups, iterations, seconds, neo4jSeconds, neo4jWarmupSeconds,
        concurrency, providerLatencyMillis, storeLatencyMillis, flightRounds, users,
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
