package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class MarkdownTableTest {

  @Test
  void toString_givesTheHeaderTheRuleAndARowPerLine() {
    String table = MarkdownTable.of("size", "hit ratio").row(500, "36.3%").row("1,000", 0.4)
        .toString();

    assertEquals("| size | hit ratio |\n| --- | --- |\n| 500 | 36.3% |\n| 1,000 | 0.4 |\n",
        table);
  }

  @Test
  void row_escapesPipes() {
    assertEquals("| a |\n| --- |\n| x \\| y |\n", MarkdownTable.of("a").row("x | y").toString());
  }

  @Test
  void row_rejectsAWrongNumberOfCells() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MarkdownTable.of("a", "b").row("only one"));

    assertEquals("a row of 1 cells in a table of 2 columns: [only one]", e.getMessage());
  }
}
