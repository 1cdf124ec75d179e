package org.userresolver.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.userresolver.ResolutionException;

/**
 * Runs the blocking provider and store calls of lookups: each on a worker thread, under a
 * retry policy (exponential backoff with jitter, transient failures only, at least as long as a
 * {@code Retry-After} asks), and within the lookup's deadline.
 *
 * <p>The deadline holds for every attempt: none starts after it (checked when the attempt is
 * scheduled and again when a worker picks it up), one that asks to wait past it is not
 * retried, and one still running when it passes is cancelled and its thread interrupted, so an
 * abandoned call does not go on talking to the provider. The pool runs at most
 * {@value #MAX_CONCURRENT_CALLS} calls at once and queues at most {@value #MAX_QUEUED_CALLS};
 * beyond that a call fails at once as {@link OverloadedException} instead of growing a backlog.
 * Thread-safe.
 */
final class CallRunner implements AutoCloseable {
  /** The most provider and store calls one chain runs at once. */
  static final int MAX_CONCURRENT_CALLS = 64;
  /** The most calls waiting for a worker; more fail at once. */
  static final int MAX_QUEUED_CALLS = 1024;

  private final Executor executor;
  private final ExecutorService ownPool;
  private final ScheduledExecutorService scheduler;

  /**
   * Creates the runner.
   *
   * @param executor runs the calls; {@code null} for a pool of its own
   * @param scheduler times retries
   */
  CallRunner(Executor executor, ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
    if (executor != null) {
      this.executor = executor;
      this.ownPool = null;
    } else {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_CONCURRENT_CALLS,
          MAX_CONCURRENT_CALLS, 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(MAX_QUEUED_CALLS), daemonThreads("userresolver-worker"));
      pool.allowCoreThreadTimeOut(true);
      this.executor = pool;
      this.ownPool = pool;
    }
  }

  /**
   * Builds a retry policy that retries transient failures with exponential backoff and jitter,
   * waiting at least as long as a failure's {@code Retry-After}.
   *
   * @param name the policy's name
   * @param config the attempts and backoff
   * @param metrics counts retries and give-ups under {@code target}
   * @param target {@code provider} or {@code store}
   * @return the policy
   */
  static Retry retry(String name, ChainConfig config, ChainMetrics metrics, String target) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(config.retryBackoff(), 2.0, 0.5);
    RetryConfig retryConfig = RetryConfig.custom()
        .maxAttempts(config.retryMaxAttempts())
        .intervalBiFunction((attempt, outcome) -> {
          long wait = backoff.apply(attempt);
          if (outcome.isLeft() && unwrap(outcome.getLeft()) instanceof ResolutionException e) {
            long asked = e.retryAfter().map(d -> (d.toNanos() + 999_999) / 1_000_000).orElse(0L);
            wait = Math.max(wait, asked);
          }
          return wait;
        })
        .retryOnException(CallRunner::isTransient)
        .build();
    Retry retry = Retry.of(name, retryConfig);
    retry.getEventPublisher()
        .onRetry(event -> metrics.retry(target, "retry"))
        .onError(event -> metrics.retry(target, "exhausted"));
    return retry;
  }

  /**
   * Runs a blocking call on a worker under a retry policy, within a deadline.
   *
   * @param retry the policy
   * @param call the call
   * @param deadline {@link System#nanoTime()} by which it must end
   * @param <T> the result
   * @return completes with the result, or exceptionally by the deadline at the latest
   */
  <T> CompletableFuture<T> run(Retry retry, Callable<T> call, long deadline) {
    AtomicReference<FutureTask<?>> running = new AtomicReference<>();
    Supplier<CompletionStage<T>> attempt = () -> {
      CompletableFuture<T> result = new CompletableFuture<>();
      if (passed(deadline)) {
        result.completeExceptionally(new DeadlineExceededException());
        return result;
      }
      FutureTask<Void> task = new FutureTask<>(() -> {
        attempt(call, deadline, result);
        return null;
      });
      running.set(task);
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(isShutDown()
            ? new IllegalStateException("this user resolver is closed")
            : new OverloadedException());
      }
      return result;
    };
    long remaining = Math.max(0, deadline - System.nanoTime());
    CompletableFuture<T> outcome = retry.executeCompletionStage(scheduler, attempt)
        .toCompletableFuture()
        .orTimeout(remaining, TimeUnit.NANOSECONDS);
    outcome.whenComplete((value, error) -> {
      FutureTask<?> task = running.get();
      if (error != null && task != null) {
        task.cancel(true);
      }
    });
    return outcome;
  }

  private static <T> void attempt(Callable<T> call, long deadline, CompletableFuture<T> result) {
    if (passed(deadline)) {
      result.completeExceptionally(new DeadlineExceededException());
      return;
    }
    try {
      result.complete(call.call());
    } catch (Throwable e) {
      result.completeExceptionally(waitsBeyond(deadline, e)
          ? new WaitBeyondDeadlineException((ResolutionException) e) : e);
    }
  }

  /** Stops the own pool, interrupting running calls; a given executor is left to its owner. */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.shutdownNow();
    }
  }

  private boolean isShutDown() {
    return ownPool != null ? ownPool.isShutdown()
        : executor instanceof ExecutorService service && service.isShutdown();
  }

  static boolean passed(long deadline) {
    return System.nanoTime() - deadline >= 0;
  }

  /** Whether a failure asks to wait past the deadline, so retrying it is pointless. */
  private static boolean waitsBeyond(long deadline, Throwable error) {
    return error instanceof ResolutionException e && e.isTransient()
        && e.retryAfter().isPresent()
        && System.nanoTime() + e.retryAfter().get().toNanos() - deadline >= 0;
  }

  /** Whether a failure is worth another attempt: I/O, timeouts, transient resolution errors. */
  static boolean isTransient(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ResolutionException e) {
      return e.isTransient();
    }
    return cause instanceof IOException || cause instanceof UncheckedIOException
        || cause instanceof TimeoutException;
  }

  /** The failure inside the wrappers {@link CompletableFuture} adds. */
  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A thread factory naming daemon threads {@code prefix-1}, {@code prefix-2}, ... */
  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A single daemon thread for retry delays and the cache clock. */
  static ScheduledExecutorService scheduler() {
    return Executors.newSingleThreadScheduledExecutor(daemonThreads("userresolver-retry"));
  }

  /** No attempt was started because the lookup's deadline had passed; never retried. */
  static final class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadlineExceededException() {
      super("deadline exceeded", null, false, false);
    }
  }

  /** A transient failure whose requested wait ends after the deadline; never retried. */
  static final class WaitBeyondDeadlineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ResolutionException failure;

    WaitBeyondDeadlineException(ResolutionException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }

    ResolutionException failure() {
      return failure;
    }
  }

  /** Every worker is busy and the queue is full; the call was not started. */
  static final class OverloadedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OverloadedException() {
      super("every worker is busy and the queue of waiting calls is full", null, false, false);
    }
  }
}
