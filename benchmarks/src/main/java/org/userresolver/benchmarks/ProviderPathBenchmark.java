package org.userresolver.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * The provider path: every call resolves an id nobody has seen (cache miss, memory store miss,
 * identity provider with a simulated latency, store write). Throughput against the number of
 * concurrent callers ({@code -t}); the ideal is callers / latency.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ProviderPathBenchmark {
  private final AtomicLong next = new AtomicLong();
  private UserResolver chain;

  /** The identity provider's latency in milliseconds. */
  @Param("20")
  public double latencyMillis;

  /** Builds the chain (default settings, memory store). */
  @Setup(Level.Trial)
  public void setUp() {
    chain = UserResolvers.builder()
        .settings(Settings.of(Map.of()))
        .provider(new SimulatedProvider(latencyMillis))
        .store(Profiles.memoryStore())
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  /** Closes the chain. */
  @TearDown(Level.Trial)
  public void tearDown() {
    chain.close();
  }

  /** One cold id: store miss, provider call, store write. */
  @Benchmark
  public User coldResolve() {
    return chain.resolve("cold" + next.getAndIncrement() + "@example.com");
  }
}
