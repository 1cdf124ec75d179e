package org.userresolver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.userresolver.User;
import org.userresolver.UserJson;

/**
 * The rule by which a sync decides that a stored user is unchanged: it compares what a write
 * would send. A write sends only the non-empty fields (and {@code is_active}), so a listed user
 * is unchanged when every non-empty field of the provider's profile, {@code is_active}, and
 * every {@code other_key_values} entry it has, equals the stored one, among the fields the
 * store keeps ({@link org.userresolver.UserStore#keptFields()}). Fields the store adds on read
 * (Neo4j's {@code manager_fullname} from the manager's node, the display name a store without
 * one derives) and stored fields the provider leaves empty never count: writing would not
 * change them. {@code user_id} is the key and is not compared.
 */
final class ProfileDiff {
  private static final String IS_ACTIVE = "is_active";
  private static final String OTHER_KEY_VALUES = "other_key_values";

  private ProfileDiff() {}

  /**
   * Returns the {@code UserSchema} keys whose values a write of {@code listed} would change in
   * {@code stored}, in schema order; empty when the stored user is unchanged.
   *
   * @param listed the provider's profile
   * @param stored what the store holds under the same id
   * @param kept the keys the store keeps
   * @return the keys that differ
   */
  static List<String> changes(User listed, User stored, Set<String> kept) {
    Map<String, Object> update = UserJson.toMap(listed);
    Map<String, Object> held = UserJson.toMap(stored);
    List<String> changed = new ArrayList<>();
    for (String key : UserJson.KEYS) {
      if (key.equals("user_id") || !kept.contains(key)) {
        continue;
      }
      Object value = update.get(key);
      boolean differs;
      if (key.equals(IS_ACTIVE)) {
        differs = listed.isActive() != stored.isActive();
      } else if (key.equals(OTHER_KEY_VALUES)) {
        differs = listed.otherKeyValues().entrySet().stream()
            .anyMatch(entry -> !entry.getValue().isEmpty()
                && !entry.getValue().equals(stored.otherKeyValues().get(entry.getKey())));
      } else {
        differs = value instanceof String text && !text.isEmpty()
            && !Objects.equals(text, held.get(key));
      }
      if (differs) {
        changed.add(key);
      }
    }
    return changed;
  }
}
