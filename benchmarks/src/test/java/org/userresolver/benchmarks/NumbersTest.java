package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class NumbersTest {

  @Test
  void round_keepsFourSignificantDigits() {
    assertEquals(1356.0, Numbers.round(1355.5));
    assertEquals(0.08093, Numbers.round(0.0809349));
    assertEquals(-21.53, Numbers.round(-21.5349));
    assertEquals(129700.0, Numbers.round(129_655.0));
  }

  @Test
  void round_turnsNanAndInfinityIntoZero() {
    assertEquals(0.0, Numbers.round(Double.NaN));
    assertEquals(0.0, Numbers.round(Double.POSITIVE_INFINITY));
  }

  @Test
  void json_roundsEveryDouble_inRecordsAndTrees_andLeavesIntegersAlone() throws
      JsonProcessingException {
    Object report = Map.of("score", new Jmh.Score(21.6123, 3.45678, "us/op"),
        "tree", Numbers.JSON.createObjectNode().put("ratio", 1.13949).put("users", 123_456_789L));

    String json = Numbers.JSON.writeValueAsString(report);

    assertEquals(Map.of("score", Map.of("score", 21.61, "error", 3.457, "unit", "us/op"),
            "tree", Map.of("ratio", 1.139, "users", 123_456_789)),
        Numbers.JSON.readValue(json, Map.class));
  }

  @Test
  void plain_givesWholeNumbersFromAHundred_andNoTrailingZerosBelow() {
    assertEquals("129,700", Numbers.plain(129_700));
    assertEquals("100", Numbers.plain(99.99999));
    assertEquals("21.5", Numbers.plain(21.50));
    assertEquals("0.08093", Numbers.plain(0.0809349));
  }

  @Test
  void percent_hasOneDecimal() {
    assertEquals("36.3%", Numbers.percent(0.36304));
  }

  @Test
  void ratio_andScore_formatTheirErrors() {
    assertEquals("2.41x ± 0.12", Numbers.ratio(Numbers.JSON.valueToTree(
        new Jmh.Ratio(2.4149, 0.1234))));
    assertEquals("21.3 ± 0.4", Numbers.score(Numbers.JSON.valueToTree(
        new Jmh.Score(21.3, 0.4, "ns/op"))));
  }
}
