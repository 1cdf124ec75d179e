package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class JmhTest {

  @Test
  void over_dividesTheScores_andAddsTheirRelativeErrorsInQuadrature() {
    Jmh.Score chain = new Jmh.Score(40, 3, "ns/op");
    Jmh.Score caffeine = new Jmh.Score(20, 2, "ns/op");

    Jmh.Ratio ratio = chain.over(caffeine);

    assertEquals(2.0, ratio.ratio(), 1e-12);
    // relative errors 7.5% and 10%: sqrt(0.075^2 + 0.1^2) = 12.5% of 2
    assertEquals(0.25, ratio.error(), 1e-12);
  }
}
