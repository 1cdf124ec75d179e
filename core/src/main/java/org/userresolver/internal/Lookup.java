package org.userresolver.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.resilience4j.retry.Retry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Resolution;
import org.userresolver.Resolution.Source;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.UserNotFoundException;
import org.userresolver.UserResolver;
import org.userresolver.internal.Fallbacks.InvalidProfileException;

/**
 * One lookup through the chain, below the cache: the store; when it does not know the user, or
 * holds only a stub with no name (what Amundsen creates for a table owner), the identity
 * provider (retried, within the deadline), then a write of the profile to the store under the
 * requested id and a read of what the store now holds, so the first answer is the one later
 * reads give; the fallback when nothing answers (a stub, when there is one). Every future it
 * returns completes normally, with an {@link Answer}. Thread-safe.
 */
final class Lookup {
  private static final Logger LOG = LoggerFactory.getLogger(ResolutionChain.class);

  private final UserResolver provider;
  private final String providerName;
  private final StoreAccess store;
  private final CallRunner runner;
  private final Retry providerRetry;
  private final ChainMetrics metrics;
  private final Fallbacks fallbacks;
  private final Ticker ticker;
  private final long timeout;
  private final long refresh;
  private final long ttl;
  private final long brief;

  Lookup(UserResolver provider, String providerName, StoreAccess store, CallRunner runner,
      Retry providerRetry, ChainMetrics metrics, Fallbacks fallbacks, Ticker ticker,
      ChainConfig config) {
    this.provider = provider;
    this.providerName = providerName;
    this.store = store;
    this.runner = runner;
    this.providerRetry = providerRetry;
    this.metrics = metrics;
    this.fallbacks = fallbacks;
    this.ticker = ticker;
    this.timeout = config.timeout().toNanos();
    this.ttl = config.cacheTtl().toNanos();
    this.refresh = config.cacheRefresh().toNanos();
    this.brief = Math.min(config.fallbackTtl().toNanos(), ttl);
  }

  /** Store, then provider, then store write; the fallback on any failure. */
  CompletableFuture<Answer> load(String key) {
    long start = System.nanoTime();
    long deadline = start + timeout;
    return store.find(key, storeLookupDeadline(start))
        .exceptionally(error -> {
          LOG.warn("store {} could not look up {}; asking the provider: {}", store.name(), key,
              Fallbacks.describe(error));
          return Optional.empty();
        })
        .thenCompose(found -> fromStore(key, found.orElse(null), deadline))
        .exceptionally(error -> fallbacks.answer(key, error));
  }

  /** {@link #load} for many ids, reading the store once for all of them. */
  CompletableFuture<Map<String, Answer>> loadAll(Collection<String> keys) {
    long start = System.nanoTime();
    long deadline = start + timeout;
    return store.findAll(keys, storeLookupDeadline(start))
        .exceptionally(error -> {
          LOG.warn("store {} could not look up {} users; asking the provider: {}",
              store.name(), keys.size(), Fallbacks.describe(error));
          return Map.of();
        })
        .thenCompose(users -> {
          Map<String, CompletableFuture<Answer>> answers = new LinkedHashMap<>();
          for (String key : keys) {
            answers.put(key, fromStore(key, users.get(key), deadline)
                .exceptionally(error -> fallbacks.answer(key, error)));
          }
          return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
              .thenApply(done -> {
                Map<String, Answer> result = new LinkedHashMap<>();
                answers.forEach((key, answer) -> result.put(key, answer.join()));
                return result;
              });
        });
  }

  /**
   * When the store lookup of a lookup started at {@code start} must have answered: half the
   * deadline, so that a store that hangs, or keeps retrying while its server is down (the Neo4j
   * driver retries for up to {@code NEO4J_MAX_TRANSACTION_RETRY_TIME}), leaves the provider
   * time to answer.
   */
  private long storeLookupDeadline(long start) {
    return start + timeout / 2;
  }

