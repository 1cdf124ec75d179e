package org.userresolver.reliability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * A bounded soak of the whole chain: the real {@code okta} provider against a
 * {@link LoopbackOkta} that fails a share of its lookups, the store the caller's settings
 * name, and many threads resolving ids picked at random, most of them again and again.
 *
 * <p>Three phases, one resolver: <b>load</b> ({@link Options#calls} resolves of
 * {@link Options#ids} ids from {@link Options#threads} threads, faults on; every
 * {@link Options#unknownEvery}th id is unknown to Okta); <b>settle</b> (faults off; once the
 * brief answers of the load phase have expired, every known id is resolved again, so that one
 * whose lookup a fault ended, or whose profile the store could not save, is looked up again,
 * until each has been answered with its profile); <b>hits</b>
 * ({@link Options#hitCalls} resolves of known, cached ids from the same threads, each call
 * timed). The result says what was asked and answered, what the chain counted, and what the
 * hit phase measured; it asserts nothing. {@code SoakIT} checks it, and the benchmarks report
 * its numbers.
 */
public final class Soak {
  private static final Duration FALLBACK_TTL = Duration.ofSeconds(2);

  /** The id of user {@code i}. */
  public static String id(int i) {
    return "user-" + i + "@soak.example.com";
  }

  private Soak() {}

  /**
   * How big the soak is.
   *
   * @param ids distinct ids
   * @param calls resolves in the load phase
   * @param threads calling threads
   * @param faultRate the share of Okta lookups that fail during the load phase
   * @param unknownEvery every this-th id is unknown to Okta ({@code i % unknownEvery == 0})
   * @param hitCalls resolves in the hit phase
   * @param limit the longest the soak may take before unfinished calls are reported
   */
  public record Options(int ids, int calls, int threads, double faultRate, int unknownEvery,
      int hitCalls, Duration limit) {

    /** 200,000 resolves over 10,000 ids from 16 threads, 5% faults, 1 id in 50 unknown. */
    public static Options defaults() {
      return new Options(10_000, 200_000, 16, 0.05, 50, 200_000, Duration.ofMinutes(5));
    }

    /** These options with ids and calls multiplied by a factor (threads and rates kept). */
    public Options scaled(double factor) {
      return new Options(Math.max(100, (int) (ids * factor)),
          Math.max(1_000, (int) (calls * factor)), threads, faultRate, unknownEvery,
          Math.max(1_000, (int) (hitCalls * factor)), limit);
    }

    /** Whether user {@code i} is known to Okta. */
    public boolean known(int i) {
      return i % unknownEvery != 0;
    }

    /** How many of the ids Okta knows. */
    public int knownIds() {
      int unknown = (ids + unknownEvery - 1) / unknownEvery;
      return ids - unknown;
    }
  }

  /**
   * What a soak did.
   *
   * @param options the options it ran with
   * @param loadCalls resolves started in the load phase
   * @param loadReturned of those, resolves that returned a user
   * @param settleCalls resolves in the settle phase
   * @param hitCalls resolves in the hit phase
   * @param failures calls that threw, or returned null or a user under another id, or a profile
   *     for an unknown id, or someone else's profile (must be 0), with the first of them
   * @param firstFailure what the first failure was, or empty
   * @param unfinished threads still running when the limit passed (must be 0)
   * @param knownAnsweredInFull known ids answered with their profile at least once
   * @param loadSeconds how long the load phase took
   * @param settleSeconds how long the settle phase took
   * @param oktaLookups requests to the Okta users API
   * @param injected503 lookups answered 503 on purpose
   * @param injectedDropped lookups whose connection was closed on purpose
   * @param resolveCounts {@code userresolver.resolve} counts by {@code source}, all phases
   * @param fallbackReasons {@code userresolver.fallback} counts by {@code reason}
   * @param retries {@code userresolver.retry} counts by {@code target/kind}
   * @param storeWriteFailures {@code userresolver.store.write.failures}
   * @param hitCacheCount how many of the hit phase's calls the chain counted as cache hits
   * @param hitSeconds how long the hit phase took
   * @param hitNanosP50 median hit, in nanoseconds, as the caller measured it
   * @param hitNanosP99 99th percentile hit
   * @param hitNanosMax slowest hit
   * @param loadNanosP99 99th percentile of load-phase calls (misses and hits)
   */
  public record Result(Options options, long loadCalls, long loadReturned, long settleCalls,
      long hitCalls, long failures, String firstFailure, int unfinished,
      int knownAnsweredInFull, double loadSeconds, double settleSeconds, long oktaLookups,
      long injected503, long injectedDropped, Map<String, Long> resolveCounts,
      Map<String, Long> fallbackReasons, Map<String, Long> retries, long storeWriteFailures,
      long hitCacheCount, double hitSeconds, long hitNanosP50, long hitNanosP99,
      long hitNanosMax, long loadNanosP99) {

    /** Every resolve made, in all phases. */
    public long totalCalls() {
      return loadCalls + settleCalls + hitCalls;
    }

    /** The sum of {@code userresolver.resolve} over every source. */
    public long countedResolves() {
      return resolveCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Cache hits per second in the hit phase. */
    public double hitsPerSecond() {
      return hitCalls / hitSeconds;
    }

    /** Resolves per second in the load phase. */
    public double loadCallsPerSecond() {
      return loadCalls / loadSeconds;
    }
  }

  /**
   * Runs a soak.
   *
   * @param options how big
   * @param storeSettings {@code USER_RESOLVER_STORE} and the store's settings (they may also
   *     override the chain's, such as {@code USER_RESOLVER_TIMEOUT})
   * @return what happened
   */
  public static Result run(Options options, Map<String, String> storeSettings) {
    LoopbackOkta okta;
    try {
      okta = LoopbackOkta.start(id -> names(options, id), options.faultRate(), 8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (okta) {
      Map<String, String> settings = new HashMap<>(okta.settings());
      settings.put("USER_RESOLVER_CACHE_MAX_SIZE", Integer.toString(2 * options.ids()));
      settings.put("USER_RESOLVER_FALLBACK_TTL", FALLBACK_TTL.toString());
      settings.put("USER_RESOLVER_RETRY_MAX_ATTEMPTS", "4");
      settings.put("USER_RESOLVER_RETRY_BACKOFF", "PT0.01S");
      settings.put("USER_RESOLVER_TIMEOUT", "PT10S");
      settings.putAll(storeSettings);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (UserResolver resolver = UserResolvers.builder()
          .settings(Settings.of(settings))
          .meterRegistry(registry)
          .build()) {
        return new Run(options, resolver, okta, registry).run();
      }
    }
  }

  /** {@code {first, last}} for a known id, else {@code null}. */
  private static String[] names(Options options, String id) {
    int i = index(id);
    return i >= 0 && i < options.ids() && options.known(i)
        ? new String[] {"First" + i, "Last" + i} : null;
  }

  /** The number in an id of this soak, or -1. */
  static int index(String id) {
    if (!id.startsWith("user-") || !id.endsWith("@soak.example.com")) {
      return -1;
    }
    try {
      return Integer.parseInt(id.substring(5, id.length() - "@soak.example.com".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One soak's state. */
  private static final class Run {
    private final Options options;
    private final UserResolver resolver;
    private final LoopbackOkta okta;
    private final MeterRegistry registry;
    private final AtomicIntegerArray answeredInFull;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>("");

    Run(Options options, UserResolver resolver, LoopbackOkta okta, MeterRegistry registry) {
      this.options = options;
      this.resolver = resolver;
      this.okta = okta;
      this.registry = registry;
      this.answeredInFull = new AtomicIntegerArray(options.ids());
    }

    Result run() {
      long loadStart = System.nanoTime();
      Phase load = phase(options.calls(), false);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

      okta.faultRate(0);
      long settleStart = System.nanoTime();
      long settleCalls = settle(settleStart, loadStart + options.limit().toNanos());
      double settleSeconds = (System.nanoTime() - settleStart) / 1e9;

      long cacheBefore = count("userresolver.resolve", "source", "cache");
      long hitStart = System.nanoTime();
      Phase hits = load.unfinished > 0 ? new Phase(0, 0, new long[0], 0)
          : phase(options.hitCalls(), true);
      double hitSeconds = (System.nanoTime() - hitStart) / 1e9;
      long hitCacheCount = count("userresolver.resolve", "source", "cache") - cacheBefore;

      int inFull = 0;
      for (int i = 0; i < options.ids(); i++) {
        inFull += answeredInFull.get(i);
      }
      long[] hitNanos = hits.nanos;
      Arrays.sort(hitNanos);
      long[] loadNanos = load.nanos;
      Arrays.sort(loadNanos);
      return new Result(options, load.calls, load.returned, settleCalls, hits.calls,
          failures.get(), firstFailure.get(), load.unfinished + hits.unfinished, inFull,
          loadSeconds, settleSeconds, okta.lookups(), okta.unavailable(), okta.dropped(),
          byTag("userresolver.resolve", "source"), byTag("userresolver.fallback", "reason"),
          retries(), count("userresolver.store.write.failures", null, null), hitCacheCount,
          hitSeconds, percentile(hitNanos, 0.5), percentile(hitNanos, 0.99),
          hitNanos.length == 0 ? 0 : hitNanos[hitNanos.length - 1],
          percentile(loadNanos, 0.99));
    }

    /** What one phase of calls did. */
    private record Phase(long calls, long returned, long[] nanos, int unfinished) {}

    /**
     * Runs {@code calls} resolves from the threads, each picking ids at random (known ids only
     * when {@code knownOnly}), each call timed; waits for them until the limit.
     */
    private Phase phase(int calls, boolean knownOnly) {
      int threads = options.threads();
      AtomicLong started = new AtomicLong();
      AtomicLong returned = new AtomicLong();
      long[][] nanos = new long[threads][];
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(threads);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int share = calls / threads + (t < calls % threads ? 1 : 0);
        int thread = t;
        nanos[t] = new long[share];
        Thread worker = new Thread(() -> {
          SplittableRandom random = new SplittableRandom(31L * thread + (knownOnly ? 7 : 0));
          try {
            go.await();
            for (int k = 0; k < share; k++) {
              int i = random.nextInt(options.ids());
              while (knownOnly && !options.known(i)) {
                i = random.nextInt(options.ids());
              }
              started.incrementAndGet();
              long begin = System.nanoTime();
              User user = call(i);
              nanos[thread][k] = System.nanoTime() - begin;
              if (user != null) {
                returned.incrementAndGet();
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        }, "soak-" + t);
        worker.setDaemon(true);
        workers.add(worker);
        worker.start();
      }
      go.countDown();
      boolean finished;
      try {
        finished = done.await(options.limit().toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = false;
      }
      int unfinished = finished ? 0 : (int) workers.stream().filter(Thread::isAlive).count();
      long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).filter(n -> n > 0)
          .toArray();
      return new Phase(started.get(), returned.get(), all, unfinished);
    }

    /**
     * Once every brief answer of the load phase has expired (fallbacks and profiles the store
     * could not save live {@code USER_RESOLVER_FALLBACK_TTL}), resolves every known id again,
     * and then those not answered in full, in turns, until each is; returns the calls made.
     */
    private long settle(long loadEnd, long deadline) {
      waitUntil(loadEnd + FALLBACK_TTL.toNanos() + TimeUnit.MILLISECONDS.toNanos(100));
      List<Integer> pending = new ArrayList<>();
      for (int i = 0; i < options.ids(); i++) {
        if (options.known(i)) {
          pending.add(i);
        }
      }
      long calls = 0;
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        for (int i : pending) {
          calls++;
          call(i);
        }
        pending.removeIf(i -> answeredInFull.get(i) == 1);
        if (!pending.isEmpty()) {
          waitUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        }
      }
      return calls;
    }

    /** One resolve, checked: the user asked for, its own profile, never a profile for nobody. */
    private User call(int i) {
      String id = id(i);
      try {
        User user = resolver.resolve(id);
        if (user == null) {
          fail(id + ": null");
        } else if (!user.userId().equals(id)) {
          fail(id + ": answered with user_id " + user.userId());
        } else if (!user.firstName().isEmpty()) {
          if (!options.known(i)) {
            fail(id + ": a profile for an id Okta does not know");
          } else if (!user.firstName().equals("First" + i) || !user.lastName().equals("Last" + i)) {
            fail(id + ": someone else's profile, " + user.fullName());
          } else {
            answeredInFull.set(i, 1);
          }
        }
        return user;
      } catch (RuntimeException e) {
        fail(id + ": " + e);
        return null;
      }
    }

    private void fail(String what) {
      failures.incrementAndGet();
      firstFailure.compareAndSet("", what);
    }

    /** Lets time pass (a TTL), not a way to wait for another thread. */
    private static void waitUntil(long nanoTime) {
      for (long left = nanoTime - System.nanoTime(); left > 0;
          left = nanoTime - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    }

    private Map<String, Long> byTag(String name, String tag) {
      Map<String, Long> counts = new TreeMap<>();
      for (Meter meter : registry.find(name).meters()) {
        counts.merge(Optional.ofNullable(meter.getId().getTag(tag)).orElse("?"),
            Meters.count(meter), Long::sum);
      }
      return counts;
    }

    private Map<String, Long> retries() {
      Map<String, Long> counts = new TreeMap<>();
      for (Meter meter : registry.find("userresolver.retry").meters()) {
        counts.merge(meter.getId().getTag("target") + "/" + meter.getId().getTag("kind"),
            Meters.count(meter), Long::sum);
      }
      return counts;
    }

    private long count(String name, String tag, String value) {
      return registry.find(name).meters().stream()
          .filter(meter -> tag == null || value.equals(meter.getId().getTag(tag)))
          .mapToLong(Meters::count).sum();
    }

    private static long percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return 0;
      }
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
  }
}
