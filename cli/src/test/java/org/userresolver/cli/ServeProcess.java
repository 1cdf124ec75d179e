package org.userresolver.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code user-resolver serve} from the real shaded jar in a JVM of its own, with the test
 * classes (the test providers) on the class path, run from the repository root; started on a
 * free port, which is read from the line it prints.
 */
final class ServeProcess implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("cli.jar"));
  static final Path REPO = Path.of(System.getProperty("cli.repoRoot")).toAbsolutePath()
      .normalize();
  private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();

  final Process process;
  final String announced;
  final URI base;
  private final Path err;

  private ServeProcess(Process process, String announced, Path err) {
    this.process = process;
    this.announced = announced;
    this.base = URI.create(announced.substring(announced.indexOf("http://")));
    this.err = err;
  }

  /**
   * Starts {@code serve --port 0} with these environment variables and extra arguments, and
   * waits (at most 60 s) for the line that says where it listens.
   */
  static ServeProcess start(Path dir, Map<String, String> env, String... args) {
    return start(dir, env, List.of(), args);
  }

  /** As {@link #start(Path, Map, String...)}, with options for the JVM. */
  static ServeProcess start(Path dir, Map<String, String> env, List<String> jvm,
      String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvm);
    command.addAll(List.of("-cp", JAR + java.io.File.pathSeparator + TEST_CLASSES,
        Main.class.getName(), "serve", "--port", "0"));
    command.addAll(List.of(args));
    try {
      Path err = Files.createTempFile(dir, "serve-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
          .redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("USER_RESOLVER_")
          || name.startsWith("FLASK_OIDC_") || name.equals("PROXY_CLIENT"));
      builder.environment().putAll(env);
      Process process = builder.start();
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).completeOnTimeout(null, 60, TimeUnit.SECONDS).join();
      if (line == null || !line.contains("listening on http://")) {
        process.destroyForcibly();
        throw new IllegalStateException("serve did not start: " + line + "\n"
            + Files.readString(err));
      }
      return new ServeProcess(process, line, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  /** Sends SIGTERM and waits (at most 60 s) for the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("serve did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
  }
}
