package org.userresolver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ways an identity provider fails that the suite applies to every provider, and the
 * fallback reason each must be counted under: {@code timeout} when the deadline ends the lookup
 * (or the provider asks to wait past it), {@code provider_error} for everything else.
 */
enum ProviderFault {
  /** Nothing listens on the provider's port. */
  REFUSED("provider_error"),
  /** The connection is reset while the request is read. */
  RESET("provider_error"),
  /** The connection is closed without an answer. */
  EMPTY_RESPONSE("provider_error"),
  /** Garbage instead of HTTP, then the connection is closed. */
  GARBAGE("provider_error"),
  /** A 200 whose chunked body breaks off. */
  BROKEN_CHUNK("provider_error"),
  /** The right answer, three times the deadline late. */
  SLOW("timeout"),
  /** The right answer, dribbled out over three times the deadline. */
  DRIBBLED("timeout"),
  /** 503 on every request. */
  BURST_503("provider_error"),
  /** 429 on every request, asking to wait a minute (beyond the deadline). */
  STORM_429_LONG("timeout"),
  /** 429 on every request, asking for no wait. */
  STORM_429_SHORT("provider_error"),
  /** A 200 whose JSON stops halfway. */
  TRUNCATED_JSON("provider_error"),
  /** A 200 of 50 MB (the right answer after 50 MB of white space). */
  HUGE_BODY("provider_error"),
  /** A 302 to another host, which would answer with the user. */
  CROSS_HOST_REDIRECT("provider_error"),
  /** The token endpoint answers 503 (providers that get access tokens). */
  TOKEN_503("provider_error"),
  /** The discovery document answers 500 (providers that read one). */
  DISCOVERY_500("provider_error");

  private static final int HUGE = 50 * 1024 * 1024;
  private static byte[] hugePadding;

  private final String reason;

  ProviderFault(String reason) {
    this.reason = reason;
  }

  /** The {@code reason} tag the fallback must be counted under. */
  String reason() {
    return reason;
  }

  /**
   * {@code USER_RESOLVER_TIMEOUT} for this fault: 2 s, but 6 s for the 50 MB body, which
   * WireMock takes more than a second to start sending on a busy machine (the library gives up
   * after the first MiB of it, whenever that comes).
   */
  java.time.Duration timeout() {
    return java.time.Duration.ofSeconds(this == HUGE_BODY ? 6 : 2);
  }

  /** Whether the fault can happen to this provider. */
  boolean appliesTo(ProviderFixture provider) {
    return notApplicableTo(provider).isEmpty();
  }

  /**
   * Why the fault cannot happen to this provider, if it cannot: a provider that gets no access
   * tokens has no token endpoint to fail, one that reads no discovery document no document.
   */
  Optional<String> notApplicableTo(ProviderFixture provider) {
    if (this == TOKEN_503 && provider.tokenRequests().isEmpty()) {
      return Optional.of(provider.name() + " gets no access tokens: no token endpoint to fail");
    }
    if (this == DISCOVERY_500 && provider.discovery().isEmpty()) {
      return Optional.of(provider.name() + " reads no discovery document (its endpoints are "
          + "fixed): no discovery to fail");
    }
    return Optional.empty();
  }

  /**
   * Makes the provider fail this way for every lookup.
   *
   * @param provider the provider
   * @param answer the body of a lookup that finds the user, for faults that spoil one
   * @param deadlineMillis the chain's deadline
   * @param otherHost a server on another port that answers every request with the user
   * @return ends the fault: the provider answers as before it
   */
  Runnable apply(ProviderFixture provider, String answer, long deadlineMillis,
      WireMockServer otherHost) {
    WireMockServer server = provider.server();
    int late = (int) (3 * deadlineMillis);
    return switch (this) {
      case REFUSED -> {
        provider.stop();
        yield provider::restart;
      }
      case RESET -> fail(provider, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
      case EMPTY_RESPONSE -> fail(provider, aResponse().withFault(Fault.EMPTY_RESPONSE));
      case GARBAGE -> fail(provider, aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
      case BROKEN_CHUNK -> fail(provider, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
      case SLOW -> fail(provider, okJson(answer).withFixedDelay(late));
      case DRIBBLED -> fail(provider, okJson(answer).withChunkedDribbleDelay(25, late));
      case BURST_503 -> fail(provider, aResponse().withStatus(503)
          .withHeader("Content-Type", "text/html").withBody("<h1>503 Service Unavailable</h1>"));
      case STORM_429_LONG -> fail(provider, rateLimited("60"));
      case STORM_429_SHORT -> fail(provider, rateLimited("0"));
      case TRUNCATED_JSON -> fail(provider, okJson(answer.substring(0, answer.length() / 2)));
      case HUGE_BODY -> fail(provider, aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json").withBody(huge(answer)));
      case CROSS_HOST_REDIRECT -> {
        otherHost.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(okJson(answer)));
        yield fail(provider, aResponse().withStatus(302).withHeader("Location",
            "http://127.0.0.1:" + otherHost.port() + "/elsewhere"));
      }
      case TOKEN_503 -> removing(server, server.stubFor(provider.tokenRequests().orElseThrow()
          .atPriority(ProviderFixture.FAULT_PRIORITY).willReturn(aResponse().withStatus(503))));
      case DISCOVERY_500 -> removing(server, server.stubFor(provider.discovery().orElseThrow()
          .atPriority(ProviderFixture.FAULT_PRIORITY).willReturn(aResponse().withStatus(500))));
    };
  }

  private static Runnable fail(ProviderFixture provider, ResponseDefinitionBuilder response) {
    MappingBuilder lookups = provider.lookups().atPriority(ProviderFixture.FAULT_PRIORITY);
    return removing(provider.server(), provider.server().stubFor(lookups.willReturn(response)));
  }

  private static Runnable removing(WireMockServer server, StubMapping stub) {
    return () -> server.removeStub(stub);
  }

  private static ResponseDefinitionBuilder rateLimited(String retryAfter) {
    return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
        .withHeader("Retry-After", retryAfter)
        .withBody("{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit "
            + "due to too many requests.\",\"error\":\"too_many_requests\"}");
  }

  private static synchronized byte[] huge(String answer) {
    if (hugePadding == null) {
      hugePadding = new byte[HUGE];
      Arrays.fill(hugePadding, (byte) ' ');
    }
    byte[] tail = answer.getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(hugePadding, HUGE + tail.length);
    System.arraycopy(tail, 0, body, HUGE, tail.length);
    return body;
  }
}
