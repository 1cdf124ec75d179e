package org.userresolver.benchmarks;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A Markdown table, built a row at a time: {@code MarkdownTable.of("a", "b").row(1, 2)}. */
final class MarkdownTable {
  private final StringBuilder text = new StringBuilder();
  private final int columns;

  private MarkdownTable(List<?> headers) {
    columns = headers.size();
    line(headers);
    line(Collections.nCopies(columns, "---"));
  }

  /** A table with these column headers. */
  static MarkdownTable of(Object... headers) {
    return new MarkdownTable(List.of(headers));
  }

  /** Adds a row; {@code |} in a cell is escaped. */
  MarkdownTable row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of "
          + columns + " columns: " + Arrays.toString(cells));
    }
    line(Arrays.asList(cells));
    return this;
  }

  private void line(List<?> cells) {
    text.append('|');
    for (Object cell : cells) {
      text.append(' ').append(String.valueOf(cell).replace("|", "\\|")).append(" |");
    }
    text.append('\n');
  }

  /** The table's Markdown, a line per row, ending with a newline. */
  @Override
  public String toString() {
    return text.toString();
  }
}
