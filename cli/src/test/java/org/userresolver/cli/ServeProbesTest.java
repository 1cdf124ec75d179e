package org.userresolver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.userresolver.Check;
import org.userresolver.User;
import org.userresolver.UserResolver;

/** {@code /healthz}, {@code /readyz} and {@code /metrics} over HTTP. */
final class ServeProbesTest {

  private Served served;

  @AfterEach
  void stop() {
    served.close();
  }

  /** A provider whose token check fails while {@code broken} is set. */
  private static UserResolver providerWithCheck(AtomicBoolean broken) {
    return new UserResolver() {
      @Override
      public User resolve(String userId) {
        return User.minimal(userId);
      }

      @Override
      public List<Check> checks() {
        return List.of(new Check("test discovery", () -> "issuer https://idp.example.com"),
            new Check("test token", () -> {
              if (broken.get()) {
                throw new IllegalStateException("token endpoint answered 401:\ninvalid_client");
              }
              return "token of 3600 s";
            }));
      }
    };
  }

  @Test
  void healthz_answers200() {
    served = Served.examples(Served.config());

    Served.Response response = served.get("/healthz");

    assertEquals(200, response.status());
    assertEquals("{\"status\":\"ok\"}", response.body());
  }

  @Test
  void readyz_answers200_listingTheChecks_whenTheyPass() {
    served = Served.examples(Served.config());

    Served.Response response = served.get("/readyz");

    assertEquals(200, response.status());
    assertEquals("{\"status\":\"ready\",\"checks\":[{\"step\":\"provider file " + Served.USERS
        + "\",\"ok\":true},{\"step\":\"store memory\",\"ok\":true}]}", response.body());
  }

  @Test
  void readyz_answers503WithTheFailingStep_andRecovers_whenTheCheckPassesAgain() {
    AtomicBoolean broken = new AtomicBoolean(true);
    ServeConfig everyProbe = new ServeConfig("127.0.0.1", 0, 4, 4, Duration.ofSeconds(5),
        Optional.empty(), Duration.ofNanos(1));
    served = Served.of(providerWithCheck(broken), null, everyProbe);

    Served.Response failing = served.get("/readyz");
    broken.set(false);
    Served.Response recovered = served.get("/readyz");

    assertEquals(503, failing.status());
    assertTrue(failing.body().startsWith("{\"status\":\"not ready\",\"step\":\"test token\","
        + "\"reason\":\"token endpoint answered 401: invalid_client\""), failing.body());
    assertEquals(200, recovered.status(), recovered.body());
    assertTrue(recovered.body().startsWith("{\"status\":\"ready\""), recovered.body());
  }

  @Test
  void metrics_holdTheChainsAndTheServersMeters_afterTraffic() {
    served = Served.examples(Served.config());
    served.get("/user/ada@example.com");
    served.get("/user/ada@example.com");
    served.get("/user/nobody@example.com");

    Served.Response response = served.get("/metrics");

    assertEquals(200, response.status());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", response.header("Content-Type"));
    List<String> lines = response.body().lines().toList();
    for (String line : List.of(
        "userresolver_resolve_seconds_count{source=\"provider\"} 1",
        "userresolver_resolve_seconds_count{source=\"cache\"} 1",
        "userresolver_resolve_seconds_count{source=\"fallback\"} 1",
        "userresolver_fallback_total{reason=\"not_found\"} 1.0",
        "userresolver_serve_requests_seconds_count{endpoint=\"user\",status=\"200\"} 3")) {
      assertTrue(lines.contains(line), line + " missing from\n" + response.body());
    }
  }
}
