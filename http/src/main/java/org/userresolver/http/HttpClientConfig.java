package org.userresolver.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.userresolver.Settings;

/**
 * The settings of one {@link HttpJsonClient}: timeouts, the largest response it reads, the
 * {@code User-Agent} it sends, whether plain {@code http://} is allowed beyond loopback, and the
 * provider error codes that mean "rate limited" whatever the HTTP status.
 *
 * <p>Read it from settings with {@link #read(Settings.Parser)}, or build it with
 * {@link #custom()}; {@link #ofDefaults()} holds the defaults below. Immutable.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long one request may take, from sending to the last body byte
 * @param maxResponseBytes the largest response body read; a larger one is a permanent failure
 * @param userAgent the {@code User-Agent} header, naming the library and its version
 * @param allowPlainHttp whether {@code http://} URLs to hosts other than loopback are allowed
 * @param rateLimitErrorCodes provider error codes (Okta's {@code errorCode}, Google's
 *     {@code reason}) that make a response a transient, rate-limit failure
 */
public record HttpClientConfig(Duration connectTimeout, Duration requestTimeout,
    long maxResponseBytes, String userAgent, boolean allowPlainHttp,
    Set<String> rateLimitErrorCodes) {

  /** Setting: how long to wait for a connection (ISO-8601 duration). */
  public static final String CONNECT_TIMEOUT = "USER_RESOLVER_HTTP_CONNECT_TIMEOUT";
  /** Setting: how long one request may take, body included (ISO-8601 duration). */
  public static final String REQUEST_TIMEOUT = "USER_RESOLVER_HTTP_REQUEST_TIMEOUT";
  /** Setting: the largest response body read, in bytes. */
  public static final String MAX_RESPONSE_BYTES = "USER_RESOLVER_HTTP_MAX_RESPONSE_BYTES";

  /** Default of {@value #CONNECT_TIMEOUT}: 2 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Default of {@value #REQUEST_TIMEOUT}: 5 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** Default of {@value #MAX_RESPONSE_BYTES}: 1 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
  /**
   * Default rate-limit error codes: Okta's {@code E0000047} and Google's
   * {@code rateLimitExceeded} and {@code userRateLimitExceeded}.
   */
  public static final Set<String> DEFAULT_RATE_LIMIT_ERROR_CODES =
      Set.of("E0000047", "rateLimitExceeded", "userRateLimitExceeded");

  /**
   * Checks the values.
   *
   * @param connectTimeout how long to wait for a TCP/TLS connection
   * @param requestTimeout how long one request may take, from sending to the last body byte
   * @param maxResponseBytes the largest response body read; a larger one is a permanent failure
   * @param userAgent the {@code User-Agent} header, naming the library and its version
   * @param allowPlainHttp whether {@code http://} URLs to hosts other than loopback are allowed
   * @param rateLimitErrorCodes provider error codes (Okta's {@code errorCode}, Google's
   *     {@code reason}) that make a response a transient, rate-limit failure
   * @throws IllegalArgumentException naming the field and the value when one is out of range
   */
  public HttpClientConfig {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, found " + connectTimeout);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, found " + requestTimeout);
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be at least 1, found " + maxResponseBytes);
    }
    if (userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be blank");
    }
    rateLimitErrorCodes = Set.copyOf(rateLimitErrorCodes);
  }

  /**
   * Returns the defaults: 2 s to connect, 5 s per request, 1 MiB per response, HTTPS only
   * (plain HTTP to loopback hosts), the library's own {@code User-Agent}.
   *
   * @return the default configuration
   */
  public static HttpClientConfig ofDefaults() {
    return custom().build();
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /**
   * Reads {@value #CONNECT_TIMEOUT}, {@value #REQUEST_TIMEOUT} and {@value #MAX_RESPONSE_BYTES}
   * through a settings parser, which collects any bad value with the caller's other problems.
   *
   * @param parser the parser of the component being configured
   * @return the configuration; defaults stand in for bad values (the parser reports them)
   */
  public static HttpClientConfig read(Settings.Parser parser) {
    return custom()
        .connectTimeout(parser.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT))
        .requestTimeout(parser.duration(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT))
        .maxResponseBytes(parser.integer(MAX_RESPONSE_BYTES, DEFAULT_MAX_RESPONSE_BYTES, 1))
        .build();
  }

  /**
   * Returns a builder holding this configuration's values, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .connectTimeout(connectTimeout)
        .requestTimeout(requestTimeout)
        .maxResponseBytes(maxResponseBytes)
        .userAgent(userAgent)
        .allowPlainHttp(allowPlainHttp)
        .rateLimitErrorCodes(rateLimitErrorCodes);
  }

  /** Builds an {@link HttpClientConfig}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private String userAgent = UserAgent.DEFAULT;
    private boolean allowPlainHttp;
    private Set<String> rateLimitErrorCodes = DEFAULT_RATE_LIMIT_ERROR_CODES;

    private Builder() {}

    /**
     * Sets how long to wait for a connection.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /**
     * Sets how long one request may take, from sending it to reading the last body byte.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /**
     * Sets the largest response body read.
     *
     * @param value bytes, at least 1
     * @return this builder
     */
    public Builder maxResponseBytes(long value) {
      this.maxResponseBytes = value;
      return this;
    }

    /**
     * Sets the {@code User-Agent} header.
     *
     * @param value the header value
     * @return this builder
     */
    public Builder userAgent(String value) {
      this.userAgent = value;
      return this;
    }

    /**
     * Allows plain {@code http://} URLs to any host, not only loopback; for services reached
     * inside a private network. Never use it for a service that receives credentials over the
     * internet.
     *
     * @param value whether to allow them
     * @return this builder
     */
    public Builder allowPlainHttp(boolean value) {
      this.allowPlainHttp = value;
      return this;
    }

    /**
     * Sets the provider error codes that mean "rate limited" whatever the HTTP status.
     *
     * @param codes the codes, compared exactly
     * @return this builder
     */
    public Builder rateLimitErrorCodes(Set<String> codes) {
      this.rateLimitErrorCodes = codes;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the field and the value when one is out of range
     */
    public HttpClientConfig build() {
      return new HttpClientConfig(connectTimeout, requestTimeout, maxResponseBytes, userAgent,
          allowPlainHttp, rateLimitErrorCodes);
    }
  }
}
