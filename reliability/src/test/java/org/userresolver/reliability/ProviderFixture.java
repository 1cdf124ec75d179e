package org.userresolver.reliability;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An identity provider the suite runs every test against: a fake of its API (WireMock), shaped
 * as the provider's API reference shows it, that knows exactly the users a test says exist.
 * Adding a provider to the suite is one implementation of this interface, listed in
 * {@link Fixtures#providers()}.
 *
 * <p>Stub priorities: faults a test adds use {@link #FAULT_PRIORITY}, which wins over the
 * fixture's own stubs (users at 5, "not found" at 8, "unauthenticated" at 9).
 */
interface ProviderFixture {
  /** The priority of a test's fault stubs: above every stub of the fixture. */
  int FAULT_PRIORITY = 1;

  /** What the fixture is, for test names: {@code okta (API token)}. */
  String name();

  /** Starts the fake on a loopback port (it keeps it across {@link #stop()} and {@link #restart()}). */
  void start();

  /**
   * Forgets every stub, request and scenario, then stubs the provider's discovery document (if
   * it reads one), its token endpoint (a token for the right credentials only) and "nobody
   * exists".
   */
  void reset();

  /** The fake itself, for fault stubs and its request journal. */
  WireMockServer server();

  /**
   * The settings that point the provider at the fake: {@code USER_RESOLVER_PROVIDER} and
   * everything the provider needs, its secrets included.
   */
  Map<String, String> settings();

  /**
   * The same settings with every secret replaced by another (registered) secret, which the fake
   * refuses as the real provider would (401; Google: 400 {@code invalid_grant}).
   */
  Map<String, String> settingsWithWrongSecrets();

  /**
   * Values of the provider's own settings that it must refuse when it is built (each applied
   * alone to {@link #settings()}), secrets among them: bad URLs, secrets HTTP cannot carry,
   * keys that are not keys, required settings left out.
   */
  List<BadSetting> badSettings();

  /**
   * Makes one user exist: found when looked up by this id (exactly as the provider's contract
   * sends it), with these names.
   */
  void userExists(String id, String firstName, String lastName);

  /**
   * The body of the answer to the provider's first lookup of this id when the user exists
   * (for faults that spoil it: late, dribbled, truncated, padded).
   */
  String foundAnswer(String id, String firstName, String lastName);

  /**
   * Whether the provider's API can be asked for this id at all. Google's cannot be asked for a
   * dot segment ({@code .} or {@code ..}): no request carries one as a path segment (servers and
   * proxies remove it), and no Google user key is one; the provider sends nothing, and the user
   * is unknown.
   */
  default boolean canBeAskedFor(String id) {
    return true;
  }

  /** Matches every user lookup (not discovery, not tokens), for a test's fault stubs. */
  MappingBuilder lookups();

  /** Matches token requests, when the provider gets access tokens. */
  Optional<MappingBuilder> tokenRequests();

  /**
   * Matches the request for the discovery document, when the provider reads one (Google's
   * endpoints are fixed: it reads none, and has no discovery to fail).
   */
  Optional<MappingBuilder> discovery();

  /**
   * The id of every user lookup the fake received, in order: as sent on the wire (the path
   * segment or query value that carries it) and decoded as the provider's API decodes it.
   */
  List<SentId> idsSent();

  /**
   * Registers the secrets the provider sent since the last {@link #reset()} that the fixture
   * did not make itself (signed client assertions), so that searches find them too.
   */
  default void registerSecretsSeen() {}

  /** Takes the fake down: open connections are closed, new ones refused. */
  void stop();

  /** Brings the fake back on its port, stubs and journal as they were. */
  void restart();

  /**
   * Stops what {@link #start()} started. (Not {@link AutoCloseable}: JUnit closes parameters
   * that are, after each test.)
   */
  void close();

  /**
   * A user id as one lookup request carried it.
   *
   * @param raw the text on the wire: the path segment, or the query value, percent-encoded
   * @param id the id it decodes to, as the provider's API reads it
   */
  record SentId(String raw, String id) {}
}
