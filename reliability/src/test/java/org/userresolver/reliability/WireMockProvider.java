package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What every WireMock-based {@link ProviderFixture} shares: the server, and a {@link TcpProxy}
 * in front of it that the provider is pointed at, so that the fake can stop answering
 * (connections refused) and come back on the same port.
 */
abstract class WireMockProvider implements ProviderFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  /** WireMock prints nothing: its notices would mix the fakes' traffic into the test output. */
  private static final Notifier SILENT = new Notifier() {
    @Override
    public void info(String message) {}

    @Override
    public void error(String message) {}

    @Override
    public void error(String message, Throwable t) {}
  };

  private final String name;
  private final WireMockServer server = new WireMockServer(wireMockConfig()
      .dynamicPort().bindAddress("127.0.0.1").notifier(SILENT).containerThreads(20));
  private TcpProxy proxy;

  WireMockProvider(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final WireMockServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:<port>}, the proxy's port. */
  final String baseUrl() {
    return "http://127.0.0.1:" + proxy.port();
  }

  @Override
  public void start() {
    server.start();
    proxy = new TcpProxy(server.port());
    reset();
  }

  @Override
  public void stop() {
    proxy.cut();
  }

  @Override
  public void restart() {
    proxy.restore();
  }

  @Override
  public void close() {
    proxy.close();
    server.stop();
  }

  /** Every request received since the last reset. */
  final List<LoggedRequest> journal() {
    List<LoggedRequest> requests = new ArrayList<>(server.getAllServeEvents().stream()
        .map(ServeEvent::getRequest).toList());
    Collections.reverse(requests); // WireMock lists the newest first
    return requests;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
