package org.userresolver.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * Single flight: {@code callers} threads released together on one id nobody has seen, round
 * after round. Counts the identity provider calls and store writes each round causes (DESIGN.md:
 * exactly one of each) and how long the round took against the provider's latency.
 */
final class SingleFlight {

  /**
   * What the rounds caused.
   *
   * @param rounds how many cold ids were resolved
   * @param callers how many threads asked for each
   * @param latencyMillis the provider's simulated latency
   * @param providerCalls provider calls in all rounds
   * @param maxProviderCallsInARound the most provider calls one round caused
   * @param storeWrites store writes in all rounds
   * @param storeFinds store lookups in all rounds
   * @param fallbacks answers that were the minimal profile
   * @param medianRoundMillis median time from release to the last answer
   * @param maxRoundMillis the slowest round
   */
  record Result(int rounds, int callers, double latencyMillis, long providerCalls,
      long maxProviderCallsInARound, long storeWrites, long storeFinds, long fallbacks,
      double medianRoundMillis, double maxRoundMillis) {}

  private SingleFlight() {}

  static Result run(int rounds, int callers, double latencyMillis) throws Exception {
    SimulatedProvider provider = new SimulatedProvider(latencyMillis);
    CountingStore store = new CountingStore(Profiles.memoryStore());
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    long maxCalls = 0;
    long fallbacks = 0;
    double[] millis = new double[rounds];
    try (UserResolver chain = UserResolvers.builder()
        .settings(Settings.of(Map.of()))
        .provider(provider)
        .store(store)
        .meterRegistry(new SimpleMeterRegistry())
        .build()) {
      for (int round = 0; round < rounds; round++) {
        String id = "flight" + round + "@example.com";
        long callsBefore = provider.calls();
        CyclicBarrier start = new CyclicBarrier(callers + 1);
        List<Future<User>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          answers.add(pool.submit(() -> {
            start.await();
            return chain.resolve(id);
          }));
        }
        start.await();
        long began = System.nanoTime();
        for (Future<User> answer : answers) {
          if (answer.get().equals(User.minimal(id))) {
            fallbacks++;
          }
        }
        millis[round] = (System.nanoTime() - began) / 1e6;
        maxCalls = Math.max(maxCalls, provider.calls() - callsBefore);
      }
    } finally {
      pool.shutdownNow();
    }
    Arrays.sort(millis);
    return new Result(rounds, callers, latencyMillis, provider.calls(), maxCalls, store.writes(),
        store.finds(), fallbacks, millis[rounds / 2], millis[rounds - 1]);
  }
}
