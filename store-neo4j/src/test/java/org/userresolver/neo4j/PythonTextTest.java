package org.userresolver.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are Python 3's own {@code str()} of the same values. */
final class PythonTextTest {

  @Test
  void text_isItself() {
    assertEquals("it's \"quoted\"\n", PythonText.str("it's \"quoted\"\n"));
  }

  @Test
  void booleans_areCapitalised() {
    assertEquals("True", PythonText.str(true));
    assertEquals("False", PythonText.str(false));
  }

  @Test
  void integers_areTheirDigits() {
    assertEquals("42", PythonText.str(42L));
    assertEquals("-7", PythonText.str(-7L));
    assertEquals("9223372036854775807", PythonText.str(Long.MAX_VALUE));
  }

  @Test
  void floats_arePythonsShortestRepr() {
    Map<Double, String> expected = new LinkedHashMap<>();
    expected.put(1.5, "1.5");
    expected.put(100.0, "100.0");
    expected.put(0.1, "0.1");
    expected.put(1e20, "1e+20");
    expected.put(1e16, "1e+16");
    expected.put(1e15, "1000000000000000.0");
    expected.put(123456789012345678.0, "1.2345678901234568e+17");
    expected.put(0.0001, "0.0001");
    expected.put(0.00001, "1e-05");
    expected.put(5e-5, "5e-05");
    expected.put(1e-7, "1e-07");
    expected.put(1.0 / 3, "0.3333333333333333");
    expected.put(2.0 / 3, "0.6666666666666666");
    expected.put(0.1 + 0.2, "0.30000000000000004");
    expected.put(1.0e-5 * 3, "3.0000000000000004e-05");
    expected.put(Double.MAX_VALUE, "1.7976931348623157e+308");
    expected.put(Double.MIN_VALUE, "5e-324");
    expected.put(Double.MIN_NORMAL, "2.2250738585072014e-308");
    expected.put(-2.5, "-2.5");
    expected.put(0.0, "0.0");
    expected.put(1e22, "1e+22");
    expected.put(1e23, "1e+23");
    expected.put(2e23, "2e+23");
    expected.put(8.41e21, "8.41e+21");
    expected.put(2.82879384806159e17, "2.82879384806159e+17");
    expected.put(9007199254740993.0, "9007199254740992.0");
    expected.put(4.35, "4.35");
    expected.put(123.456, "123.456");
    expected.put(1e100, "1e+100");
    expected.put(Double.POSITIVE_INFINITY, "inf");
    expected.put(Double.NEGATIVE_INFINITY, "-inf");
    expected.put(Double.NaN, "nan");

    expected.forEach((value, text) -> assertEquals(text, PythonText.str(value), text));
    assertEquals("-0.0", PythonText.str(-0.0));
  }

  @Test
  void lists_showTheirElementsAsPythonsRepr() {
    assertEquals("[1, 2]", PythonText.str(List.of(1L, 2L)));
    assertEquals("['a', 'b']", PythonText.str(List.of("a", "b")));
    assertEquals("[True, False]", PythonText.str(List.of(true, false)));
    assertEquals("[1.5, 1e+20]", PythonText.str(List.of(1.5, 1e20)));
    assertEquals("[]", PythonText.str(List.of()));
  }

  @Test
  void textInLists_isQuotedAndEscapedAsPythonDoes() {
    assertEquals("[\"it's\", 'say \"hi\"', 'both \\' and \"']",
        PythonText.str(List.of("it's", "say \"hi\"", "both ' and \"")));
    assertEquals("['tab\\there\\nnew\\\\']", PythonText.str(List.of("tab\there\nnew\\")));
    assertEquals("['\\x00\\x7f\\x80\\xa0\u00e9\u6f22\\u200b\ud83d\ude00\\u2028']",
        PythonText.str(List.of("\u0000\u007f\u0080\u00a0\u00e9\u6f22\u200b\ud83d\ude00\u2028")));
  }
}
