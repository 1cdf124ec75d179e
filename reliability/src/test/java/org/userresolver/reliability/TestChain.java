package org.userresolver.reliability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.userresolver.Resolution;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * A resolution chain over a provider fixture and a store fixture, as an application builds it
 * (the provider found by name from the settings, the store given to the builder), with its own
 * meter registry, every answer it told its listener, and the store's writes counted.
 */
final class TestChain implements AutoCloseable {
  final UserResolver resolver;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RecordingStore store;
  final List<Resolution> told = Collections.synchronizedList(new ArrayList<>());

  TestChain(ProviderFixture provider, StoreFixture store, Map<String, String> chainSettings) {
    Map<String, String> settings = new HashMap<>(provider.settings());
    settings.putAll(store.settings());
    settings.putAll(chainSettings);
    this.store = new RecordingStore(store.newStore());
    this.resolver = UserResolvers.builder().settings(Settings.of(settings))
        .store(this.store).meterRegistry(registry).listener(told::add).build();
  }

  @Override
  public void close() {
    resolver.close();
  }
}
