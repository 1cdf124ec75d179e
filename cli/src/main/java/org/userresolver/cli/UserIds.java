package org.userresolver.cli;

import java.util.Locale;
import java.util.Optional;
import org.userresolver.Settings;

/**
 * The resolution chain's rules for user ids, applied before anything is resolved so that one
 * bad id stops the whole command. They mirror the chain's own normalisation (trim; reject
 * blank, over 320 characters, control characters; lower-case unless
 * {@code USER_RESOLVER_ID_CASE=preserve}); a test pins the messages to the chain's.
 */
final class UserIds {

  /** The longest user id the chain accepts, in characters. */
  static final int MAX_LENGTH = 320;

  private static final int SHOWN_LENGTH = 60;

  private UserIds() {}

  /**
   * Returns what is wrong with an id, in the chain's words.
   *
   * @param id the id as given
   * @return the problem, or empty for a valid id
   */
  static Optional<String> problem(String id) {
    String stripped = id.strip();
    if (stripped.isEmpty()) {
      return Optional.of("user id must not be blank");
    }
    if (stripped.length() > MAX_LENGTH) {
      return Optional.of("user id is " + stripped.length() + " characters long; at most "
          + MAX_LENGTH + " are allowed");
    }
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of(String.format(Locale.ROOT,
            "user id contains the control character U+%04X at index %d", (int) c, i));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the id the chain looks up for a valid id: trimmed, and lower-cased unless the
   * settings preserve case.
   */
  static String normalize(String id, Settings.IdCase idCase) {
    String stripped = id.strip();
    return idCase == Settings.IdCase.LOWER ? stripped.toLowerCase(Locale.ROOT) : stripped;
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
