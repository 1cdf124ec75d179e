package org.userresolver.reliability;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything logged through SLF4J in this test JVM, at every level down to TRACE (the soak's
 * JVM: INFO): slf4j-simple writes it to the file the build names in
 * {@code org.slf4j.simpleLogger.logFile} (see this module's pom).
 */
final class TestLog {

  private TestLog() {}

  /** The log file; fails when the tests run without the build's logging settings. */
  static Path file() {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file == null || file.equals("System.err") || file.equals("System.out")) {
      throw new IllegalStateException("org.slf4j.simpleLogger.logFile names no file: run the "
          + "tests with ./mvnw, whose Surefire and Failsafe settings set it");
    }
    return Path.of(file);
  }

  /** Whether everything is logged, down to trace (all but the soak's JVM). */
  static boolean atTrace() {
    return "trace".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
  }

  /** Where the log ends now, for {@link #since}. */
  static long mark() {
    try {
      return Files.exists(file()) ? Files.size(file()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything logged after a {@link #mark}. */
  static String since(long mark) {
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
