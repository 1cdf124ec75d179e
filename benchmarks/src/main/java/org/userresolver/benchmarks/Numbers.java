package org.userresolver.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;

/** Rounding and formatting of the report's numbers. */
final class Numbers {

  /** The report's JSON: indented, every floating-point number rounded by {@link #round}. */
  static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .addDecorator((factory, generator) -> new JsonGeneratorDelegate(generator, true) {
        @Override
        public void writeNumber(double value) throws IOException {
          super.writeNumber(round(value));
        }
      })
      .build())
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Numbers() {}

  /** Rounds to four significant digits; NaN and infinities become 0. */
  static double round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
      return 0;
    }
    double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(value))));
    return Math.round(value * scale) / scale;
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

  /** Formats a number: from 100 on as a whole number, below with {@link #round}'s digits. */
  static String plain(double value) {
    if (value >= 100) {
      return format("%,.0f", value);
    }
    return BigDecimal.valueOf(round(value)).stripTrailingZeros().toPlainString();
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