  /**
   * The answer for what the store holds: the profile; the provider's when the store has none,
   * or only a stub with no name (then the stub when the provider cannot help).
   */
  private CompletableFuture<Answer> fromStore(String key, User stored, long deadline) {
    if (stored == null) {
      return fromProvider(key, deadline);
    }
    if (!isStub(stored)) {
      return CompletableFuture.completedFuture(stored(key, stored, ""));
    }
    return fromProvider(key, deadline).handle((answer, error) -> {
      if (error == null) {
        return answer;
      }
      Throwable cause = CallRunner.unwrap(error);
      if (cause instanceof UserNotFoundException) {
        return stored(key, stored, "a stub without a name; provider " + providerName
            + " does not know the user");
      }
      String why = Fallbacks.describe(cause);
      LOG.warn("provider {} could not complete the stub of {} in store {}; answering with the "
          + "stub: {}", providerName, key, store.name(), why);
      return Answer.brief(new Resolution(key, stored, Source.STORE, "a stub without a name; "
          + "provider " + providerName + " failed: " + why), null, ticker.read(), brief);
    });
  }

  /**
   * Whether a stored user is a stub: no first, last or full name, and no display name but the
   * one derived from the email (Amundsen's {@code add_owner} stores just {@code key} and
   * {@code email}).
   */
  static boolean isStub(User user) {
    return user.firstName().isEmpty() && user.lastName().isEmpty() && user.fullName().isEmpty()
        && (user.displayName().isEmpty() || user.displayName().equals(user.email())
            || user.displayName().equals(user.userId()));
  }

  private Answer stored(String key, User user, String detail) {
    return Answer.profile(new Resolution(key, user, Source.STORE, detail), ticker.read(),
        refresh, ttl);
  }

  private CompletableFuture<Answer> fromProvider(String key, long deadline) {
    return runner.run(providerRetry, () -> providerCall(key), deadline)
        .thenCompose(fetched -> {
          User profile = underId(key, fetched);
          return store.write(profile, deadline)
              .thenCompose(written -> storedNow(key, profile, deadline).thenApply(user ->
                  Answer.profile(new Resolution(key, user, Source.PROVIDER, written),
                      ticker.read(), refresh, ttl)))
              .exceptionally(error -> {
                String why = Fallbacks.describe(error);
                metrics.writeFailed();
                LOG.warn("store {} could not save {}; returning the profile anyway: {}",
                    store.name(), key, why);
                return Answer.brief(new Resolution(key, profile, Source.PROVIDER,
                    "store write failed: " + why), null, ticker.read(), brief);
              });
        });
  }

  /**
   * What the store holds now for a profile just written (with what the store adds, such as the
   * manager's name), so the first answer is the one later reads give; the profile itself when
   * there is no store or it cannot be read.
   */
  private CompletableFuture<User> storedNow(String key, User written, long deadline) {
    if (!store.stores()) {
      return CompletableFuture.completedFuture(written);
    }
    return store.find(key, deadline).handle((found, error) -> {
      if (error != null) {
        LOG.debug("store {} could not read {} back after writing it: {}", store.name(), key,
            Fallbacks.describe(error));
        return written;
      }
      return found.orElse(written);
    });
  }

  /** The provider's profile under the requested id (the store's key), as the original hook does. */
  private static User underId(String key, User fetched) {
    return fetched.userId().equals(key) ? fetched : fetched.toBuilder().userId(key).build();
  }

  private User providerCall(String key) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      User user = provider.resolve(key);
      if (user == null) {
        throw ResolutionException.permanentFailure(
            "provider " + providerName + " returned null for " + key);
      }
      outcome = "found";
      return user;
    } catch (UserNotFoundException e) {
      outcome = "not_found";
      throw e;
    } catch (IllegalArgumentException e) {
      // a provider building a profile that fails Amundsen's validation
      throw new InvalidProfileException(e.getMessage());
    } finally {
      metrics.providerCall(outcome, System.nanoTime() - start);
    }
  }
}
