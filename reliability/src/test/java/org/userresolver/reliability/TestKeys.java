package org.userresolver.reliability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RSA key pairs made once per test JVM (the service app's, and a wrong one), their PEM text,
 * the parts of them that are secret, and a check of an RS256 signature.
 */
final class TestKeys {
  /** The key Okta knows for the service app. */
  static final KeyPair RSA = generate();
  /** A key Okta does not know. */
  static final KeyPair WRONG = generate();

  private TestKeys() {}

  /** A private key as PKCS#8 PEM text, as {@code openssl genpkey} writes it. */
  static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /**
   * Text that would show a private key: each base64 line of its PEM, the base64 of the whole
   * key, and its private exponent and a prime in decimal and hex (what the JDK's key
   * {@code toString()} prints).
   */
  static List<String> secretParts(KeyPair pair) {
    List<String> parts = new ArrayList<>();
    pem(pair).lines().filter(line -> !line.startsWith("-----")).filter(line -> line.length() > 16)
        .forEach(parts::add);
    parts.add(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
    parts.add(key.getPrivateExponent().toString());
    parts.add(key.getPrivateExponent().toString(16));
    parts.add(key.getPrimeP().toString());
    parts.add(key.getPrimeP().toString(16));
    return parts;
  }

  /** Whether a compact JWS is signed RS256 by this pair's private key. */
  static boolean signedBy(KeyPair pair, String jwt) {
    int last = jwt.lastIndexOf('.');
    if (last < 0) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(pair.getPublic());
      verifier.update(jwt.substring(0, last).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(Base64.getUrlDecoder().decode(jwt.substring(last + 1)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
