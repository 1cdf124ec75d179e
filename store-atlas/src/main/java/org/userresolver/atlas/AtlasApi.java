package org.userresolver.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.userresolver.ResolutionException;
import org.userresolver.http.ApiClient;
import org.userresolver.http.ApiCredentials;
import org.userresolver.http.HttpJsonClient;
import org.userresolver.http.JsonRequest;
import org.userresolver.http.JsonResponse;

/**
 * The Atlas v2 REST calls of the store, on the shared {@link ApiClient} with basic
 * authentication sent up front (Atlas sends no challenge), and Atlas's answers mapped:
 * 401 and 403 permanent with what to check; a missing {@code User} type permanent, naming
 * {@code ATLAS_CREATE_TYPES}, or "nothing there" for reads while that setting is on; a 404 is
 * "absent" only with the error code the caller expects, any other 404 a permanent failure;
 * 5xx, 429, I/O errors and timeouts transient; malformed JSON permanent. Every message names
 * the server and what was being done, never the password. Thread-safe.
 */
final class AtlasApi {
  /** The REST root of Atlas's v2 API. */
  static final String V2 = "/api/atlas/v2";

  private final AtlasConfig config;
  private final HttpJsonClient http;
  private final ApiClient api;

  AtlasApi(AtlasConfig config, HttpJsonClient http) {
    this.config = config;
    this.http = http;
    this.api = ApiClient.builder("Atlas", http,
            ApiCredentials.basic(config.username(), config.password()))
        .explain(401, this::unauthorized)
        .explain(403, this::forbidden)
        .build();
  }

  /**
   * Sends a {@code GET}.
   *
   * @param pathAndQuery the path from the server root, query encoded
   * @param what what is being done, for messages
   * @param absentCode the error code of a 404 that means "not there", or {@code null}
   * @return the JSON answer; empty for a 404 with {@code absentCode}, or for a missing
   *     {@code User} type while {@code ATLAS_CREATE_TYPES} is on
   * @throws ResolutionException as described for the class
   */
  Optional<JsonNode> get(String pathAndQuery, String what, String absentCode) {
    JsonResponse response = exchange(JsonRequest.get(config.resolve(pathAndQuery)), what);
    if (response.status() == 404 && absentCode != null
        && absentCode.equals(response.errorCode().orElse(""))) {
      return Optional.empty();
    }
    if (isMissingType(response)) {
      if (config.createTypes()) {
        return Optional.empty();
      }
      throw missingType(response, what);
    }
    return Optional.of(answer(response, what));
  }

  /**
   * Sends a JSON {@code POST}.
   *
   * @param path the path from the server root
   * @param json the body
   * @param what what is being done, for messages
   * @return the JSON answer
   * @throws ResolutionException as described for the class
   */
  JsonNode post(String path, String json, String what) {
    JsonResponse response = exchange(JsonRequest.postJson(config.resolve(path), json), what);
    if (isMissingType(response)) {
      throw missingType(response, what);
    }
    return answer(response, what);
  }

  /**
   * Sends a JSON {@code POST} that only reads, such as a search.
   *
   * @param path the path from the server root
   * @param json the body
   * @param what what is being done, for messages
   * @return the JSON answer; empty for a missing {@code User} type while
   *     {@code ATLAS_CREATE_TYPES} is on
   * @throws ResolutionException as described for the class
   */
  Optional<JsonNode> query(String path, String json, String what) {
    JsonResponse response = exchange(JsonRequest.postJson(config.resolve(path), json), what);
    if (isMissingType(response)) {
      if (config.createTypes()) {
        return Optional.empty();
      }
      throw missingType(response, what);
    }
    return Optional.of(answer(response, what));
  }

  /**
   * Sends a JSON {@code POST} that may answer 409 with a given code, such as creating a type
   * another replica created first.
   *
   * @param path the path from the server root
   * @param json the body
   * @param what what is being done, for messages
   * @param conflictCode the error code of a 409 that is no failure
   * @return the JSON answer, or empty for that 409
   * @throws ResolutionException as described for the class
   */
  Optional<JsonNode> postAllowingConflict(String path, String json, String what,
      String conflictCode) {
    JsonResponse response = exchange(JsonRequest.postJson(config.resolve(path), json), what);
    if (response.status() == 409 && conflictCode.equals(response.errorCode().orElse(""))) {
      return Optional.empty();
    }
    return Optional.of(answer(response, what));
  }

  /** Names the server and the user; never the password. */
  @Override
  public String toString() {
    return "AtlasApi[" + config.url() + ", user " + config.username() + "]";
  }

  private JsonResponse exchange(JsonRequest request, String what) {
    try {
      return api.exchange(request, what);
    } catch (ResolutionException e) {
      if (!e.isTransient()) {
        throw e; // explained (401, 403) or refused before sending; the message says it all
      }
      throw ResolutionException.transientFailure(config.where() + " could not be reached while "
          + what + ": " + e.getMessage(), e.retryAfter().orElse(null), e);
    }
  }

  private JsonNode answer(JsonResponse response, String what) {
    if (response.status() == 404) {
      throw ResolutionException.permanentFailure(config.where() + " answered "
          + response.describeStatus() + " to " + response.describeRequest() + " while " + what
          + (response.errorCode().orElse("").startsWith("ATLAS-") ? ""
              : ": is " + config.urlSettings() + " the address of an Atlas server?"));
    }
    try {
      return http.check(response).orElseThrow().json();
    } catch (ResolutionException e) {
      String message = config.where() + " failed while " + what + ": " + e.getMessage();
      throw e.isTransient()
          ? ResolutionException.transientFailure(message, e.retryAfter().orElse(null), e)
          : ResolutionException.permanentFailure(message, e);
    }
  }

  private static boolean isMissingType(JsonResponse response) {
    String code = response.errorCode().orElse("");
    return response.status() == 400
        && (code.equals(AtlasCodes.TYPE_NAME_INVALID) || code.equals(AtlasCodes.UNKNOWN_TYPENAME));
  }

  private ResolutionException missingType(JsonResponse response, String what) {
    return ResolutionException.permanentFailure(config.where() + " has no entity type "
        + UserEntities.TYPE + " (" + response.describeStatus() + " to "
        + response.describeRequest() + " while " + what + "): set "
        + AtlasUserStoreFactory.CREATE_TYPES + "=true to create it as Amundsen's Atlas types "
        + "define it, or load Amundsen's Atlas types (amundsen-atlas-types) into Atlas");
  }

  private String unauthorized(String what, JsonResponse response) {
    return config.where() + " rejected the credentials of user '" + config.username()
        + "' while " + what + " (" + response.describeStatus() + " to "
        + response.describeRequest() + "): check " + config.credentialSettings();
  }

  private String forbidden(String what, JsonResponse response) {
    return config.where() + " refused user '" + config.username() + "' while " + what + " ("
        + response.describeStatus() + " to " + response.describeRequest() + "): grant it read, "
        + "create and update of entities of type " + UserEntities.TYPE + " (and read and create "
        + "of types, for " + AtlasUserStoreFactory.CREATE_TYPES + ") in Atlas's authorizer "
        + "(Apache Ranger's Atlas service, or atlas-simple-authz-policy.json)";
  }
}
