package org.userresolver.reliability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.userresolver.cli.Main;

/** Runs the {@code user-resolver} command in this JVM ({@link Main#run}), streams captured. */
final class Cli {

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }

    /** Both streams, for searches. */
    String all() {
      return out + "\n" + err;
    }
  }

  private Cli() {}

  static Result run(Map<String, String> env, String... args) {
    return run(env, new byte[0], args);
  }

  static Result run(Map<String, String> env, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
