package org.userresolver.http;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted private key from PEM text: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) or SEC1 P-256 ({@code EC PRIVATE KEY}). Text around the blocks is
 * ignored, so {@code openssl pkcs12} output works as it is ("Bag Attributes" lines, a
 * certificate before the key): the first private-key block is read. Messages never quote the
 * key.
 */
final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final String CONVERT =
      "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";
  /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
  private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
  /** DER of AlgorithmIdentifier { id-ecPublicKey, prime256v1 }. */
  private static final byte[] P256_ALGORITHM = hex("301306072a8648ce3d020106082a8648ce3d030107");
  /** DER of the prime256v1 OID. */
  private static final byte[] P256_OID = hex("06082a8648ce3d030107");

  private Pem() {}

  static PrivateKey privateKey(String pem) {
    Matcher matcher = BLOCK.matcher(pem);
    String type = null;
    String body = null;
    while (matcher.find()) {
      boolean better = type == null
          || (!type.endsWith(PRIVATE_KEY) && matcher.group(1).endsWith(PRIVATE_KEY));
      if (better) {
        type = matcher.group(1);
        body = matcher.group(2);
      }
    }
    if (type == null) {
      throw new IllegalArgumentException("not a PEM private key: no -----BEGIN ...----- block");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM block " + type + " is not valid base64");
    }
    switch (type) {
      case "PRIVATE KEY":
        return pkcs8(der);
      case "RSA PRIVATE KEY":
        return pkcs8(wrap(RSA_ALGORITHM, der));
      case "EC PRIVATE KEY":
        if (indexOf(der, P256_OID) < 0) {
          throw new IllegalArgumentException(
              "only P-256 EC keys are supported (ES256), or the key lacks its curve" + CONVERT);
        }
        return pkcs8(wrap(P256_ALGORITHM, der));
      case "ENCRYPTED PRIVATE KEY":
        throw new IllegalArgumentException("encrypted private keys are not supported" + CONVERT);
      default:
        throw new IllegalArgumentException("the PEM block is a " + type + ", not a private key");
    }
  }

  private static PrivateKey pkcs8(byte[] der) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("the PEM block is not an RSA or EC private key");
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, algorithm, OCTET STRING key }. */
  private static byte[] wrap(byte[] algorithm, byte[] key) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(new byte[] {0x02, 0x01, 0x00});
    content.writeBytes(algorithm);
    content.writeBytes(tlv(0x04, key));
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((length >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
