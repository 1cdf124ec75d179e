package org.userresolver.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.userresolver.Resolution.Source;

/**
 * The chain's Micrometer meters, created once so the hot path only records.
 *
 * <ul>
 *   <li>{@code userresolver.resolve} timer, tag {@code source} (cache hits counted, not timed)
 *   <li>{@code userresolver.fallback} counter, tag {@code reason}
 *   <li>{@code userresolver.provider.call} timer, tag {@code outcome}
 *   <li>{@code userresolver.store.call} timer, tags {@code operation}, {@code outcome}
 *   <li>{@code userresolver.retry} counter, tags {@code target}, {@code kind}
 *   <li>{@code userresolver.store.write.failures} counter
 *   <li>{@code userresolver.cache.*} Caffeine statistics, bound by the chain
 * </ul>
 */
final class ChainMetrics {
  static final String PREFIX = "userresolver.";

  private final MeterRegistry registry;
  private final Map<Source, Timer> resolveTimers = new EnumMap<>(Source.class);
  private final Map<FallbackReason, Counter> fallbacks = new EnumMap<>(FallbackReason.class);
  private final Map<String, Timer> callTimers = new ConcurrentHashMap<>();
  private final Counter writeFailures;
  private volatile LongSupplier cacheHits = () -> 0;

  /**
   * Creates the meters.
   *
   * @param registry where they go
   */
  ChainMetrics(MeterRegistry registry) {
    this.registry = registry;
    String description = "User lookups through the chain, by where the answer came from";
    for (Source source : Source.values()) {
      if (source != Source.CACHE) {
        resolveTimers.put(source, Timer.builder(PREFIX + "resolve")
            .description(description)
            .tag("source", source.tag())
            .register(registry));
      }
    }
    // Cache hits are the hot path: counted, not timed (they take well under a microsecond, and
    // reading the clock twice would double that).
    FunctionTimer.builder(PREFIX + "resolve", this, m -> m.cacheHits.getAsLong(), m -> 0.0,
            TimeUnit.NANOSECONDS)
        .description(description)
        .tag("source", Source.CACHE.tag())
        .register(registry);
    for (FallbackReason reason : FallbackReason.values()) {
      fallbacks.put(reason, Counter.builder(PREFIX + "fallback")
          .description("Minimal profiles returned, by why")
          .tag("reason", reason.tag())
          .register(registry));
    }
    writeFailures = Counter.builder(PREFIX + "store.write.failures")
        .description("Profiles returned although writing them to the store failed")
        .register(registry);
  }

  /** Counts cache hits from the cache's own statistics (hits are counted there, not timed). */
  void countHitsFrom(LongSupplier hits) {
    this.cacheHits = hits;
  }

  void resolved(Source source, long nanos) {
    resolveTimers.get(source).record(nanos, TimeUnit.NANOSECONDS);
  }

  void fallback(FallbackReason reason) {
    fallbacks.get(reason).increment();
  }

  void writeFailed() {
    writeFailures.increment();
  }

  void providerCall(String outcome, long nanos) {
    callTimers.computeIfAbsent("provider/" + outcome, key -> Timer.builder(PREFIX + "provider.call")
            .description("Identity provider calls, each attempt")
            .tag("outcome", outcome)
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void storeCall(String operation, String outcome, long nanos) {
    callTimers.computeIfAbsent("store/" + operation + "/" + outcome,
            key -> Timer.builder(PREFIX + "store.call")
                .description("Store calls, each attempt")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void retry(String target, String kind) {
    Counter.builder(PREFIX + "retry")
        .description("Retries of provider and store calls")
        .tag("target", target)
        .tag("kind", kind)
        .register(registry)
        .increment();
  }
}
