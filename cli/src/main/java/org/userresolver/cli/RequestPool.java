package org.userresolver.cli;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor {@code serve}'s HTTP server hands each request to: a bounded pool of workers
 * and a bounded queue, never an unbounded backlog.
 *
 * <p>The JDK server reads a request on the executor's thread, so a request the pool cannot
 * take is still read and answered: by one shedding thread (with a small queue of its own) that
 * answers 503 at once. Only when that queue is full too is the connection closed unanswered.
 * Each request carries its {@link Admission}: when it arrived, whether it was shed, whether
 * the server was draining. Requests in flight (arrived, not yet answered) are counted, so a
 * shutdown can wait for them. Thread-safe.
 */
final class RequestPool implements Executor {

  /**
   * How a request was admitted.
   *
   * @param arrivedNanos {@link System#nanoTime()} when the server handed it over
   * @param shed whether the pool was full, so it must be answered 503 at once
   * @param draining whether it arrived after the shutdown began
   */
  record Admission(long arrivedNanos, boolean shed, boolean draining) {}

  private static final ThreadLocal<Admission> CURRENT = new ThreadLocal<>();
  private static final int SHED_QUEUE = 256;

  private final int workers;
  private final int queue;
  private final ThreadPoolExecutor pool;
  private final ThreadPoolExecutor shedder;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  /**
   * Creates the pool.
   *
   * @param workers requests answered at once, at least 1
   * @param queue requests waiting beyond those, at least 0
   */
  RequestPool(int workers, int queue) {
    this.workers = workers;
    this.queue = queue;
    BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>()
        : new ArrayBlockingQueue<>(queue);
    this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, waiting,
        threads("user-resolver-http-"));
    this.shedder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(SHED_QUEUE), threads("user-resolver-http-shed-"));
  }

  /**
   * Returns the admission of the request the calling thread is answering.
   *
   * @return the admission; a fresh one when the thread is not one of this pool's
   */
  static Admission current() {
    Admission admission = CURRENT.get();
    return admission != null ? admission : new Admission(System.nanoTime(), false, false);
  }

  /**
   * Takes one request from the HTTP server.
   *
   * @throws RejectedExecutionException when the workers, their queue and the shedding queue
   *     are all full (the server then closes the connection)
   */
  @Override
  public void execute(Runnable request) {
    long arrived = System.nanoTime();
    boolean lateArrival = draining;
    inFlight.incrementAndGet();
    try {
      pool.execute(() -> run(request, new Admission(arrived, false, lateArrival)));
    } catch (RejectedExecutionException full) {
      try {
        shedder.execute(() -> run(request, new Admission(arrived, true, lateArrival)));
      } catch (RejectedExecutionException alsoFull) {
        finished();
        throw alsoFull;
      }
    }
  }

  private void run(Runnable request, Admission admission) {
    CURRENT.set(admission);
    try {
      request.run();
    } finally {
      CURRENT.remove();
      finished();
    }
  }

  private void finished() {
    if (inFlight.decrementAndGet() == 0 && draining) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /** Returns the 503 message of a shed request. */
  String overloadMessage() {
    return "overloaded: " + workers + " requests are being answered and " + queue
        + " are waiting; retry after " + Reply.RETRY_AFTER_SECONDS + " s";
  }

  /** Tells whether the shutdown has begun. */
  boolean draining() {
    return draining;
  }

  /**
   * Begins the shutdown: requests arriving from now on are answered 503 (with
   * {@code Connection: close}), and waits until those that arrived before are answered.
   *
   * @param grace the longest wait
   * @return whether every request in flight was answered within it
   * @throws InterruptedException when interrupted while waiting
   */
  boolean drain(Duration grace) throws InterruptedException {
    draining = true;
    long end = System.nanoTime() + grace.toNanos();
    synchronized (idle) {
      for (long left = grace.toNanos(); inFlight.get() > 0 && left > 0;
          left = end - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return inFlight.get() == 0;
  }

  /** Returns the requests that arrived and are not yet answered. */
  int inFlight() {
    return inFlight.get();
  }

  /** Stops the threads; a request still running is interrupted. */
  void shutdown() {
    pool.shutdownNow();
    shedder.shutdownNow();
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
