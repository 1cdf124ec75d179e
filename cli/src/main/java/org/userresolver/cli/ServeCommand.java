package org.userresolver.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code user-resolver serve}: the resolution chain as a local HTTP service, for Amundsen's
 * Python metadata service to call from its {@code USER_DETAIL_METHOD} hook
 * ({@code examples/amundsen/user_resolver_hook.py}). Prints the address it listens on, then
 * serves until SIGTERM or SIGINT, finishes the requests in flight, and exits 0.
 */
@Command(name = "serve",
    customSynopsis = {
        "user-resolver serve [--host HOST] [--port PORT] [--workers N] [--queue N]",
        "                           [--settings FILE] [--set NAME=VALUE]..."},
    description = {
        "Serves user profiles over HTTP until SIGTERM or SIGINT.",
        "",
        "GET /user/{id} answers the profile as 'resolve' prints it (the fallback too); POST "
            + "/users/resolve takes a JSON array of ids and answers an object from each id to "
            + "its profile. GET /healthz, /readyz (the configuration checks, reused for 10 s) "
            + "and /metrics (Prometheus) need no token. When USER_RESOLVER_SERVE_TOKEN is set, "
            + "/user and /users require 'Authorization: Bearer <token>': set it whenever the "
            + "service listens beyond loopback. On SIGTERM the requests in flight are answered "
            + "before it exits."},
    exitCodeList = {
        "0:stopped by SIGTERM or SIGINT",
        "1:invalid settings or configuration, or the address cannot be bound",
        "2:bad usage"})
final class ServeCommand extends ChainCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  private static final Duration GRACE_MARGIN = Duration.ofSeconds(1);

  @Option(names = "--host", paramLabel = "HOST",
      description = "the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 "
          + "for every interface)")
  private String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT",
      description = "the port (default 5002; 0 picks a free one, printed at start)")
  private int port = 5002;

  @Option(names = "--workers", paramLabel = "N",
      description = "requests answered at once (default 64)")
  private int workers = 64;

  @Option(names = "--queue", paramLabel = "N",
      description = "requests waiting beyond those (default 256); more are answered 503 with "
          + "Retry-After at once")
  private int queue = 256;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65_535) {
      throw usageError("--port must be between 0 and 65535, found " + port);
    }
    if (workers < 1) {
      throw usageError("--workers must be at least 1, found " + workers);
    }
    if (queue < 0) {
      throw usageError("--queue must not be negative, found " + queue);
    }
    Settings settings = settings();
    ServeConfig config = ServeConfig.of(settings, host, port, workers, queue);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (UserResolver chain = chain(settings, null, registry);
        UserService service = start(chain, settings, registry, config)) {
      StopSignal signal = StopSignal.install();
      try {
        announce(service.address(), config);
        signal.await();
        LOG.debug("stopping: answering {} requests in flight", service.inFlight());
        int unanswered = service.stop(config.requestTimeout().plus(GRACE_MARGIN));
        if (unanswered > 0) {
          LOG.warn("stopped with {} requests unanswered", unanswered);
        }
      } finally {
        signal.stopped();
      }
    }
    return ExitCode.OK;
  }

  private void announce(InetSocketAddress address, ServeConfig config) {
    if (config.token().isEmpty() && !address.getAddress().isLoopbackAddress()) {
      LOG.warn("serving personal data on {} without a token: set {}", address,
          ServeConfig.TOKEN);
    }
    out().println(Main.PROGRAM + " serve: listening on http://" + address.getHostString() + ":"
        + address.getPort());
    out().flush();
  }

  private static UserService start(UserResolver chain, Settings settings,
      PrometheusMeterRegistry registry, ServeConfig config) {
    try {
      return UserService.start(chain, settings.idCase(), registry, registry::scrape, config);
    } catch (IOException | RuntimeException e) {
      throw CliException.failure("cannot listen on " + config.host() + ":" + config.port() + ": "
          + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
    }
  }
}
