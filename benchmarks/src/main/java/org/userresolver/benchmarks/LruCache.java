package org.userresolver.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LRU baseline for hit ratios: a {@link LinkedHashMap} in access order that drops its least
 * recently used entry beyond {@code capacity}. Not thread-safe; replays a trace on one thread.
 */
final class LruCache<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  private final long capacity;

  LruCache(long capacity) {
    super(16, 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
