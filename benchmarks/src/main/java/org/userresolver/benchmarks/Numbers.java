package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Rounding, ratios with propagated errors, and formatting for the report. */
final class Numbers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Numbers() {}

  /** Rounds to four significant digits; NaN and infinities become 0. */
  static double round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
      return 0;
    }
    double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(value))));
    return Math.round(value * scale) / scale;
  }

  /**
   * Returns {@code {ratio, error}} of two scores {@code {score, error}}: the ratio of the scores
   * and its error from the relative errors added in quadrature.
   */
  static ObjectNode ratio(JsonNode numerator, JsonNode denominator) {
    double a = numerator.path("score").asDouble();
    double b = denominator.path("score").asDouble();
    double ea = numerator.path("error").asDouble();
    double eb = denominator.path("error").asDouble();
    double ratio = a / b;
    double error = ratio * Math.sqrt(Math.pow(ea / a, 2) + Math.pow(eb / b, 2));
    return JSON.createObjectNode().put("ratio", round(ratio)).put("error", round(error));
  }

  /** Formats a ratio node as {@code 2.41x ± 0.12}. */
  static String ratio(JsonNode ratio) {
    return format("%.2fx ± %.2f", ratio.path("ratio").asDouble(), ratio.path("error").asDouble());
  }

  /** Formats a score node as {@code 21.3 ± 0.4}. */
  static String score(JsonNode score) {
    return format("%s ± %s", plain(score.path("score").asDouble()),
        plain(score.path("error").asDouble()));
  }

  /** Formats a number with at most three decimals and no trailing zeros. */
  static String plain(double value) {
    if (value >= 100) {
      return format("%,.0f", value);
    }
    return java.math.BigDecimal.valueOf(round(value)).stripTrailingZeros().toPlainString();
  }

  /** Formats a share as a percentage with one decimal. */
  static String percent(double share) {
    return format("%.1f%%", share * 100);
  }

  /** {@link String#format} in the root locale. */
  static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
