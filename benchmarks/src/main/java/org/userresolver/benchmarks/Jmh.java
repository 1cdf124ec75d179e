package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs one JMH benchmark class with the report's iteration plan and reads the scores. */
final class Jmh {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int forks;
  private final int warmups;
  private final int iterations;
  private final int seconds;
  private final List<String> jvmArgs;

  /**
   * A runner for one plan.
   *
   * @param forks JVMs per benchmark
   * @param warmups warm-up iterations
   * @param iterations measured iterations
   * @param seconds length of each iteration
   * @param jvmArgs arguments of the forked JVMs
   */
  Jmh(int forks, int warmups, int iterations, int seconds, List<String> jvmArgs) {
    this.forks = forks;
    this.warmups = warmups;
    this.iterations = iterations;
    this.seconds = seconds;
    this.jvmArgs = List.copyOf(jvmArgs);
  }

  /** The same plan with other iteration lengths. */
  Jmh withSeconds(int seconds) {
    return new Jmh(forks, warmups, iterations, seconds, jvmArgs);
  }

  /** The same plan with further fork arguments. */
  Jmh withJvmArgs(String... more) {
    List<String> args = new ArrayList<>(jvmArgs);
    args.addAll(List.of(more));
    return new Jmh(forks, warmups, iterations, seconds, args);
  }

  /**
   * Runs every benchmark of a class with {@code threads} threads and returns, per benchmark
   * method, {@code {score, error, unit}} (error: the 99.9% confidence half-width JMH reports).
   */
  ObjectNode run(Class<?> benchmarks, int threads, Map<String, String> params)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
        .threads(threads)
        .forks(forks)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(seconds))
        .jvmArgs(jvmArgs.toArray(String[]::new))
        .shouldFailOnError(true);
    params.forEach(options::param);
    Collection<RunResult> results = new Runner(options.build()).run();
    ObjectNode scores = JSON.createObjectNode();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      Result<?> primary = result.getPrimaryResult();
      scores.putObject(name.substring(name.lastIndexOf('.') + 1))
          .put("score", Numbers.round(primary.getScore()))
          .put("error", Numbers.round(primary.getScoreError()))
          .put("unit", primary.getScoreUnit());
    }
    return scores;
  }
}
