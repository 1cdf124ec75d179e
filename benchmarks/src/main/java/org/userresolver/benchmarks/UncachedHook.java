package org.userresolver.benchmarks;

import java.util.Optional;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;

/**
 * The original Python hook of Amundsen's OIDC guide ({@code get_user_details}), ported as is:
 * no cache, no single flight, no retry. Every call asks the store; a user the store does not
 * know is fetched from the provider and written; any failure answers the minimal profile.
 * The baseline the cached chain is compared with.
 */
final class UncachedHook implements UserResolver {
  private final UserResolver provider;
  private final UserStore store;

  UncachedHook(UserResolver provider, UserStore store) {
    this.provider = provider;
    this.store = store;
  }

  @Override
  public User resolve(String userId) {
    try {
      Optional<User> known = store.find(userId);
      if (known.isPresent()) {
        return known.get();
      }
      User fetched = provider.resolve(userId);
      store.createOrUpdate(fetched);
      return fetched;
    } catch (RuntimeException e) {
      return User.minimal(userId);
    }
  }

  @Override
  public void close() {
    provider.close();
    store.close();
  }
}
