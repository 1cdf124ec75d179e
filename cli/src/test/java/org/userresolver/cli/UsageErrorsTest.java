package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad usage: exit code 2, nothing on stdout, and on stderr one line that names what was wrong
 * followed by the short usage of the command it concerns. Nothing is resolved, no settings
 * are read.
 */
final class UsageErrorsTest {

  private static final List<String> TOP_USAGE = List.of(
      "Usage: user-resolver [-h | --help] [--version] COMMAND [OPTIONS]",
      "Commands: resolve, check, serve, sync",
      "Run 'user-resolver --help' for more.");
  private static final List<String> RESOLVE_USAGE = List.of(
      "Usage: user-resolver resolve [--explain] [--settings FILE]",
      "                             [--set NAME=VALUE]... ID... | -",
      "Run 'user-resolver resolve --help' for more.");
  private static final List<String> CHECK_USAGE = List.of(
      "Usage: user-resolver check [--settings FILE] [--set NAME=VALUE]...",
      "Run 'user-resolver check --help' for more.");

  /**
   * An environment that would resolve: a usage error must stop the command before it reads
   * settings, even from a provider that is installed.
   */
  private static final Map<String, String> ENV = Map.of("USER_RESOLVER_PROVIDER", "file",
      "USER_RESOLVER_FILE", "no-such-users.json");

  private static void assertUsageError(List<String> usage, String message, String... args) {
    Cli.Result result = Cli.run(ENV, args);

    assertEquals(2, result.code(), List.of(args) + ": " + result.err());
    assertEquals("", result.out(), List.of(args).toString());
    List<String> expected = new java.util.ArrayList<>();
    expected.add("user-resolver: " + message);
    expected.addAll(usage);
    assertEquals(expected, result.errLines(), List.of(args).toString());
  }

  @Test
  void noArguments_isMissingCommand() {
    assertUsageError(TOP_USAGE, "missing command");
  }

  @Test
  void unknownCommand_isNamed() {
    assertUsageError(TOP_USAGE, "unknown command: resolv", "resolv", "a@b.c");
    assertUsageError(TOP_USAGE, "unknown command: -", "-");
  }

  @Test
  void unknownOption_isNamed_withoutItsValue() {
    assertUsageError(TOP_USAGE, "unknown option: --verbose", "--verbose");
    assertUsageError(TOP_USAGE, "unknown option: -x", "-x", "resolve", "a@x.com");
    assertUsageError(TOP_USAGE, "unknown option: -x", "-x", "resolve");
    assertUsageError(RESOLVE_USAGE, "unknown option for resolve: -x", "resolve", "-x",
        "a@x.com");
    assertUsageError(RESOLVE_USAGE, "unknown option for resolve: --bogus", "resolve", "--bogus");
    assertUsageError(RESOLVE_USAGE, "unknown option for resolve: --expl", "resolve", "--expl",
        "a@x.com");
    assertUsageError(CHECK_USAGE, "unknown option for check: --token", "check",
        "--token=s3cr3t");
    assertUsageError(CHECK_USAGE, "unknown option for check: --explain", "check", "--explain");
  }

  @Test
  void version_takesNoArguments() {
    assertUsageError(TOP_USAGE, "--version takes no arguments, found 'resolve'", "--version",
        "resolve", "a@x.com");
    assertUsageError(TOP_USAGE, "unknown command: foo", "--version", "foo");
  }

  @Test
  void resolve_needsIds_andTakesStdinOnce() {
    assertUsageError(RESOLVE_USAGE, "resolve needs at least one ID", "resolve");
    assertUsageError(RESOLVE_USAGE, "resolve needs at least one ID", "resolve", "--explain");
    assertUsageError(RESOLVE_USAGE, "- (standard input) may be given once", "resolve", "-",
        "a@x.com", "-");
  }

  @Test
  void check_takesNoArguments() {
    assertUsageError(CHECK_USAGE, "check takes no arguments, found 'ada@example.com'", "check",
        "ada@example.com");
  }

  @Test
  void optionValues_areRequired() {
    assertUsageError(RESOLVE_USAGE, "--settings needs FILE", "resolve", "a@x.com", "--settings");
    assertUsageError(CHECK_USAGE, "--set needs NAME=VALUE", "check", "--set");
    assertUsageError(RESOLVE_USAGE, "--set needs NAME=VALUE", "resolve", "--set", "--explain",
        "a@x.com");
    assertUsageError(CHECK_USAGE, "--settings needs a FILE, found an empty name", "check",
        "--settings=");
    assertUsageError(CHECK_USAGE, "--settings needs a FILE, found an empty name", "check",
        "--settings", " ");
  }

  @Test
  void set_needsNameEqualsValue() {
    assertUsageError(RESOLVE_USAGE, "--set needs NAME=VALUE, found 'USER_RESOLVER_STORE'",
        "resolve", "--set", "USER_RESOLVER_STORE", "a@b.c");
    assertUsageError(CHECK_USAGE, "--set needs NAME=VALUE, found ''", "check", "--set=");
    assertUsageError(CHECK_USAGE, "--set needs NAME=VALUE, found no NAME before '='", "check",
        "--set", " =1");
  }

  @Test
  void set_withoutEquals_hidesTheArgument_whenItLooksLikeASecret() {
    Cli.Result result = Cli.run(ENV, "check", "--set", "OKTA_API_TOKENs3cr3t");

    assertEquals(2, result.code());
    assertEquals("user-resolver: --set needs NAME=VALUE, found a value (hidden)",
        result.errLines().get(0));
    assertFalse(result.err().contains("s3cr3t"), result.err());
  }

  @Test
  void settings_mayBeGivenOnce() {
    assertUsageError(CHECK_USAGE, "option '--settings' (FILE) should be specified only once",
        "check", "--settings", "a", "--settings=b");
  }

  @Test
  void flags_takeNoValue() {
    assertUsageError(RESOLVE_USAGE,
        "option '--explain' should be specified without 'yes' parameter", "resolve",
        "--explain=yes", "a@x.com");
  }

  @Test
  void aWordLikeAnUnknownOption_isTakenAsAnOptionsValue() {
    Cli.Result result = Cli.run(Map.of(), "check", "--settings", "--other.properties");

    assertEquals(1, result.code());
    assertEquals(List.of("FAIL settings: cannot read settings file --other.properties: "
        + "no such file"), result.outLines());
  }

  @Test
  void theFirstProblem_isReported_whenThereAreSeveral() {
    assertUsageError(RESOLVE_USAGE, "unknown option for resolve: --bogus", "resolve", "--bogus",
        "--set", "A=1");
    assertUsageError(RESOLVE_USAGE, "--set needs NAME=VALUE, found 'A'", "resolve", "--set", "A",
        "--settings");
  }
}
