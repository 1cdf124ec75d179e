package org.userresolver.keycloak;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link KeycloakServer} for the whole test run, on first use by any test class,
 * and stops it when the run ends; injects it into test methods and lifecycle methods that take
 * a {@code KeycloakServer}. A failed start is remembered, so later classes fail at once
 * instead of waiting again.
 */
final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

  /** The server, or why it could not start; closed with the root context. */
  private record Started(KeycloakServer server, RuntimeException failure)
      implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KeycloakServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  private static KeycloakServer server(ExtensionContext context) {
    Started started = context.getRoot().getStore(ExtensionContext.Namespace.create(
            KeycloakExtension.class))
        .getOrComputeIfAbsent(KeycloakServer.class, key -> {
          try {
            return new Started(KeycloakServer.start(), null);
          } catch (RuntimeException e) {
            return new Started(null, e);
          }
        }, Started.class);
    if (started.failure() != null) {
      throw new IllegalStateException("Keycloak could not be started: "
          + started.failure().getMessage(), started.failure());
    }
    return started.server();
  }
}
