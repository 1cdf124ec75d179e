package org.userresolver.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A private key that signs JWTs, with its JWS algorithm and optional key id ({@code kid}):
 * RSA keys of 2048 bits or more sign with {@code RS256}, P-256 EC keys with {@code ES256}.
 * Signing uses {@code java.security} only.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the algorithm and key id, never the
 * key.
 */
public final class SigningKey {
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  public static final String RS256 = "RS256";
  /** ECDSA on P-256 with SHA-256. */
  public static final String ES256 = "ES256";
  /** The smallest RSA modulus accepted, in bits. */
  public static final int MIN_RSA_BITS = 2048;

  private static final String PEM_BEGIN = "-----BEGIN";
  private static final int MAX_PATH_LENGTH = 4096;

  private final PrivateKey key;
  private final String algorithm;
  private final String keyId;

  private SigningKey(PrivateKey key, String algorithm, String keyId) {
    this.key = key;
    this.algorithm = algorithm;
    this.keyId = keyId;
  }

  /**
   * Returns a signing key for a private key.
   *
   * @param key an RSA key of at least 2048 bits, or a P-256 EC key
   * @param keyId the {@code kid} to put in JWT headers, or {@code null} for none
   * @return the signing key
   * @throws IllegalArgumentException for another kind or size of key, or a blank key id
   */
  public static SigningKey of(PrivateKey key, String keyId) {
    Objects.requireNonNull(key, "key");
    if (keyId != null && keyId.isBlank()) {
      throw new IllegalArgumentException("keyId must not be blank; pass null for none");
    }
    if (key instanceof RSAPrivateKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new IllegalArgumentException("RSA keys must have at least " + MIN_RSA_BITS
            + " bits, found " + bits);
      }
      return new SigningKey(key, RS256, keyId);
    }
    if (key instanceof ECPrivateKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits != 256) {
        throw new IllegalArgumentException("EC keys must be on P-256 (ES256), found a "
            + bits + "-bit curve");
      }
      return new SigningKey(key, ES256, keyId);
    }
    throw new IllegalArgumentException("keys must be RSA or EC, found " + key.getAlgorithm());
  }

  /**
   * Returns a signing key read from PEM text: {@code PRIVATE KEY} (PKCS#8),
   * {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1, P-256), unencrypted.
   *
   * @param pem the PEM text
   * @param keyId the {@code kid}, or {@code null} for none
   * @return the signing key
   * @throws IllegalArgumentException when the text holds no usable key; never quotes it
   */
  public static SigningKey fromPem(String pem, String keyId) {
    return of(Pem.privateKey(Objects.requireNonNull(pem, "pem")), keyId);
  }

  /**
   * Returns a signing key read from a PEM file. Text around the PEM blocks is ignored, so
   * {@code openssl pkcs12} output ("Bag Attributes", a certificate) works as it is.
   *
   * @param file the file
   * @param keyId the {@code kid}, or {@code null} for none
   * @return the signing key
   * @throws IllegalArgumentException naming the file when it cannot be read or holds no usable
   *     key; never quotes its content
   */
  public static SigningKey fromPemFile(Path file, String keyId) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the private key file " + file + ": "
          + e.getClass().getSimpleName(), e);
    }
    try {
      return fromPem(pem, keyId);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the private key file " + file + " is unusable: "
          + e.getMessage());
    }
  }

  /**
   * Returns a signing key from a setting that holds either PEM text or the path of a PEM file,
   * as {@code OKTA_PRIVATE_KEY} does. The value is PEM text wherever {@code -----BEGIN}
   * appears in it (lines before it, such as {@code openssl pkcs12}'s "Bag Attributes", are
   * fine); else it is a file path.
   *
   * <p>Messages never quote the value, which may be a mangled key: a file is named only when
   * it exists, or when its folder does (a mistyped file name); anything else is reported as
   * neither PEM text nor a readable file.
   *
   * @param value PEM text or a file path
   * @param keyId the {@code kid}, or {@code null} for none
   * @return the signing key
   * @throws IllegalArgumentException when the value holds or names no usable key
   */
  public static SigningKey fromPemTextOrFile(String value, String keyId) {
    Objects.requireNonNull(value, "value");
    if (value.contains(PEM_BEGIN)) {
      return fromPem(value, keyId);
    }
    Optional<Path> file = showablePath(value);
    if (file.isEmpty()) {
      throw new IllegalArgumentException("is neither PEM text (" + PEM_BEGIN
          + " PRIVATE KEY-----) nor the path of a readable file; the value is not shown, as it "
          + "may be a key");
    }
    return fromPemFile(file.get(), keyId);
  }

  /**
   * Returns the JWS algorithm.
   *
   * @return {@value #RS256} or {@value #ES256}
   */
  public String algorithm() {
    return algorithm;
  }

  /**
   * Returns the key id put in JWT headers.
   *
   * @return the {@code kid}, or empty
   */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  PrivateKey privateKey() {
    return key;
  }

  /**
   * The value as a path that may be shown in messages: one line, a file that exists, or a path
   * with a folder part whose folder exists. Key material (base64, which may hold {@code /}) is
   * neither, so it is never echoed.
   */
  private static Optional<Path> showablePath(String value) {
    if (value.length() > MAX_PATH_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
      return Optional.empty();
    }
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (Files.isRegularFile(path)) {
      return Optional.of(path);
    }
    Path folder = path.getParent();
    return folder != null && Files.isDirectory(folder) ? Optional.of(path) : Optional.empty();
  }

  /** Shows the algorithm and key id; never the key. */
  @Override
  public String toString() {
    return "SigningKey[" + algorithm + (keyId == null ? "" : ", kid=" + keyId) + "]";
  }
}
