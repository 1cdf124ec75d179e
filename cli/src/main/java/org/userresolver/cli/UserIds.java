package org.userresolver.cli;

import java.util.Locale;
import java.util.Optional;
import org.userresolver.Settings;
import org.userresolver.UserResolvers;

/**
 * The resolution chain's rules for user ids ({@link UserResolvers#normalizeId}), applied before
 * anything is resolved so that one bad id stops the whole command.
 */
final class UserIds {

  private static final int SHOWN_LENGTH = 60;

  private UserIds() {}

  /**
   * Returns what is wrong with an id, in the chain's words.
   *
   * @param id the id as given
   * @return the problem, or empty for a valid id
   */
  static Optional<String> problem(String id) {
    try {
      UserResolvers.normalizeId(id, Settings.IdCase.PRESERVE);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Returns the id the chain looks up for a valid id: trimmed, and lower-cased unless the
   * settings preserve case.
   */
  static String normalize(String id, Settings.IdCase idCase) {
    return UserResolvers.normalizeId(id, idCase);
  }

  /**
   * Returns an id as it can be shown in a message: quoted, control characters escaped, long
   * ids shortened.
   */
  static String shown(String id) {
    StringBuilder text = new StringBuilder("\"");
    int end = Math.min(id.length(), SHOWN_LENGTH);
    for (int i = 0; i < end; i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c) || c == '"' || c == '\\') {
        text.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        text.append(c);
      }
    }
    text.append('"');
    if (id.length() > SHOWN_LENGTH) {
      text.append("... (").append(id.length()).append(" characters)");
    }
    return text.toString();
  }
}
