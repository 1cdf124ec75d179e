package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class PlanTest {

  @Test
  void named_knowsQuickAndFullOnly() {
    assertEquals("quick", Plan.named("quick").orElseThrow().name());
    assertEquals("full", Plan.named("full").orElseThrow().name());
    assertTrue(Plan.named("fast").isEmpty());
  }

  @Test
  void withOptions_users_setsTheWorkloadsUsersAndTenRequestsEach() {
    Plan plan = Plan.named("quick").orElseThrow()
        .withOptions("quick", "benchmarks/results", "--users=50000");

    assertEquals(50_000, plan.workloadUsers());
    assertEquals(500_000, plan.workloadRequests());
    assertEquals(0.9, plan.skew());
  }

  @Test
  void withOptions_skew_keepsTheUsers() {
    Plan quick = Plan.named("quick").orElseThrow();

    Plan plan = quick.withOptions("--skew=0.6", "--only=cacheTuning");

    assertEquals(0.6, plan.skew());
    assertEquals(quick.workloadUsers(), plan.workloadUsers());
    assertEquals(0.6, plan.workload(plan.skew()).skew());
  }

  @Test
  void sizes_spanHalfAPercentToEveryUser_neverBelowOne() {
    Plan plan = Plan.named("quick").orElseThrow();

    assertArrayEquals(new long[] {100, 200, 400, 1_000, 2_000, 4_000, 10_000, 20_000},
        plan.sizes(20_000));
    assertEquals(1, plan.sizes(10)[0]);
  }
}
