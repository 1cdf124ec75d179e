package org.userresolver.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.userresolver.Settings;

/**
 * Merges the command's settings, each source winning over the ones before: environment
 * variables, system properties, the {@code --settings} file, then {@code --set}. With the real
 * environment this is exactly {@link Settings#fromEnvironment(Map)} with the file and
 * {@code --set} values as overrides; the environment is passed in so tests can replace it.
 */
final class SettingsLoader {

  private SettingsLoader() {}

  /**
   * Reads and validates the settings.
   *
   * @param file the {@code --settings} file, if one was given
   * @param sets the {@code --set} values by name
   * @param env the environment variables
   * @return the validated settings
   * @throws CliException when the settings file cannot be read, or a setting is invalid
   */
  static Settings load(Optional<Path> file, Map<String, String> sets, Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(env);
    System.getProperties().forEach((name, value) -> {
      if (name instanceof String && value instanceof String) {
        merged.put((String) name, (String) value);
      }
    });
    file.ifPresent(path -> merged.putAll(read(path)));
    merged.putAll(sets);
    try {
      return Settings.of(merged);
    } catch (IllegalArgumentException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /** Reads a {@code .properties} file as UTF-8 (which covers ISO-8859-1's ASCII part). */
  static Map<String, String> read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw CliException.failure("cannot read settings file " + file + ": " + reason(file, e));
    } catch (IllegalArgumentException e) {
      throw CliException.failure("invalid settings file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name,
        properties.getProperty(name)));
    return values;
  }

  private static String reason(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (Files.isDirectory(file)) {
      return "it is a directory";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
