package org.userresolver.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log of this test run, for tests that check what the library logs (that no secret is
 * ever written, for example): slf4j-simple writes everything to the file the build names in
 * the system property {@code org.slf4j.simpleLogger.logFile}, at the level it names in
 * {@code org.slf4j.simpleLogger.defaultLogLevel}.
 */
public final class TestLog {

  private TestLog() {}

  /**
   * Returns the log file.
   *
   * @return its path
   * @throws IllegalStateException when {@code org.slf4j.simpleLogger.logFile} names no file
   */
  public static Path file() {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file == null || file.equals("System.err") || file.equals("System.out")) {
      throw new IllegalStateException("org.slf4j.simpleLogger.logFile names no file: run the "
          + "tests with ./mvnw, whose Surefire and Failsafe settings set it");
    }
    return Path.of(file);
  }

  /**
   * Returns whether everything is logged, down to trace.
   *
   * @return whether the build's log level is {@code trace}
   */
  public static boolean atTrace() {
    return "trace".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
  }

  /**
   * Returns everything logged so far in this JVM.
   *
   * @return the log file's text
   */
  public static String text() {
    return since(0);
  }

  /**
   * Returns where the log ends now, for {@link #since}.
   *
   * @return the log file's length in bytes
   */
  public static long mark() {
    try {
      return Files.exists(file()) ? Files.size(file()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns everything logged after a {@link #mark}.
   *
   * @param mark where to start, from {@link #mark()}
   * @return the text logged since
   */
  public static String since(long mark) {
    if (!Files.exists(file())) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file().toFile(), "r")) {
      long length = in.length();
      byte[] bytes = new byte[(int) Math.max(0, length - mark)];
      in.seek(Math.min(mark, length));
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
