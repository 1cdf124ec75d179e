package org.userresolver.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log of this test run, for tests that check what the library logs (that no secret is
 * ever written, for example): slf4j-simple writes everything to the file the build names in
 * the system property {@code org.slf4j.simpleLogger.logFile}.
 */
public final class TestLog {

  private TestLog() {}

  /**
   * Returns everything logged so far in this JVM.
   *
   * @return the log file's text
   * @throws IllegalStateException when {@code org.slf4j.simpleLogger.logFile} names no file
   */
  public static String text() {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file == null || file.equals("System.err") || file.equals("System.out")) {
      throw new IllegalStateException("org.slf4j.simpleLogger.logFile names no file: run the "
          + "tests with ./mvnw, whose Surefire and Failsafe settings set it");
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
