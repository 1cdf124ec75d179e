package org.userresolver.reliability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;

/** Reads the chain's meters: counts by tag, zero counts left out, for the soak and the tests. */
final class Meters {

  private Meters() {}

  /** {@code userresolver.resolve} counts by {@code source}. */
  static Map<String, Long> resolves(MeterRegistry registry) {
    return byTag(registry, "userresolver.resolve", "source");
  }

  /** {@code userresolver.fallback} counts by {@code reason}. */
  static Map<String, Long> fallbacks(MeterRegistry registry) {
    return byTag(registry, "userresolver.fallback", "reason");
  }

  /** {@code userresolver.store.write.failures}. */
  static long writeFailures(MeterRegistry registry) {
    return registry.find("userresolver.store.write.failures").meters().stream()
        .mapToLong(Meters::count).sum();
  }

  private static Map<String, Long> byTag(MeterRegistry registry, String name, String tag) {
    Map<String, Long> counts = new TreeMap<>();
    for (Meter meter : registry.find(name).meters()) {
      long count = count(meter);
      if (count > 0) {
        counts.merge(meter.getId().getTag(tag), count, Long::sum);
      }
    }
    return counts;
  }

  /**
   * The count of a timer or counter.
   *
   * @throws IllegalStateException for any other kind of meter
   */
  static long count(Meter meter) {
    if (meter instanceof Timer timer) {
      return timer.count();
    }
    if (meter instanceof FunctionTimer timer) {
      return (long) timer.count();
    }
    if (meter instanceof Counter counter) {
      return (long) counter.count();
    }
    throw new IllegalStateException("not a count: " + meter.getId());
  }
}
