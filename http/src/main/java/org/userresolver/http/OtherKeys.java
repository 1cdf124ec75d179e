package org.userresolver.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.userresolver.User;

/**
 * The selection of a user's attributes a provider copies into {@code other_key_values}, from
 * a setting such as {@code OKTA_OTHER_KEYS}: the attributes named, or {@value #ALL} for every
 * attribute the provider does not map to a named field. Values are the attribute's
 * {@link ProfileMapping#texts texts} joined with {@code ", "}; empty ones are left out. Immutable and
 * thread-safe.
 */
public final class OtherKeys {
  /** The name that copies every attribute not mapped to a named field. */
  public static final String ALL = "*";

  private static final OtherKeys NONE = new OtherKeys(Set.of());

  private final Set<String> names;

  private OtherKeys(Set<String> names) {
    this.names = names;
  }

  /**
   * Returns the attributes to copy.
   *
   * @param names attribute names, as {@code Settings.Parser.list} reads them; {@value #ALL}
   *     for every unmapped one
   * @return the selection
   */
  public static OtherKeys of(Collection<String> names) {
    Objects.requireNonNull(names, "names");
    return names.isEmpty() ? NONE : new OtherKeys(Set.copyOf(new LinkedHashSet<>(names)));
  }

  /**
   * Returns the selection that copies nothing.
   *
   * @return no attributes
   */
  public static OtherKeys none() {
    return NONE;
  }

  /** Whether an attribute is copied: named, or unmapped while {@value #ALL} is set. */
  boolean wants(String attribute, Set<String> mapped) {
    return names.contains(attribute) || (names.contains(ALL) && !mapped.contains(attribute));
  }

  /**
   * Copies the wanted members of a JSON object into the profile's {@code other_key_values}.
   *
   * @param attributes the user's attributes, a JSON object (anything else copies nothing)
   * @param mapped the attributes the provider maps to named fields
   * @param builder the profile being built
   */
  public void copy(JsonNode attributes, Set<String> mapped, User.Builder builder) {
    if (names.isEmpty()) {
      return;
    }
    for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
      if (wants(attribute.getKey(), mapped)) {
        String value = ProfileMapping.joined(attribute.getValue());
        if (!value.isEmpty()) {
          builder.otherKeyValue(attribute.getKey(), value);
        }
      }
    }
  }

  /** Shows the names, sorted. */
  @Override
  public String toString() {
    return new TreeSet<>(names).toString();
  }
}
