package org.userresolver.reliability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.userresolver.User;
import org.userresolver.UserStore;

/**
 * A metadata store the suite runs every test against, with a way to look inside it that does
 * not go through the library, and a switch that takes it down and brings it back. Adding a
 * store to the suite is one implementation of this interface, listed in
 * {@link Fixtures#stores()}.
 */
interface StoreFixture {
  /** What the fixture is, for test names: {@code neo4j}. */
  String name();

  /** Starts what the store needs (a server), once per test class. */
  void start();

  /** Empties the store and ends any outage. */
  void reset();

  /**
   * The settings that select and reach the store: {@code USER_RESOLVER_STORE} and everything
   * the store needs, its secrets included.
   */
  Map<String, String> settings();

  /** The same settings with every secret replaced by another (registered) one; empty if none. */
  Map<String, String> settingsWithWrongSecrets();

  /**
   * Values of the store's own settings that it must refuse when it is built (each applied alone
   * to {@link #settings()}), secrets among them.
   */
  List<BadSetting> badSettings();

  /**
   * A store made from {@link #settings()} by the store's own factory (found by name, as the
   * chain finds it), reaching the store through the outage switch. The caller closes it.
   */
  UserStore newStore();

  /** How many users the store holds under this id, read without the library (nodes, entities). */
  long stored(String id);

  /** The user stored under this id, read without the library's store. */
  Optional<User> peek(String id);

  /**
   * Stores Amundsen's owner stub for this id ({@code key} and {@code email}, no name), as
   * Amundsen's {@code add_owner} does, without the library; nothing when the id is stored.
   */
  void putStub(String id);

  /** Takes the store down: every call from a {@link #newStore()} store fails until {@link #up()}. */
  void down();

  /** Brings the store back. */
  void up();

  /**
   * Stops what {@link #start()} started. (Not {@link AutoCloseable}: JUnit closes parameters
   * that are, after each test.)
   */
  void close();
}
