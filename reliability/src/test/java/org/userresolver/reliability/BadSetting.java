package org.userresolver.reliability;

/**
 * A setting value the library must refuse when the resolver is built: with an
 * {@link IllegalArgumentException} that names the setting and shows no secret.
 *
 * @param name the setting
 * @param value its bad value, or {@code null} for "left out" (a required setting)
 */
record BadSetting(String name, String value) {
  @Override
  public String toString() {
    if (value == null) {
      return name + " left out";
    }
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return name + "=" + shown.replaceAll("\\p{Cntrl}", "?");
  }
}
