package org.userresolver.internal;

import io.github.resilience4j.retry.Retry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * How the chain reaches its store: every call timed and counted, blocking stores called on
 * the worker pool under the retry policy and the lookup's deadline, a store that never blocks
 * called once on the caller's thread. {@link #none()} stands for "no store": it finds nobody
 * and writes nothing.
 */
abstract class StoreAccess implements AutoCloseable {

  /** The "no store" access: finds nobody, writes nothing. */
  static StoreAccess none() {
    return new None();
  }

  /**
   * Access to a store.
   *
   * @param store the store; closed with this access
   * @param name its name, for messages
   * @param runner runs blocking calls
   * @param retry the store's retry policy
   * @param metrics times the calls
   * @return the access
   */
  static StoreAccess of(UserStore store, String name, CallRunner runner, Retry retry,
      ChainMetrics metrics) {
    return new Stored(store, name, runner, retry, metrics);
  }

  /** Looks one user up. */
  abstract CompletableFuture<Optional<User>> find(String key, long deadline);

  /** Looks several users up, in one round trip where the store can. */
  abstract CompletableFuture<Map<String, User>> findAll(Collection<String> keys, long deadline);

  /**
   * Writes a profile; completes with what happened, for the answer's detail ("created in store
   * neo4j"), or the empty string when there is no store.
   */
  abstract CompletableFuture<String> write(User profile, long deadline);

  /** Whether profiles are written anywhere. */
  abstract boolean stores();

  /** The store's name, or {@code none}. */
  abstract String name();

  /** The store's configuration checks. */
  abstract List<Check> checks();

  @Override
  public abstract void close();

  /** No store: profiles come from the provider and are cached, never written. */
  private static final class None extends StoreAccess {
    @Override
    CompletableFuture<Optional<User>> find(String key, long deadline) {
      return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    CompletableFuture<Map<String, User>> findAll(Collection<String> keys, long deadline) {
      return CompletableFuture.completedFuture(Map.of());
    }

    @Override
    CompletableFuture<String> write(User profile, long deadline) {
      return CompletableFuture.completedFuture("");
    }

    @Override
    boolean stores() {
      return false;
    }

    @Override
    String name() {
      return "none";
    }

    @Override
    List<Check> checks() {
      return List.of(new Check("store none", () -> "profiles are cached only, never stored"));
    }

    @Override
    public void close() {}
  }

  /** A real store. */
  private static final class Stored extends StoreAccess {
    private final UserStore store;
    private final String name;
    private final CallRunner runner;
    private final Retry retry;
    private final ChainMetrics metrics;
    private final boolean inline;

    Stored(UserStore store, String name, CallRunner runner, Retry retry, ChainMetrics metrics) {
      this.store = store;
      this.name = name;
      this.runner = runner;
      this.retry = retry;
      this.metrics = metrics;
      this.inline = store.neverBlocks();
    }

    @Override
    CompletableFuture<Optional<User>> find(String key, long deadline) {
      return call("find", () -> store.find(key), deadline);
    }

    @Override
    CompletableFuture<Map<String, User>> findAll(Collection<String> keys, long deadline) {
      List<String> ids = List.copyOf(keys);
      return call("find_all", () -> store.findAll(ids), deadline);
    }

    @Override
    CompletableFuture<String> write(User profile, long deadline) {
      return call("write", () -> store.createOrUpdate(profile), deadline)
          .thenApply(outcome -> (outcome == UserStore.WriteOutcome.CREATED ? "created" : "updated")
              + " in store " + name);
    }

    @Override
    boolean stores() {
      return true;
    }

    @Override
    String name() {
      return name;
    }

    @Override
    List<Check> checks() {
      List<Check> checks = new ArrayList<>(store.checks());
      if (checks.isEmpty()) {
        checks.add(new Check("store " + name, () -> "created"));
      }
      return checks;
    }

    @Override
    public void close() {
      store.close();
    }

    private <T> CompletableFuture<T> call(String operation, Callable<T> call, long deadline) {
      Callable<T> timed = () -> {
        long start = System.nanoTime();
        String outcome = "error";
        try {
          T result = call.call();
          outcome = "success";
          return result;
        } finally {
          metrics.storeCall(operation, outcome, System.nanoTime() - start);
        }
      };
      if (!inline) {
        return runner.run(retry, timed, deadline);
      }
      try {
        return CompletableFuture.completedFuture(timed.call());
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
