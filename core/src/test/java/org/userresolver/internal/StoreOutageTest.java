package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Resolution;
import org.userresolver.Resolution.Source;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * A store that does not answer (a server that is down while its driver keeps retrying) must
 * not use up the lookup's deadline: the provider is still asked, and its profile returned
 * within the deadline.
 */
final class StoreOutageTest {
  private final ScriptedProvider provider = new ScriptedProvider();
  private final List<Resolution> answers = new CopyOnWriteArrayList<>();
  private ResolutionChain chain;

  /** Every call blocks until interrupted, as a driver retrying a refused connection does. */
  private static final class HangingStore implements UserStore {
    @Override
    public Optional<User> find(String userId) {
      return hang();
    }

    @Override
    public WriteOutcome createOrUpdate(User user) {
      return hang();
    }

    private static <T> T hang() {
      try {
        Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the store did not answer");
    }
  }

  @AfterEach
  void close() {
    chain.close();
  }

  @Test
  void resolve_returnsTheProvidersProfile_withinTheDeadline_whenTheStoreHangs() {
    provider.knowing("ada@example.com");
    chain = new ResolutionChain(new ResolutionChain.Config(provider, "scripted",
        new HangingStore(), "hanging", ChainConfig.read(Settings.of(Map.of(
            Settings.TIMEOUT, "PT2S", Settings.RETRY_BACKOFF, "PT0.01S"))),
        new SimpleMeterRegistry(), answers::add));

    long start = System.nanoTime();
    User user = chain.resolve("ada@example.com");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(ScriptedProvider.profile("ada@example.com"), user);
    assertEquals(List.of("ada@example.com"), provider.calls);
    assertEquals(Source.PROVIDER, answers.get(0).source());
    assertTrue(answers.get(0).detail().startsWith("store write failed"), answers.toString());
    // the deadline, plus time to answer on a busy 2-core machine
    assertTrue(millis < 2_000 + 1_500, "answered in " + millis + " ms");
  }
}
