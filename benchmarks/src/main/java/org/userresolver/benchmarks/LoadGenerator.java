package org.userresolver.benchmarks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 load generator with nothing to install: one thread per connection, each a
 * keep-alive socket sending one {@code GET} after the other and reading each response in full
 * (status line, headers, {@code Content-Length} body). Every request's latency is recorded
 * (send to last byte), and percentiles are read from the sorted latencies. A request that fails
 * (an I/O error, a status other than 200, a body of another size than the first) counts as an
 * error, and its connection is opened again.
 */
final class LoadGenerator {

  /**
   * What one run measured.
   *
   * @param connections keep-alive connections, one thread each
   * @param seconds the measured time
   * @param requests requests answered 200 within it
   * @param errors requests that failed within it
   * @param requestsPerSecond requests / seconds
   * @param p50Micros median latency
   * @param p99Micros 99th percentile latency
   * @param maxMicros the slowest request
   * @param bodyBytes the size of the bodies
   */
  record Result(int connections, double seconds, long requests, long errors,
      double requestsPerSecond, double p50Micros, double p99Micros, double maxMicros,
      long bodyBytes) {}

  private final InetSocketAddress address;
  private final byte[] request;

  /**
   * Creates a generator for one URL.
   *
   * @param address the server
   * @param path the path and query to request
   */
  LoadGenerator(InetSocketAddress address, String path) {
    this.address = address;
    this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
        + address.getPort() + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Runs the load: {@code warmup} unrecorded, then {@code measure} recorded.
   *
   * @param connections connections, one thread each
   * @param warmup how long to run before recording
   * @param measure how long to record
   * @return the measurement
   * @throws InterruptedException when interrupted while waiting for the threads
   */
  Result run(int connections, Duration warmup, Duration measure) throws InterruptedException {
    long start = System.nanoTime() + warmup.toNanos();
    long end = start + measure.toNanos();
    AtomicLong bodyBytes = new AtomicLong(-1);
    List<Connection> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Connection worker = new Connection(start, end, bodyBytes);
      workers.add(worker);
      Thread thread = new Thread(worker, "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long errors = 0;
    int count = 0;
    for (Connection worker : workers) {
      errors += worker.errors;
      count += worker.count;
    }
    long[] latencies = new long[count];
    int at = 0;
    for (Connection worker : workers) {
      System.arraycopy(worker.latencies, 0, latencies, at, worker.count);
      at += worker.count;
    }
    Arrays.sort(latencies);
    double seconds = measure.toNanos() / 1e9;
    return new Result(connections, seconds, count, errors, count / seconds,
        percentile(latencies, 0.50), percentile(latencies, 0.99),
        count == 0 ? 0 : latencies[count - 1] / 1e3, bodyBytes.get());
  }

  /** The latency at a quantile of sorted nanosecond latencies, in microseconds. */
  static double percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
  }

  /** One keep-alive connection and its thread. */
  private final class Connection implements Runnable {
    private final long start;
    private final long end;
    private final AtomicLong bodyBytes;
    private long[] latencies = new long[1 << 14];
    private int count;
    private long errors;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Connection(long start, long end, AtomicLong bodyBytes) {
      this.start = start;
      this.end = end;
      this.bodyBytes = bodyBytes;
    }

    @Override
    public void run() {
      try {
        for (long sent = System.nanoTime(); sent - end < 0; sent = System.nanoTime()) {
          boolean ok = exchange();
          long now = System.nanoTime();
          if (sent - start >= 0 && now - end < 0) {
            if (ok) {
              record(now - sent);
            } else {
              errors++;
            }
          }
        }
      } finally {
        close();
      }
    }

    private boolean exchange() {
      try {
        if (socket == null) {
          socket = new Socket();
          socket.setTcpNoDelay(true);
          socket.connect(address, 5_000);
          socket.setSoTimeout(30_000);
          in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
          out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        return readResponse();
      } catch (IOException e) {
        close();
        return false;
      }
    }

    private boolean readResponse() throws IOException {
      String status = line();
      long length = -1;
      for (String header = line(); !header.isEmpty(); header = line()) {
        if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
          length = Long.parseLong(header.substring(15).trim());
        }
      }
      if (length < 0) {
        close();
        return false;
      }
      for (long left = length; left > 0; ) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException("body ended early");
          }
          skipped = 1;
        }
        left -= skipped;
      }
      bodyBytes.compareAndSet(-1, length);
      return status.startsWith("HTTP/1.1 200 ") && length == bodyBytes.get();
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    private void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing after a failure; nothing more to do
        }
      }
      socket = null;
    }
  }
}
