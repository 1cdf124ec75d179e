package org.userresolver.neo4j;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The text Amundsen's metadata service gives a Neo4j property value in {@code other_key_values}:
 * Python's {@code str()} of the value its Neo4j driver returns (marshmallow's string field calls
 * {@code str()}). Booleans are {@code True} / {@code False}, integers their digits, floats
 * Python's shortest round-trip {@code repr} ({@code 1.5}, {@code 100.0}, {@code 1e+20},
 * {@code 1e-05}, {@code inf}, {@code nan}), lists {@code [}elements as Python's {@code repr}
 * shows them{@code ]} ({@code ['a', 'b']}, {@code [1, 2]}, {@code [True]}), text as it is.
 * Other values (dates, times, durations, points, bytes) come as the Java driver prints them,
 * which may differ from Python's.
 */
final class PythonText {

  /** Python's {@code repr} of a float uses exponent notation from this decimal point on. */
  private static final int MAX_FIXED_DECIMAL_POINT = 16;
  /** ...and up to this one (0.0001 is fixed, 0.00001 is {@code 1e-05}). */
  private static final int MIN_FIXED_DECIMAL_POINT = -3;
  /** Seventeen significant digits always round-trip a double. */
  private static final int MAX_DIGITS = 17;

  private PythonText() {}

  /**
   * Returns Python's {@code str()} of a property value.
   *
   * @param value a value as the Neo4j Java driver returns it; not {@code null}
   * @return the text
   */
  static String str(Object value) {
    return value instanceof String text ? text : repr(value);
  }

  /**
   * Returns Python's {@code repr()} of a value: as {@link #str} except that text is quoted and
   * escaped, as it appears inside a list.
   */
  private static String repr(Object value) {
    if (value instanceof String text) {
      return reprText(text);
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float) {
      return reprFloat(((Number) value).doubleValue());
    }
    if (value instanceof Number number) {
      return number.toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(repr(list.get(i)));
      }
      return text.append(']').toString();
    }
    return String.valueOf(value);
  }

  /**
   * Python's {@code repr} of a string: single quotes unless the text holds a single quote and
   * no double quote; backslash escapes for the quote, backslash, tab, newline and carriage
   * return; a backslash, {@code x}, {@code u} or {@code U} and two, four or eight hex digits
   * for characters Python does not print (controls, format characters, separators other than
   * the space, unassigned ones).
   */
  static String reprText(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    text.codePoints().forEach(c -> {
      if (c == quote || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == ' ' || printable(c)) {
        out.appendCodePoint(c);
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", c));
      } else if (c <= 0xffff) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append(String.format("\\U%08x", c));
      }
    });
    return out.append(quote).toString();
  }

  private static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }

  /**
   * Python's {@code repr} of a float: the shortest decimal that reads back as the same double
   * (the closest such when several have that length), in fixed notation with at least one
   * fractional digit when its decimal point falls between -3 and 16, else as
   * {@code d[.ddd]e+XX} or {@code e-XX}.
   */
  static String reprFloat(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
    if (value == 0) {
      return sign + "0.0";
    }
    BigDecimal shortest = shortest(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int point = digits.length() - shortest.scale();
    if (point > MAX_FIXED_DECIMAL_POINT || point < MIN_FIXED_DECIMAL_POINT) {
      int exponent = point - 1;
      return sign + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "")
          + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
          + Math.abs(exponent);
    }
    if (point <= 0) {
      return sign + "0." + "0".repeat(-point) + digits;
    }
    if (point < digits.length()) {
      return sign + digits.substring(0, point) + "." + digits.substring(point);
    }
    return sign + digits + "0".repeat(point - digits.length()) + ".0";
  }

  /** The shortest decimal that parses back to {@code value} (positive, finite), closest first. */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < MAX_DIGITS; precision++) {
      BigDecimal best = null;
      for (RoundingMode mode : List.of(RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
          RoundingMode.CEILING)) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (Double.parseDouble(candidate.toString()) == value && (best == null
            || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
