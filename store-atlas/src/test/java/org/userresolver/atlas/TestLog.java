package org.userresolver.atlas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The debug log of this test run: slf4j-simple writes everything the library logs to the file
 * the build names in {@code org.slf4j.simpleLogger.logFile}.
 */
final class TestLog {

  private TestLog() {}

  /** Everything logged so far in this JVM. */
  static String text() {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file == null || file.equals("System.err") || file.equals("System.out")) {
      throw new IllegalStateException("org.slf4j.simpleLogger.logFile names no file: run the "
          + "tests with ./mvnw, whose Surefire settings set it");
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
