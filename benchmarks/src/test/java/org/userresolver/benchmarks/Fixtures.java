package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The report the tests render: a run's JSON cut down to a few points per section. */
final class Fixtures {

  private Fixtures() {}

  /** A fresh copy of {@code report.json}, free to change. */
  static ObjectNode report() {
    try (InputStream json = Fixtures.class.getResourceAsStream("/report.json")) {
      return (ObjectNode) Numbers.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
