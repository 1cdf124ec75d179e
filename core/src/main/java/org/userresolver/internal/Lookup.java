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
 * One lookup through the chain, below the cache: the store; when it does not know the user,
 * the identity provider (retried, within the deadline) and then a write of the profile to the
 * store under the requested id; the fallback when nothing answers. Every future it returns
 * completes normally, with an {@link Answer}. Thread-safe.
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
    long deadline = System.nanoTime() + timeout;
    return store.find(key, deadline)
        .exceptionally(error -> {
          LOG.warn("store {} could not look up {}; asking the provider: {}", store.name(), key,
              Fallbacks.describe(error));
          return Optional.empty();
        })
        .thenCompose(found -> found.isPresent()
            ? CompletableFuture.completedFuture(stored(key, found.get()))
            : fromProvider(key, deadline))
        .exceptionally(error -> fallbacks.answer(key, error));
  }

  /** {@link #load} for many ids, reading the store once for all of them. */
  CompletableFuture<Map<String, Answer>> loadAll(Collection<String> keys) {
    long deadline = System.nanoTime() + timeout;
    return store.findAll(keys, deadline)
        .exceptionally(error -> {
          LOG.warn("store {} could not look up {} users; asking the provider: {}",
              store.name(), keys.size(), Fallbacks.describe(error));
          return Map.of();
        })
        .thenCompose(users -> {
          Map<String, CompletableFuture<Answer>> answers = new LinkedHashMap<>();
          for (String key : keys) {
            User user = users.get(key);
            answers.put(key, user != null
                ? CompletableFuture.completedFuture(stored(key, user))
                : fromProvider(key, deadline).exceptionally(error -> fallbacks.answer(key, error)));
          }
          return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
              .thenApply(done -> {
                Map<String, Answer> result = new LinkedHashMap<>();
                answers.forEach((key, answer) -> result.put(key, answer.join()));
                return result;
              });
        });
  }

  private Answer stored(String key, User user) {
    return Answer.profile(new Resolution(key, user, Source.STORE, ""), ticker.read(), refresh,
        ttl);
  }

  private CompletableFuture<Answer> fromProvider(String key, long deadline) {
    return runner.run(providerRetry, () -> providerCall(key), deadline)
        .thenCompose(fetched -> {
          User profile = underId(key, fetched);
          return store.write(profile, deadline).handle((detail, error) -> {
            Resolution resolution = new Resolution(key, profile, Source.PROVIDER,
                error == null ? detail : "store write failed: " + Fallbacks.describe(error));
            if (error == null) {
              return Answer.profile(resolution, ticker.read(), refresh, ttl);
            }
            metrics.writeFailed();
            LOG.warn("store {} could not save {}; returning the profile anyway: {}",
                store.name(), key, Fallbacks.describe(error));
            return Answer.brief(resolution, null, ticker.read(), brief);
          });
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
