package org.userresolver.internal;

import java.util.Locale;

/**
 * The rules for user ids: what the chain accepts and how it normalises it. An id is trimmed,
 * and lower-cased unless ids preserve case; null, blank, longer than {@value #MAX_LENGTH}
 * characters, or holding a control character or an unpaired surrogate (text that is not valid
 * UTF-16, which no provider could be sent literally) is rejected with a message saying which.
 */
public final class UserIds {

  /** The longest user id accepted, in characters (the longest valid email address). */
  public static final int MAX_LENGTH = 320;

  private UserIds() {}

  /**
   * Returns an id as the chain looks it up.
   *
   * @param userId the id as given
   * @param lowerCase whether to lower-case it
   * @return the normalised id
   * @throws IllegalArgumentException naming the problem with the id
   */
  public static String normalize(String userId, boolean lowerCase) {
    if (userId == null) {
      throw new IllegalArgumentException("user id must not be null");
    }
    int length = userId.length();
    if (length > 0 && length <= MAX_LENGTH && isNormal(userId, lowerCase)) {
      return userId;
    }
    String id = userId.strip();
    if (id.isEmpty()) {
      throw new IllegalArgumentException("user id must not be blank");
    }
    if (id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("user id is " + id.length()
          + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "user id contains the control character U+%04X at index %d", (int) c, i));
      }
      if (Character.isHighSurrogate(c) && i + 1 < id.length()
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "user id contains the unpaired surrogate U+%04X at index %d (not valid UTF-16)",
            (int) c, i));
      }
    }
    return lowerCase ? id.toLowerCase(Locale.ROOT) : id;
  }

  /**
   * Tells, in one pass, whether an id is already normalised: printable ASCII with no space at
   * either end and, when lower-casing, no upper-case letter. Other ids take the full path.
   */
  private static boolean isNormal(String id, boolean lowerCase) {
    if (id.charAt(0) == ' ' || id.charAt(id.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < ' ' || c > '~' || (lowerCase && c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }
}
