package org.userresolver.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.Settings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The settings options every command that builds a resolution chain shares, as a picocli
 * mixin: {@code --settings FILE} and {@code --set NAME=VALUE}, repeatable.
 *
 * <p>The converters' messages are complete sentences that name the option; the usage error
 * handler prints them as they are. A value that may be a secret is never repeated in them.
 */
final class SettingsOptions {

  @Option(names = "--settings", paramLabel = "FILE", converter = FileConverter.class,
      description = "read settings from a .properties file")
  private Path file;

  @Option(names = "--set", paramLabel = "NAME=VALUE", converter = AssignmentConverter.class,
      description = "set one setting; repeatable, the last one for a name wins")
  private List<Assignment> sets = new ArrayList<>();

  /** Returns the {@code --settings} file, if one was given. */
  Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Returns the {@code --set} values by name, in order; the last one given for a name wins. */
  Map<String, String> sets() {
    Map<String, String> values = new LinkedHashMap<>();
    sets.forEach(set -> values.put(set.name(), set.value()));
    return values;
  }

  /**
   * Reads and validates the settings: the environment, system properties, then these options.
   *
   * @param env the environment variables
   * @return the validated settings
   * @throws CliException when the settings file cannot be read, or a setting is invalid
   */
  Settings load(Map<String, String> env) {
    return SettingsLoader.load(file(), sets(), env);
  }

  /** One {@code --set NAME=VALUE}: the name is trimmed, the value kept as given. */
  record Assignment(String name, String value) {}

  /** Reads {@code --set}: {@code NAME=VALUE}, splitting at the first {@code =}. */
  static final class AssignmentConverter implements ITypeConverter<Assignment> {
    @Override
    public Assignment convert(String assignment) {
      int equals = assignment.indexOf('=');
      if (equals < 0) {
        String shown = Settings.isSecret(assignment) ? "a value (hidden)" : "'" + assignment + "'";
        throw new TypeConversionException("--set needs NAME=VALUE, found " + shown);
      }
      String name = assignment.substring(0, equals).strip();
      if (name.isEmpty()) {
        throw new TypeConversionException("--set needs NAME=VALUE, found no NAME before '='");
      }
      return new Assignment(name, assignment.substring(equals + 1));
    }
  }

  /** Reads {@code --settings}: a file name, not blank. */
  static final class FileConverter implements ITypeConverter<Path> {
    @Override
    public Path convert(String name) {
      if (name.isBlank()) {
        throw new TypeConversionException("--settings needs a FILE, found an empty name");
      }
      try {
        return Path.of(name);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("--settings needs a FILE, found an invalid name: "
            + e.getReason());
      }
    }
  }
}
