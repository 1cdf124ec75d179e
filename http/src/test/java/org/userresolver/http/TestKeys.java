package org.userresolver.http;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Key pairs made once per test run, and PEM encodings of them. */
final class TestKeys {
  static final KeyPair RSA = generate("RSA", 2048);
  static final KeyPair EC = generateEc();

  private TestKeys() {}

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  static String pkcs8Pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** The PKCS#1 RSAPrivateKey inside a PKCS#8 RSA key: the content of its OCTET STRING. */
  static byte[] pkcs1(PrivateKey key) {
    byte[] der = key.getEncoded();
    int[] outer = header(der, 0);
    int offset = outer[0];
    int[] version = header(der, offset);
    offset = version[0] + version[1];
    int[] algorithm = header(der, offset);
    offset = algorithm[0] + algorithm[1];
    int[] octets = header(der, offset);
    return Arrays.copyOfRange(der, octets[0], octets[0] + octets[1]);
  }

  /** SEC1 ECPrivateKey with the P-256 curve named, as openssl writes it. */
  static byte[] sec1(ECPrivateKey key) {
    byte[] scalar = toFixed(key.getS(), 32);
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(new byte[] {0x02, 0x01, 0x01});
    content.writeBytes(tlv(0x04, scalar));
    content.writeBytes(tlv(0xa0, hex("06082a8648ce3d030107")));
    return tlv(0x30, content.toByteArray());
  }

  /** Returns {start of content, length} of the DER element at offset. */
  private static int[] header(byte[] der, int offset) {
    int length = der[offset + 1] & 0xff;
    int start = offset + 2;
    if (length >= 0x80) {
      int bytes = length & 0x7f;
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (der[start + i] & 0xff);
      }
      start += bytes;
    }
    return new int[] {start, length};
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    out.write(value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] toFixed(BigInteger value, int size) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[size];
    int copy = Math.min(bytes.length, size);
    System.arraycopy(bytes, bytes.length - copy, fixed, size - copy, copy);
    return fixed;
  }

  private static byte[] hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  private static KeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generateEc() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
