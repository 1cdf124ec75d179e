package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Resolution;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * The chain under pressure: deadlines that hold for queued and running attempts, a bounded
 * backlog, metrics that count every call once, ids that are not valid text, and stores that
 * never block.
 */
final class ChainUnderLoadTest {
  private final ScriptedProvider provider = new ScriptedProvider();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Resolution> answers = new CopyOnWriteArrayList<>();
  private final List<ExecutorService> executors = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private ResolutionChain chain;

  @AfterEach
  void close() {
    release.countDown();
    if (chain != null) {
      chain.close();
    }
    executors.forEach(ExecutorService::shutdownNow);
  }

  private ResolutionChain chain(UserStore store, ExecutorService executor, String timeout) {
    ChainConfig.Overrides overrides = new ChainConfig.Overrides();
    overrides.executor = executor;
    if (executor != null) {
      executors.add(executor);
    }
    ChainConfig config = ChainConfig.read(Settings.of(Map.of(Settings.TIMEOUT, timeout,
        Settings.RETRY_BACKOFF, "PT0.01S")), overrides);
    chain = new ResolutionChain(new ResolutionChain.Config(provider, "scripted", store,
        store == null ? null : "scripted", config, registry, answers::add));
    return chain;
  }

  /** A provider that waits for the test's release, noting whether it was interrupted. */
  private CountDownLatch hangUntilReleased() {
    CountDownLatch interrupted = new CountDownLatch(1);
    provider.behaviour = id -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
      }
      return ScriptedProvider.profile(id);
    };
    return interrupted;
  }

  @Test
  void queuedAttempt_neverStarts_afterTheDeadline() throws Exception {
    provider.behaviour = id -> {
      // holds the only worker, deaf to interrupts, until the test lets it go
      boolean interrupted = false;
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return ScriptedProvider.profile(id);
    };
    ExecutorService oneWorker = Executors.newSingleThreadExecutor();
    ResolutionChain chain = chain(null, oneWorker, "PT0.3S");

    CompletableFuture<User> first = chain.resolveAsync("first@example.com");
    CompletableFuture<User> queued = chain.resolveAsync("queued@example.com");

    assertEquals(User.minimal("first@example.com"), first.get(5, TimeUnit.SECONDS));
    assertEquals(User.minimal("queued@example.com"), queued.get(5, TimeUnit.SECONDS));
    release.countDown();
    oneWorker.submit(() -> { }).get(5, TimeUnit.SECONDS); // the queue has drained
    assertEquals(List.of("first@example.com"), provider.calls);
  }

  @Test
  void runningAttempt_isInterrupted_atTheDeadline() throws Exception {
    CountDownLatch interrupted = hangUntilReleased();
    ResolutionChain chain = chain(null, null, "PT0.2S");

    assertEquals(User.minimal("slow@example.com"), chain.resolve("slow@example.com"));

    assertTrue(interrupted.await(5, TimeUnit.SECONDS),
        "the abandoned provider call was not interrupted");
  }

  @Test
  void fullBacklog_answersAtOnce_withTheOverloadedFallback() throws Exception {
    hangUntilReleased();
    ExecutorService noQueue = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
        new SynchronousQueue<>());
    ResolutionChain chain = chain(null, noQueue, "PT30S");
    CompletableFuture<User> busy = chain.resolveAsync("busy@example.com");
    while (provider.calls.isEmpty()) {
      Thread.onSpinWait();
    }

    long start = System.nanoTime();
    User user = chain.resolve("rejected@example.com");

    assertEquals(User.minimal("rejected@example.com"), user);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    assertEquals(1.0, registry.get("userresolver.fallback").tag("reason", "overloaded")
        .counter().count());
    assertEquals("lookup of rejected@example.com not started: every worker is busy and the "
        + "queue of waiting calls is full", answers.get(answers.size() - 1).detail());
    release.countDown();
    assertEquals(ScriptedProvider.profile("busy@example.com"), busy.get(5, TimeUnit.SECONDS));
  }

  @Test
  void callersJoiningOneLookup_areEachCountedOnce() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    provider.behaviour = id -> {
      called.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ScriptedProvider.profile(id);
    };
    ResolutionChain chain = chain(new ScriptedStore(), null, "PT30S");
    ExecutorService callers = Executors.newFixedThreadPool(16);
    executors.add(callers);
    List<CompletableFuture<User>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      results.add(CompletableFuture.supplyAsync(() -> chain.resolve("new@example.com"), callers));
    }
    assertTrue(called.await(5, TimeUnit.SECONDS));
    release.countDown();
    for (CompletableFuture<User> result : results) {
      result.get(5, TimeUnit.SECONDS);
    }
    chain.resolve("new@example.com");

    assertEquals(17.0, resolveCount(), "every call counted exactly once");
    assertEquals(1, provider.calls.size());
    assertEquals(17, answers.size());
  }

  @Test
  void idsThatAreNotValidText_areRejected_andValidPairsPass() {
    provider.behaviour = ScriptedProvider::profile;
    ResolutionChain chain = chain(null, null, "PT5S");

    assertEquals("user id contains the unpaired surrogate U+D800 at index 1 (not valid UTF-16)",
        assertThrows(IllegalArgumentException.class, () -> chain.resolve("a\uD800@x.com"))
            .getMessage());
    assertEquals("user id contains the unpaired surrogate U+DC00 at index 0 (not valid UTF-16)",
        assertThrows(IllegalArgumentException.class, () -> chain.resolve("\uDC00a@x.com"))
            .getMessage());
    chain.resolve("smile\uD83D\uDE00@x.com");

    assertEquals(List.of("smile\uD83D\uDE00@x.com"), provider.calls);
  }

  @Test
  void storeThatNeverBlocks_isCalledWithoutAHandOff_andOthersOnAWorker() {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    List<Thread> providerThreads = new CopyOnWriteArrayList<>();
    provider.behaviour = id -> {
      providerThreads.add(Thread.currentThread());
      return ScriptedProvider.profile(id);
    };
    ThreadRecordingStore inline = new ThreadRecordingStore(true, threads);
    chain(inline, null, "PT5S").resolve("p@example.com");
    chain.close();
    List<Thread> inlineThreads = List.copyOf(threads);
    threads.clear();
    ThreadRecordingStore blocking = new ThreadRecordingStore(false, threads);
    chain(blocking, null, "PT5S").resolve("p@example.com");

    assertEquals(Thread.currentThread(), inlineThreads.get(0), "find, never blocking");
    assertTrue(List.of(Thread.currentThread(), providerThreads.get(0))
            .containsAll(inlineThreads.subList(1, inlineThreads.size())),
        "its write and read-back run where the provider's answer arrived: " + inlineThreads);
    assertNotEquals(Thread.currentThread(), threads.get(0));
    assertTrue(threads.get(0).getName().startsWith("userresolver-worker-"), threads.toString());
  }

  private double resolveCount() {
    double count = 0;
    for (Meter meter : registry.find("userresolver.resolve").meters()) {
      for (var measurement : meter.measure()) {
        if (measurement.getStatistic() == io.micrometer.core.instrument.Statistic.COUNT) {
          count += measurement.getValue();
        }
      }
    }
    return count;
  }

  /** A memory store that notes which thread calls it. */
  private static final class ThreadRecordingStore implements UserStore {
    private final MemoryUserStore users = new MemoryUserStore();
    private final boolean neverBlocks;
    private final List<Thread> threads;

    ThreadRecordingStore(boolean neverBlocks, List<Thread> threads) {
      this.neverBlocks = neverBlocks;
      this.threads = threads;
    }

    @Override
    public Optional<User> find(String userId) {
      threads.add(Thread.currentThread());
      return users.find(userId);
    }

    @Override
    public WriteOutcome createOrUpdate(User user) {
      threads.add(Thread.currentThread());
      return users.createOrUpdate(user);
    }

    @Override
    public boolean neverBlocks() {
      return neverBlocks;
    }
  }
}
