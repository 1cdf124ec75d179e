package org.userresolver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.userresolver.reliability.ProviderFixture.SentId;

/**
 * Odd and hostile ids given to the {@code user-resolver resolve} command, as arguments and on
 * standard input, with a real provider (Okta, WireMock) behind it: odd ids are each answered
 * and reach the provider exactly; one refused id stops the command before anything is sent
 * (exit code 2, the id's position and problem on stderr); the next run answers normally.
 */
final class CliBadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ProviderFixture PROVIDER = Fixtures.providers().get(0);

  @BeforeAll
  static void start() {
    PROVIDER.start();
  }

  @AfterAll
  static void stop() {
    PROVIDER.close();
  }

  @BeforeEach
  void reset() {
    PROVIDER.reset();
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>(PROVIDER.settings());
    env.put("USER_RESOLVER_STORE", "memory");
    return env;
  }

  /** The ids the command must answer, each once (their normalised forms differ). */
  private static List<String> oddIds() {
    List<String> ids = new ArrayList<>(BadIds.literal());
    ids.add("-dash@example.com");
    return ids;
  }

  /** Checks one line per id, in order, each the profile the provider has for exactly that id. */
  private static void assertAnswered(Cli.Result result, List<String> ids) throws Exception {
    assertEquals(0, result.code(), result.err());
    assertEquals(ids.size(), result.outLines().size(), result.out());
    for (int i = 0; i < ids.size(); i++) {
      JsonNode user = JSON.readTree(result.outLines().get(i));
      assertEquals(BadIds.normalized(ids.get(i)), user.path("user_id").asText());
      assertEquals("Odd", user.path("first_name").asText(), ids.get(i));
    }
    Set<String> expected = new LinkedHashSet<>();
    ids.forEach(id -> expected.add(BadIds.normalized(id)));
    Set<String> sent = new LinkedHashSet<>();
    for (SentId one : PROVIDER.idsSent()) {
      assertTrue(Percent.STRICTLY_ENCODED.matcher(one.raw()).matches(), one.raw());
      sent.add(one.id());
    }
    assertEquals(expected, sent, "exactly the ids given, as given");
  }

  @Test
  void resolve_answersOddIdsGivenAsArguments_sendingEachExactly() throws Exception {
    List<String> ids = oddIds();
    ids.forEach(id -> PROVIDER.userExists(BadIds.normalized(id), "Odd", "One"));
    List<String> args = new ArrayList<>(List.of("resolve", "--"));
    args.addAll(ids);

    assertAnswered(Cli.run(env(), args.toArray(String[]::new)), ids);
  }

  @Test
  void resolve_answersOddIdsOnStandardInput_sendingEachExactly() throws Exception {
    List<String> ids = oddIds();
    ids.forEach(id -> PROVIDER.userExists(BadIds.normalized(id), "Odd", "One"));
    String stdin = "\n" + String.join("\r\n", ids) + "\n\n";

    assertAnswered(Cli.run(env(), stdin.getBytes(StandardCharsets.UTF_8), "resolve", "-"),
        ids);
  }

  static Stream<BadIds.Refused> refused() {
    return BadIds.refused().stream().filter(refused -> refused.id() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void resolve_refusesTheWholeCommand_forOneBadArgument_andTheNextRunAnswers(
      BadIds.Refused refused) {
    PROVIDER.userExists(BadIds.NORMAL, "Nor", "Mal");

    Cli.Result result = Cli.run(env(), "resolve", BadIds.NORMAL, refused.id());

    assertEquals(2, result.code(), result.err());
    assertEquals("", result.out());
    assertTrue(result.errLines().get(0).startsWith("user-resolver: invalid user id at position "
        + "2 ("), result.err());
    assertTrue(result.errLines().get(0).endsWith("): " + refused.message()), result.err());
    assertTrue(result.errLines().get(0).length() < 200, "the id is shortened: " + result.err());
    assertEquals("user-resolver: nothing resolved", result.errLines().get(1));
    assertEquals(List.of(), PROVIDER.idsSent(), "nothing was sent");

    Cli.Result next = Cli.run(env(), "resolve", BadIds.NORMAL);
    assertEquals(0, next.code(), next.err());
    assertTrue(next.out().contains("\"first_name\":\"Nor\""), next.out());
  }

  @Test
  void resolve_refusesAControlCharacterOnStandardInput_namingTheLine() {
    PROVIDER.userExists(BadIds.NORMAL, "Nor", "Mal");

    Cli.Result result = Cli.run(env(), (BadIds.NORMAL + "\nbell\u0007@example.com\n")
        .getBytes(StandardCharsets.UTF_8), "resolve", "-");

    assertEquals(2, result.code(), result.err());
    assertEquals(List.of("user-resolver: invalid user id at stdin line 2 "
        + "(\"bell\\u0007@example.com\"): user id contains the control character U+0007 at "
        + "index 4", "user-resolver: nothing resolved"), result.errLines());
    assertEquals(List.of(), PROVIDER.idsSent());
  }

  @Test
  void resolve_refusesStandardInputThatIsNotUtf8_insteadOfSendingAnotherId() {
    PROVIDER.userExists(BadIds.NORMAL, "Nor", "Mal");
    ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    stdin.writeBytes((BadIds.NORMAL + "\nada").getBytes(StandardCharsets.UTF_8));
    stdin.write(0xff); // no UTF-8 text holds this byte
    stdin.writeBytes("@example.com\n".getBytes(StandardCharsets.UTF_8));

    Cli.Result result = Cli.run(env(), stdin.toByteArray(), "resolve", "-");

    assertEquals(2, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(List.of("user-resolver: invalid user id at stdin line 2: not UTF-8 text",
        "user-resolver: nothing resolved"), result.errLines());
    assertEquals(List.of(), PROVIDER.idsSent(), "nothing was sent");
  }
}
