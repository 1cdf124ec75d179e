package org.userresolver.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;
import org.userresolver.UserStore;

/**
 * The miss path and batching against a real Neo4j (neo4j-harness; the server of the parent
 * process when {@value Neo4jFixture#URI_PROPERTY} is set): a store hit through the chain
 * against the store called directly, and {@code resolveAll} of 100 ids against 100 single
 * resolves (sequential, and concurrent through {@code resolveAsync}). The chain caches nothing
 * ({@code USER_RESOLVER_CACHE_MAX_SIZE=0}), so every call reaches Neo4j.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Neo4jBenchmark {
  static final int USERS = 20_000;
  static final int BATCH = 100;

  private Neo4jFixture neo4j;
  private String[] ids;
  private List<List<String>> batches;
  private UserStore store;
  private UserResolver chain;

  /** Per-thread position in the ids and batches. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    int batch;
  }

  /** Connects to (or starts) Neo4j and builds an uncaching chain and a direct store. */
  @Setup(Level.Trial)
  public void setUp() {
    neo4j = Neo4jFixture.startOrConnect(USERS);
    ids = Profiles.ids(neo4j.users());
    batches = new ArrayList<>();
    for (int from = 0; from + BATCH <= ids.length; from += BATCH) {
      batches.add(List.of(Arrays.copyOfRange(ids, from, from + BATCH)));
    }
    store = neo4j.newStore();
    chain = UserResolvers.builder()
        .settings(Settings.of(Map.of(Settings.CACHE_MAX_SIZE, "0")))
        .provider(new SimulatedProvider(20))
        .store(neo4j.newStore())
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }

  /** Closes the chain, the store, and the server when this fork started it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    chain.close();
    store.close();
    neo4j.close();
  }

  /** A Neo4j store hit through the chain. */
  @Benchmark
  public User chainStoreHit(Cursor cursor) {
    return chain.resolve(ids[Math.floorMod(cursor.next++, ids.length)]);
  }

  /** The same lookup on the store itself. */
  @Benchmark
  public User storeFind(Cursor cursor) {
    String id = ids[Math.floorMod(cursor.next++, ids.length)];
    return Profiles.required(store.find(id), id);
  }

  /** 100 ids in one {@code resolveAll}: one store round trip. */
  @Benchmark
  public Map<String, User> resolveAll100(Cursor cursor) {
    return chain.resolveAll(nextBatch(cursor));
  }

  /** The same 100 ids resolved one after the other. */
  @Benchmark
  public void resolve100(Cursor cursor, Blackhole blackhole) {
    for (String id : nextBatch(cursor)) {
      blackhole.consume(chain.resolve(id));
    }
  }

  /** The same 100 ids resolved concurrently with {@code resolveAsync}, then joined. */
  @Benchmark
  public void resolveAsync100(Cursor cursor, Blackhole blackhole) {
    List<String> batch = nextBatch(cursor);
    CompletableFuture<?>[] answers = new CompletableFuture<?>[batch.size()];
    for (int i = 0; i < answers.length; i++) {
      answers[i] = chain.resolveAsync(batch.get(i));
    }
    CompletableFuture.allOf(answers).join();
    blackhole.consume(answers);
  }

  private List<String> nextBatch(Cursor cursor) {
    return batches.get(Math.floorMod(cursor.batch++, batches.size()));
  }
}
