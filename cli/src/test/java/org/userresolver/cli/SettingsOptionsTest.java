package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The shared {@code --settings} and {@code --set} options, parsed on their own. */
final class SettingsOptionsTest {

  private static SettingsOptions parse(String... args) {
    SettingsOptions options = new SettingsOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void set_splitsAtTheFirstEquals_trimsTheName_andKeepsTheValue() {
    SettingsOptions options = parse("--set", "A=1", "--set= B =2=3 ", "--set", "C=");

    assertEquals(Map.of("A", "1", "B", "2=3 ", "C", ""), options.sets());
  }

  @Test
  void set_keepsTheOrderOfNames_andTheLastValueOfEach() {
    SettingsOptions options = parse("--set", "B=1", "--set", "A=1", "--set", "B=2");

    assertEquals(List.of("B", "A"), List.copyOf(options.sets().keySet()));
    assertEquals(Map.of("A", "1", "B", "2"), options.sets());
  }

  @Test
  void settings_isOptional_andReadAsAPath() {
    assertEquals(Optional.empty(), parse().file());
    assertEquals(Optional.of(Path.of("x.properties")), parse("--settings=x.properties").file());
    assertEquals(Map.of(), parse().sets());
  }

  @Test
  void converters_sayWhatIsWrong_inTheirOwnWords() {
    ParameterException e = assertThrows(ParameterException.class, () -> parse("--set", "A"));

    assertEquals("--set needs NAME=VALUE, found 'A'", e.getCause().getMessage());
    e = assertThrows(ParameterException.class, () -> parse("--settings", "a\u0000b"));
    assertEquals("--settings needs a FILE, found an invalid name: Nul character not allowed",
        e.getCause().getMessage());
  }
}
