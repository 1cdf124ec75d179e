package org.userresolver.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.userresolver.google.GoogleFixtures.TOKEN_PATH;
import static org.userresolver.google.GoogleFixtures.USERS;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Google as WireMock plays it for one test: a token endpoint that grants a token only to an
 * assertion Google would accept (RS256 signature verified with the public half of
 * {@link GoogleFixtures#KEYS}, {@code kid}, every claim checked), else answers Google's
 * {@code invalid_grant}; and the Directory API's {@code users} resource, answering Google's
 * {@code notFound} for users it does not hold.
 *
 * <p>Public, and in this module's test jar, for the reliability suite's Google fixture, which
 * plays Google on a {@code WireMockServer} behind a proxy of its own.
 */
@SuppressWarnings("exports") // WireMock's types in its signatures: it runs on the class path
public final class GoogleServer {
  /** The claims Google's JWT bearer grant takes; {@code jti} is the shared layer's own. */
  static final Set<String> CLAIMS = Set.of("iss", "sub", "scope", "aud", "iat", "exp", "jti");

  private final Stubbing wiremock;
  private final Supplier<String> baseUrl;
  private final Clock clock;
  private final String subject;

  /**
   * Creates the stub.
   *
   * @param wiremock the server
   * @param clock the provider's clock, which times the assertion
   * @param subject the {@code sub} the assertion must carry, or {@code null} for none
   */
  GoogleServer(WireMockExtension wiremock, Clock clock, String subject) {
    this(wiremock, wiremock::baseUrl, clock, subject);
  }

  /**
   * Creates the stub on any WireMock server.
   *
   * @param wiremock the server
   * @param baseUrl the base URL the provider is given (the key file's {@code token_uri} is
   *     {@code baseUrl + /token}, the assertion's {@code aud})
   * @param clock the provider's clock, which times the assertion
   * @param subject the {@code sub} the assertion must carry, or {@code null} for none
   */
  public GoogleServer(Stubbing wiremock, Supplier<String> baseUrl, Clock clock, String subject) {
    this.wiremock = wiremock;
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.subject = subject;
  }

  /** Grants {@code token} to valid assertions, Google's 400 {@code invalid_grant} to others. */
  public GoogleServer serveTokens(String token) {
    wiremock.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(5)
        .andMatching(this::validGrant)
        .willReturn(okJson(GoogleFixtures.token(token))));
    wiremock.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(9)
        .willReturn(tokenError(400, "invalid_grant", "Invalid JWT Signature.")));
    return this;
  }

  /** Answers {@code GET users/{encodedKey}?viewType=admin_view} with the bearer token. */
  GoogleServer serveUser(String encodedKey, String body) {
    wiremock.stubFor(user(encodedKey).willReturn(okJson(body)));
    return this;
  }

  /** Answers every other user key with Google's 404 {@code notFound}. */
  GoogleServer unknownUsers() {
    wiremock.stubFor(get(urlPathMatching(USERS + "/[^/]+")).atPriority(10)
        .willReturn(googleError(404, GoogleFixtures.notFound())));
    return this;
  }

  /** The lookup of one user key, as the provider must send it. */
  static MappingBuilder user(String encodedKey) {
    return get(urlPathEqualTo(USERS + "/" + encodedKey))
        .withQueryParam("viewType", equalTo("admin_view"))
        .withHeader("Authorization", equalTo("Bearer " + GoogleFixtures.TOKEN));
  }

  /** A response with Google's JSON error body. */
  public static ResponseDefinitionBuilder googleError(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type",
        "application/json; charset=UTF-8").withBody(body);
  }

  /** The token endpoint's OAuth error. */
  static ResponseDefinitionBuilder tokenError(int status, String error, String description) {
    return aResponse().withStatus(status).withHeader("Content-Type",
        "application/json; charset=utf-8").withBody("{\n  \"error\": \"" + error
        + "\",\n  \"error_description\": \"" + description + "\"\n}");
  }

  /** Settings for a provider talking to this server, with the key file given. */
  public Map<String, String> settings(Path keyFile) {
    Map<String, String> settings = new HashMap<>();
    settings.put("GOOGLE_APPLICATION_CREDENTIALS", keyFile.toString());
    settings.put("GOOGLE_DIRECTORY_URL", baseUrl.get());
    if (subject != null) {
      settings.put("GOOGLE_DELEGATED_SUBJECT", subject);
    }
    return settings;
  }

  /** The assertions of every token request received so far. */
  public List<String> assertions() {
    return wiremock.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).stream()
        .map(request -> form(request.getBodyAsString()).getOrDefault("assertion", "")).toList();
  }

  /**
   * What keeps Google from granting a token to this request body; empty when nothing does.
   *
   * @param body the form the provider posted
   * @return the problems, in words
   */
  List<String> problems(String body) {
    List<String> problems = new ArrayList<>();
    Map<String, String> form = form(body);
    if (!form.keySet().equals(Set.of("grant_type", "assertion"))) {
      problems.add("form fields " + form.keySet());
    }
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
      problems.add("grant_type " + form.get("grant_type"));
    }
    String[] jwt = form.getOrDefault("assertion", "").split("\\.");
    if (jwt.length != 3) {
      problems.add("not a compact JWS");
      return problems;
    }
    if (!verifies(jwt)) {
      problems.add("signature");
    }
    JsonNode header = decode(jwt[0]);
    JsonNode claims = decode(jwt[1]);
    expect(problems, "alg", "RS256", header.path("alg").asText());
    expect(problems, "typ", "JWT", header.path("typ").asText());
    expect(problems, "kid", GoogleFixtures.KEY_ID, header.path("kid").asText());
    expect(problems, "iss", GoogleFixtures.CLIENT_EMAIL, claims.path("iss").asText());
    expect(problems, "scope", GoogleUserResolverFactory.SCOPE, claims.path("scope").asText());
    expect(problems, "aud", baseUrl.get() + TOKEN_PATH, claims.path("aud").asText());
    expect(problems, "sub", subject, claims.has("sub") ? claims.path("sub").asText() : null);
    Set<String> names = new TreeSet<>();
    claims.fieldNames().forEachRemaining(names::add);
    if (!CLAIMS.containsAll(names)) {
      problems.add("claims " + names);
    }
    long iat = claims.path("iat").asLong(-1);
    long exp = claims.path("exp").asLong(-1);
    long now = clock.instant().getEpochSecond();
    if (Math.abs(iat - now) > 60) {
      problems.add("iat " + Instant.ofEpochSecond(iat) + " is not now, " + clock.instant());
    }
    if (exp <= iat || exp - iat > 3600) {
      problems.add("exp " + exp + " is not after iat " + iat + " by at most an hour");
    }
    return problems;
  }

  /** The claims of an assertion. */
  static JsonNode claims(String assertion) {
    return decode(assertion.split("\\.")[1]);
  }

  /** The header of an assertion. */
  static JsonNode header(String assertion) {
    return decode(assertion.split("\\.")[0]);
  }

  /** Decodes a form body. */
  static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] nameValue = pair.split("=", 2);
      form.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  private MatchResult validGrant(Request request) {
    return MatchResult.of(problems(request.getBodyAsString()).isEmpty());
  }

  private static void expect(List<String> problems, String name, String expected, String found) {
    if (expected == null ? found != null : !expected.equals(found)) {
      problems.add(name + " " + found + " instead of " + expected);
    }
  }

  private static boolean verifies(String[] jwt) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(GoogleFixtures.KEYS.getPublic());
      verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(Base64.getUrlDecoder().decode(jwt[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static JsonNode decode(String part) {
    try {
      return GoogleFixtures.json(new String(Base64.getUrlDecoder().decode(part),
          StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return GoogleFixtures.json("{}");
    }
  }
}
