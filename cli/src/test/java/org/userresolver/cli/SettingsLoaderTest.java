package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Settings;

/** Where settings come from, and how the settings file is read. */
final class SettingsLoaderTest {

  @TempDir
  Path dir;

  @Test
  void load_letsSystemPropertiesWinOverEnvironment_fileOverBoth_andSetOverAll()
      throws IOException {
    Path file = Files.writeString(dir.resolve("s.properties"), """
        # a comment
        USER_RESOLVER_STORE = none
        USER_RESOLVER_PROVIDER: file
        USER_RESOLVER_FILE=from-file.json
        """);
    Map<String, String> env = Map.of("USER_RESOLVER_STORE", "memory",
        "USER_RESOLVER_PROVIDER", "okta", "USER_RESOLVER_FILE", "from-env.json",
        "USER_RESOLVER_TIMEOUT", "PT1S", "USER_RESOLVER_CACHE_TTL", "PT2H");
    String property = "USER_RESOLVER_CACHE_TTL";
    System.setProperty(property, "PT3H");
    Settings settings;
    try {
      settings = SettingsLoader.load(Optional.of(file),
          Map.of("USER_RESOLVER_FILE", "from-set.json"), env);
    } finally {
      System.clearProperty(property);
    }

    assertEquals("none", settings.store());
    assertEquals(Optional.of("file"), settings.provider());
    assertEquals(Optional.of("from-set.json"), settings.get("USER_RESOLVER_FILE"));
    assertEquals(Optional.of("PT1S"), settings.get("USER_RESOLVER_TIMEOUT"));
    assertEquals(Optional.of("PT3H"), settings.get("USER_RESOLVER_CACHE_TTL"));
  }

  @Test
  void load_treatsAnEmptySet_asUnset() {
    Settings settings = SettingsLoader.load(Optional.empty(), Map.of("USER_RESOLVER_STORE", ""),
        Map.of("USER_RESOLVER_STORE", "none"));

    assertEquals(Settings.DEFAULT_STORE, settings.store());
  }

  @Test
  void read_readsUtf8() throws IOException {
    Path file = Files.writeString(dir.resolve("u.properties"), "NAME=Jöran\n",
        StandardCharsets.UTF_8);

    assertEquals(Map.of("NAME", "Jöran"), SettingsLoader.read(file));
  }

  @Test
  void read_failsClearly_forMissingDirectoryOrMalformedFile() throws IOException {
    Path missing = dir.resolve("nope.properties");
    Path malformed = Files.writeString(dir.resolve("bad.properties"), "A=\\u12\n");
    Path latin1 = Files.write(dir.resolve("latin1.properties"), new byte[] {'A', '=', (byte) 0xE9});

    assertFailure("cannot read settings file " + missing + ": no such file", missing);
    assertFailure("cannot read settings file " + dir + ": it is a directory", dir);
    assertFailure("invalid settings file " + malformed + ": Malformed \\uxxxx encoding.",
        malformed);
    assertFailure("cannot read settings file " + latin1 + ": not UTF-8 text", latin1);
  }

  private static void assertFailure(String message, Path file) {
    CliException e = assertThrows(CliException.class, () -> SettingsLoader.read(file));
    assertEquals(message, e.getMessage());
    assertEquals(ExitCode.FAILURE, e.exitCode());
  }
}
