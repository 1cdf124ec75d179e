package org.userresolver.cli;

import java.time.Duration;
import java.util.Optional;
import org.userresolver.Settings;

/**
 * How {@code serve} runs: where it listens, its worker pool and queue, the per-request
 * timeout, the token it requires, and how long readiness results are reused.
 *
 * @param host the address to bind, by name or literal
 * @param port the port; 0 for any free one
 * @param workers requests answered at once
 * @param queue requests waiting beyond those; more are answered 503 at once
 * @param requestTimeout the most a request may take from its arrival, queueing included; the
 *     chain's deadline ({@code USER_RESOLVER_TIMEOUT})
 * @param token the bearer token {@code /user} and {@code /users} require, if any
 * @param readinessTtl how long {@code /readyz} reuses the result of the checks
 */
record ServeConfig(String host, int port, int workers, int queue, Duration requestTimeout,
    Optional<BearerToken> token, Duration readinessTtl) {

  /** The setting holding the bearer token. */
  static final String TOKEN = "USER_RESOLVER_SERVE_TOKEN";
  /** How long {@code /readyz} reuses a result, unless set in code. */
  static final Duration DEFAULT_READINESS_TTL = Duration.ofSeconds(10);

  /**
   * Returns the configuration of a {@code serve} run: the token and the timeout from the
   * settings, the rest as given.
   */
  static ServeConfig of(Settings settings, String host, int port, int workers, int queue) {
    Duration timeout = settings.parser().duration(Settings.TIMEOUT, Settings.DEFAULT_TIMEOUT);
    return new ServeConfig(host, port, workers, queue, timeout,
        settings.get(TOKEN).map(BearerToken::of), DEFAULT_READINESS_TTL);
  }
}
