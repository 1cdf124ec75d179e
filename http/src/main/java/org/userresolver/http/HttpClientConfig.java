package org.userresolver.http;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.userresolver.Settings;

/**
 * The settings of one {@link HttpJsonClient}: timeouts, the largest response it reads, the
 * {@code User-Agent} it sends, whether plain {@code http://} is allowed beyond loopback, and the
 * error codes of the plugin's service that mean "rate limited" whatever the HTTP status.
 *
 * <p>Read it from settings with {@link #read(Settings.Parser)}, build it with
 * {@link #custom()}, or derive a changed copy with {@link #toBuilder()};
 * {@link #ofDefaults()} holds the {@code DEFAULT_*} values. Each plugin sets its own
 * service's rate-limit codes (Okta's {@code E0000047}, Google's {@code rateLimitExceeded}):
 * there are none by default. Immutable and thread-safe.
 */
public final class HttpClientConfig {

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
  /** Default of {@link Builder#allowPlainHttp}: HTTPS only, plain HTTP to loopback hosts. */
  public static final boolean DEFAULT_ALLOW_PLAIN_HTTP = false;
  /** Default of {@link Builder#rateLimitErrorCodes}: none; each plugin names its own. */
  public static final Set<String> DEFAULT_RATE_LIMIT_ERROR_CODES = Set.of();

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final String userAgent;
  private final boolean allowPlainHttp;
  private final Set<String> rateLimitErrorCodes;

  private HttpClientConfig(Builder builder) {
    this.connectTimeout = positive(builder.connectTimeout, "connectTimeout");
    this.requestTimeout = positive(builder.requestTimeout, "requestTimeout");
    if (builder.maxResponseBytes < 1) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be at least 1, found " + builder.maxResponseBytes);
    }
    this.maxResponseBytes = builder.maxResponseBytes;
    Objects.requireNonNull(builder.userAgent, "userAgent");
    if (builder.userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be blank");
    }
    HeaderValues.problem(builder.userAgent).ifPresent(problem -> {
      throw new IllegalArgumentException("userAgent " + problem);
    });
    this.userAgent = builder.userAgent;
    this.allowPlainHttp = builder.allowPlainHttp;
    this.rateLimitErrorCodes = Set.copyOf(builder.rateLimitErrorCodes);
  }

  /**
   * Returns the defaults: 2 s to connect, 5 s per request, 1 MiB per response, HTTPS only
   * (plain HTTP to loopback hosts), the library's own {@code User-Agent}, no rate-limit codes.
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

  /**
   * Returns how long to wait for a TCP/TLS connection.
   *
   * @return a positive duration
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Returns how long one request may take, from sending it to reading the last body byte.
   *
   * @return a positive duration
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * Returns the largest response body read; a larger one is a permanent failure.
   *
   * @return bytes, at least 1
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Returns the {@code User-Agent} header sent with every request.
   *
   * @return the header value
   */
  public String userAgent() {
    return userAgent;
  }

  /**
   * Tells whether {@code http://} URLs to hosts other than loopback are allowed.
   *
   * @return {@code true} when plain HTTP may reach any host
   */
  public boolean allowPlainHttp() {
    return allowPlainHttp;
  }

  /**
   * Returns the service's error codes that make a response a transient, rate-limit failure
   * whatever its HTTP status.
   *
   * @return the codes, compared exactly; empty by default
   */
  public Set<String> rateLimitErrorCodes() {
    return rateLimitErrorCodes;
  }

  /** Shows every value; holds no secret. */
  @Override
  public String toString() {
    return "HttpClientConfig[connectTimeout=" + connectTimeout + ", requestTimeout="
        + requestTimeout + ", maxResponseBytes=" + maxResponseBytes + ", userAgent=" + userAgent
        + ", allowPlainHttp=" + allowPlainHttp + ", rateLimitErrorCodes=" + rateLimitErrorCodes
        + "]";
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, found " + value);
    }
    return value;
  }

  /** Builds an {@link HttpClientConfig}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private String userAgent = UserAgent.DEFAULT;
    private boolean allowPlainHttp = DEFAULT_ALLOW_PLAIN_HTTP;
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
     * @param value the header value, printable ASCII
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
     * Sets the service's error codes that mean "rate limited" whatever the HTTP status, as
     * {@link JsonResponse#errorCode()} reads them (Okta's {@code errorCode}, Google's
     * {@code error.errors[].reason}).
     *
     * @param codes the codes, compared exactly
     * @return this builder
     */
    public Builder rateLimitErrorCodes(Collection<String> codes) {
      this.rateLimitErrorCodes = Set.copyOf(codes);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the field and the value when one is out of range
     */
    public HttpClientConfig build() {
      return new HttpClientConfig(this);
    }
  }
}
