package org.userresolver.benchmarks;

import java.util.LinkedHashMap;
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

/**
 * Runs one JMH benchmark class with the report's iteration plan and reads the scores from JMH's
 * result API.
 *
 * @param plan forks, warm-up and measured iterations
 * @param seconds length of each iteration
 * @param jvmArgs arguments of the forked JVMs
 */
record Jmh(Plan plan, int seconds, List<String> jvmArgs) {

  /**
   * A JMH score.
   *
   * @param score the mean
   * @param error the 99.9% confidence half-width JMH reports
   * @param unit JMH's unit, such as {@code ns/op}
   */
  record Score(double score, double error, String unit) {

    /** This score divided by another; the error adds the relative errors in quadrature. */
    Ratio over(Score other) {
      double ratio = score / other.score;
      return new Ratio(ratio, ratio * Math.hypot(error / score, other.error / other.score));
    }
  }

  /**
   * A ratio of two scores.
   *
   * @param ratio the ratio of the means
   * @param error its propagated error
   */
  record Ratio(double ratio, double error) {}

  /**
   * Runs every benchmark of a class with {@code threads} threads and returns the score of each
   * benchmark method, by method name, in JMH's order.
   */
  Map<String, Score> run(Class<?> benchmarks, int threads, Map<String, String> params)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
        .threads(threads)
        .forks(plan.forks())
        .warmupIterations(plan.warmups())
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(plan.iterations())
        .measurementTime(TimeValue.seconds(seconds))
        .jvmArgs(jvmArgs.toArray(String[]::new))
        .shouldFailOnError(true);
    params.forEach(options::param);
    Map<String, Score> scores = new LinkedHashMap<>();
    for (RunResult result : new Runner(options.build()).run()) {
      String name = result.getParams().getBenchmark();
      Result<?> primary = result.getPrimaryResult();
      scores.put(name.substring(name.lastIndexOf('.') + 1),
          new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
    }
    return scores;
  }
}
