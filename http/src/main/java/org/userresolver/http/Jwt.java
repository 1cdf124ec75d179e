package org.userresolver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs compact JWS tokens (RFC 7515) with {@code java.security}. */
final class Jwt {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Jwt() {}

  /**
   * Returns {@code header.claims.signature}, the header holding {@code alg}, {@code typ} and
   * the key's {@code kid}.
   */
  static String sign(SigningKey key, Map<String, Object> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", key.algorithm());
    header.put("typ", "JWT");
    key.keyId().ifPresent(kid -> header.put("kid", kid));
    String input = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance(key.algorithm().equals(SigningKey.RS256)
          ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      signature.initSign(key.privateKey());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a JWT with " + key + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static String encode(Map<String, Object> json) {
    try {
      return BASE64URL.encodeToString(Json.MAPPER.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JWT JSON", e);
    }
  }
}
