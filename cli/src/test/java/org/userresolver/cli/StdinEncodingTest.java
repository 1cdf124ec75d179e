package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Standard input is read as UTF-8: a line that is not UTF-8 text is refused as an invalid id,
 * never decoded into another id (U+FFFD) and resolved.
 */
final class StdinEncodingTest {

  @Test
  void resolve_refusesALineThatIsNotUtf8_namingIt_andResolvesNothing() {
    ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    stdin.writeBytes("ada@example.com\r\ngr".getBytes(StandardCharsets.UTF_8));
    stdin.write(0xff);
    stdin.writeBytes("ce@example.com\n".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = Main.run(new String[] {"resolve", "-"},
        new ByteArrayInputStream(stdin.toByteArray()),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("USER_RESOLVER_PROVIDER", "file", "USER_RESOLVER_FILE", "no-such-file.json"));

    assertEquals(2, code);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("user-resolver: invalid user id at stdin line 2: not UTF-8 text",
        "user-resolver: nothing resolved"), err.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
