package org.userresolver.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A synthetic trace of user lookups: requests drawn from a Zipf distribution with skew
 * {@code s} over {@code users} users (the user of popularity rank {@code r} is asked for with
 * probability proportional to {@code 1 / r^s}; ranks are assigned to users at random), with one
 * scan burst in the middle: {@code scanLength} distinct users asked for once each, one after the
 * other, as a batch job listing every owner of every table would. Deterministic for a seed.
 *
 * @param users how many distinct users exist
 * @param skew the Zipf exponent; 0 is uniform, about 1 is typical of web and catalog traffic
 * @param requests how many Zipf requests the trace holds (the scan comes on top)
 * @param scanLength how many distinct users the scan burst touches; 0 for none
 * @param seed the random seed
 */
record Workload(int users, double skew, int requests, int scanLength, long seed) {

  Workload {
    if (users < 1 || requests < 1 || scanLength < 0 || scanLength > users || skew < 0) {
      throw new IllegalArgumentException("invalid workload " + users + " users, skew " + skew
          + ", " + requests + " requests, scan of " + scanLength);
    }
  }

  /** Returns the trace as user numbers (ids are {@link Profiles#id(long)} of them). */
  int[] trace() {
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = cumulativeWeights();
    int[] userOfRank = permutation(random);
    int[] trace = new int[requests + scanLength];
    int scanAt = requests / 2;
    int scanStart = random.nextInt(users - scanLength + 1);
    int position = 0;
    for (int i = 0; i < requests; i++) {
      if (i == scanAt) {
        for (int k = 0; k < scanLength; k++) {
          trace[position++] = scanStart + k;
        }
      }
      trace[position++] = userOfRank[rank(cumulative, random.nextDouble())];
    }
    return trace;
  }

  /** Returns how many distinct users a trace asks for. */
  static int distinct(int[] trace, int users) {
    boolean[] seen = new boolean[users];
    int count = 0;
    for (int user : trace) {
      if (!seen[user]) {
        seen[user] = true;
        count++;
      }
    }
    return count;
  }

  private double[] cumulativeWeights() {
    double[] cumulative = new double[users];
    double sum = 0;
    for (int r = 0; r < users; r++) {
      sum += 1.0 / Math.pow(r + 1, skew);
      cumulative[r] = sum;
    }
    for (int r = 0; r < users; r++) {
      cumulative[r] /= sum;
    }
    return cumulative;
  }

  private static int rank(double[] cumulative, double u) {
    int index = Arrays.binarySearch(cumulative, u);
    return Math.min(index >= 0 ? index : -index - 1, cumulative.length - 1);
  }

  private int[] permutation(SplittableRandom random) {
    int[] permutation = new int[users];
    for (int i = 0; i < users; i++) {
      permutation[i] = i;
    }
    for (int i = users - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = swap;
    }
    return permutation;
  }

  /** Describes the workload in one line. */
  String describe() {
    return String.format(java.util.Locale.ROOT,
        "Zipf s=%.2f over %,d users, %,d requests, scan burst of %,d distinct users mid-trace",
        skew, users, requests, scanLength);
  }
}
