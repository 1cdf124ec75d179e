package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ArgumentParserTest {

  @Test
  void parse_readsResolveOptions_beforeBetweenAndAfterIds() {
    Arguments arguments = ArgumentParser.parse("resolve", "a@x.com", "--explain",
        "--settings", "s.properties", "b@x.com", "--set", "A=1", "--set=B=2=3");

    assertEquals(Arguments.Action.RUN, arguments.action());
    assertEquals(Command.RESOLVE, arguments.command());
    assertEquals(List.of("a@x.com", "b@x.com"), arguments.ids());
    assertTrue(arguments.explain());
    assertEquals(Optional.of(Path.of("s.properties")), arguments.settingsPath());
    assertEquals(Map.of("A", "1", "B", "2=3"), arguments.sets());
  }

  @Test
  void parse_acceptsInlineSettingsFile_andEmptySetValue() {
    Arguments arguments = ArgumentParser.parse("check", "--settings=x.properties",
        "--set", "USER_RESOLVER_STORE=");

    assertEquals(Optional.of(Path.of("x.properties")), arguments.settingsPath());
    assertEquals(Map.of("USER_RESOLVER_STORE", ""), arguments.sets());
  }

  @Test
  void parse_letsTheLastSetWin_forOneName() {
    Arguments arguments = ArgumentParser.parse("check", "--set", "A=1", "--set", "A=2");

    assertEquals(Map.of("A", "2"), arguments.sets());
  }

  @Test
  void parse_treatsEverythingAfterDoubleDash_asIds() {
    Arguments arguments = ArgumentParser.parse("resolve", "--", "--explain", "-h", "-");

    assertEquals(List.of("--explain", "-h", "-"), arguments.ids());
    assertEquals(false, arguments.explain());
    assertEquals(Arguments.Action.RUN, arguments.action());
  }

  @Test
  void parse_keepsDash_asTheStdinId() {
    Arguments arguments = ArgumentParser.parse("resolve", "a@x.com", "-");

    assertEquals(List.of("a@x.com", "-"), arguments.ids());
  }

  @Test
  void parse_returnsHelp_forTopLevelAndCommandFlags() {
    assertEquals(Arguments.Action.TOP_HELP, ArgumentParser.parse("--help", "bogus").action());
    assertEquals(Arguments.Action.TOP_HELP, ArgumentParser.parse("-h").action());
    Arguments help = ArgumentParser.parse("check", "--set", "oops", "--help");
    assertEquals(Arguments.Action.COMMAND_HELP, help.action());
    assertEquals(Command.CHECK, help.command());
    assertEquals(Arguments.Action.VERSION, ArgumentParser.parse("--version").action());
  }

  @Test
  void parse_rejectsMissingOptionValues() {
    assertUsage(Command.RESOLVE, "--settings needs a FILE", "resolve", "a@x.com", "--settings");
    assertUsage(Command.CHECK, "--set needs NAME=VALUE", "check", "--set");
    assertUsage(Command.CHECK, "--settings needs a FILE, found an empty name",
        "check", "--settings=");
  }

  @Test
  void parse_rejectsSetWithoutNameOrEquals() {
    assertUsage(Command.CHECK, "--set needs NAME=VALUE, found 'A'", "check", "--set", "A");
    assertUsage(Command.CHECK, "--set needs NAME=VALUE, found no NAME before '='",
        "check", "--set", " =1");
  }

  @Test
  void parse_rejectsRepeatedSettingsAndStdin() {
    assertUsage(Command.CHECK, "--settings may be given once",
        "check", "--settings", "a", "--settings", "b");
    assertUsage(Command.RESOLVE, "- (standard input) may be given once", "resolve", "-", "-");
  }

  @Test
  void parse_rejectsExplain_withAValue_orOnCheck() {
    assertUsage(Command.RESOLVE, "--explain takes no value, found '--explain=yes'",
        "resolve", "--explain=yes", "a@x.com");
    assertUsage(Command.CHECK, "unknown option for check: --explain", "check", "--explain");
  }

  @Test
  void parse_rejectsUnknownCommandsAndOptions() {
    assertUsage(null, "missing command");
    assertUsage(null, "unknown command: lookup", "lookup");
    assertUsage(null, "unknown option: -x", "-x", "resolve");
    assertUsage(null, "--version takes no arguments, found 'resolve'", "--version", "resolve");
    assertUsage(Command.RESOLVE, "unknown option for resolve: -x", "resolve", "-x", "a@x.com");
  }

  @Test
  void parse_rejectsResolveWithoutIds_andCheckWithArguments() {
    assertUsage(Command.RESOLVE,
        "resolve needs at least one user id, or - to read them from standard input",
        "resolve", "--explain");
    assertUsage(Command.CHECK, "check takes no arguments, found 'a@x.com'", "check", "a@x.com");
  }

  private static void assertUsage(Command command, String message, String... args) {
    UsageException e = assertThrows(UsageException.class, () -> ArgumentParser.parse(args));
    assertEquals(message, e.getMessage());
    assertEquals(Optional.ofNullable(command), e.command());
    assertEquals(ExitCode.USAGE, e.exitCode());
  }
}
