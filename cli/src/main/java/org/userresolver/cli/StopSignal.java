package org.userresolver.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGTERM (and SIGINT, where the process has not been told to ignore it) so that
 * {@code serve} can finish the requests in flight, return, and exit 0.
 *
 * <p>The signals are handled with {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * reached reflectively so that no build step warns about it), which replaces the JVM's default
 * of running shutdown hooks and exiting 143. Where SIGTERM
 * cannot be handled that way, a shutdown hook triggers the stop instead and holds the JVM
 * until {@link #stopped()}: the requests still finish, but the exit code is 143.
 */
final class StopSignal {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private StopSignal() {}

  /**
   * Starts listening for the signals.
   *
   * @return the signal to wait for
   */
  static StopSignal install() {
    StopSignal signal = new StopSignal();
    if (!signal.handle("TERM")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        signal.stop.countDown();
        try {
          signal.stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "user-resolver-stop"));
    }
    signal.handle("INT");
    return signal;
  }

  /** Handles one signal; false when it is ignored by the process or reserved by the JVM. */
  private boolean handle(String name) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal = (proxy, method, args) -> switch (method.getName()) {
        case "handle" -> {
          stop.countDown();
          yield null;
        }
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> "user-resolver stop handler";
      };
      Object instance = Proxy.newProxyInstance(handler.getClassLoader(),
          new Class<?>[] {handler}, onSignal);
      signal.getMethod("handle", signal, handler)
          .invoke(null, signal.getConstructor(String.class).newInstance(name), instance);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Blocks until a stop signal arrives.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  void await() throws InterruptedException {
    stop.await();
  }

  /** Says the stop is done, releasing a shutdown hook that waits for it. */
  void stopped() {
    stopped.countDown();
  }
}
