package org.userresolver.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SigningKeyTest {

  @TempDir
  Path dir;

  @Test
  void fromPem_readsPkcs8Rsa_asRs256() {
    SigningKey key = SigningKey.fromPem(TestKeys.pkcs8Pem(TestKeys.RSA.getPrivate()), "k1");

    assertEquals("RS256", key.algorithm());
    assertEquals(Optional.of("k1"), key.keyId());
    assertArrayEquals(TestKeys.RSA.getPrivate().getEncoded(), key.privateKey().getEncoded());
  }

  @Test
  void fromPem_readsPkcs1Rsa() {
    String pem = TestKeys.pem("RSA PRIVATE KEY", TestKeys.pkcs1(TestKeys.RSA.getPrivate()));

    SigningKey key = SigningKey.fromPem(pem, null);

    assertEquals("RS256", key.algorithm());
    assertArrayEquals(TestKeys.RSA.getPrivate().getEncoded(), key.privateKey().getEncoded());
  }

  @Test
  void fromPem_readsPkcs8AndSec1Ec_asEs256() {
    ECPrivateKey ec = (ECPrivateKey) TestKeys.EC.getPrivate();

    SigningKey pkcs8 = SigningKey.fromPem(TestKeys.pkcs8Pem(ec), null);
    SigningKey sec1 = SigningKey.fromPem(TestKeys.pem("EC PRIVATE KEY", TestKeys.sec1(ec)), null);

    assertEquals("ES256", pkcs8.algorithm());
    assertEquals("ES256", sec1.algorithm());
    assertEquals(ec.getS(), ((ECPrivateKey) sec1.privateKey()).getS());
  }

  @Test
  void jwt_signsWithRs256_verifiableWithThePublicKey() throws Exception {
    SigningKey key = SigningKey.of(TestKeys.RSA.getPrivate(), "kid-1");

    String jwt = Jwt.sign(key, Map.of("iss", "me"));

    String[] parts = jwt.split("\\.");
    assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"kid-1\"}", decode(parts[0]));
    assertEquals("{\"iss\":\"me\"}", decode(parts[1]));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(TestKeys.RSA.getPublic());
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));
  }

  @Test
  void jwt_signsWithEs256_inJoseFormat() throws Exception {
    SigningKey key = SigningKey.of(TestKeys.EC.getPrivate(), null);

    String jwt = Jwt.sign(key, Map.of("iss", "me"));

    String[] parts = jwt.split("\\.");
    assertEquals("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", decode(parts[0]));
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    assertEquals(64, signature.length);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(TestKeys.EC.getPublic());
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(verifier.verify(signature));
  }

  @Test
  void of_rejectsSmallRsaKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.of(generator.generateKeyPair().getPrivate(), null));

    assertEquals("RSA keys must have at least 2048 bits, found 1024", e.getMessage());
  }

  @Test
  void fromPem_rejectsEncryptedKeys_withoutQuotingThem() {
    String pem = TestKeys.pem("ENCRYPTED PRIVATE KEY", "c2VjcmV0LWtleS1ieXRlcw".getBytes());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.fromPem(pem, null));

    assertEquals("encrypted private keys are not supported; convert it with: openssl pkcs8 "
        + "-topk8 -nocrypt -in key.pem -out key-pkcs8.pem", e.getMessage());
  }

  @Test
  void fromPem_rejectsTextWithoutAKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.fromPem("not a key at all", null));

    assertEquals("not a PEM private key: no -----BEGIN ...----- block", e.getMessage());
  }

  @Test
  void fromPemFile_namesTheFile_andNeverItsContent() throws IOException {
    Path missing = dir.resolve("missing.pem");
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nAAAAsecretAAAA\n-----END PRIVATE "
        + "KEY-----\n");

    IllegalArgumentException missingError = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.fromPemFile(missing, null));
    IllegalArgumentException garbageError = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.fromPemFile(garbage, null));

    assertEquals("cannot read the private key file " + missing + ": NoSuchFileException",
        missingError.getMessage());
    assertEquals("the private key file " + garbage + " is unusable: the PEM block is not an RSA "
        + "or EC private key", garbageError.getMessage());
    assertFalse(garbageError.getMessage().contains("secret"));
  }

  /** What {@code openssl pkcs12 -in okta.p12 -nodes} prints: attributes, a certificate, the key. */
  private static String opensslPkcs12Output() {
    return "Bag Attributes\n    localKeyID: 01 00 00 00 \n    friendlyName: Cl\u00e9 okta\n"
        + "subject=CN = okta-service-app\n\nissuer=CN = okta-service-app\n\n"
        + TestKeys.pem("CERTIFICATE", "not really a certificate".getBytes(StandardCharsets.UTF_8))
        + "Bag Attributes\n    localKeyID: 01 00 00 00 \nKey Attributes: <No Attributes>\n"
        + TestKeys.pkcs8Pem(TestKeys.RSA.getPrivate());
  }

  @Test
  void fromPemTextOrFile_readsOpensslOutput_withBagAttributesAndACertificateBeforeTheKey() {
    SigningKey key = SigningKey.fromPemTextOrFile(opensslPkcs12Output(), "k1");

    assertEquals("RS256", key.algorithm());
    assertArrayEquals(TestKeys.RSA.getPrivate().getEncoded(), key.privateKey().getEncoded());
  }

  @Test
  void fromPemTextOrFile_readsAFileOfOpensslOutput_whateverItsAttributesEncoding()
      throws IOException {
    Path file = dir.resolve("okta.pem");
    Files.writeString(file, opensslPkcs12Output(), StandardCharsets.UTF_8);

    SigningKey key = SigningKey.fromPemTextOrFile(file.toString(), null);

    assertArrayEquals(TestKeys.RSA.getPrivate().getEncoded(), key.privateKey().getEncoded());
  }

  @Test
  void fromPemTextOrFile_neverQuotesAValueThatIsNeitherPemNorAReadableFile() {
    String base64Key = Base64.getEncoder().encodeToString(TestKeys.RSA.getPrivate().getEncoded());
    List<String> values = List.of("not-a-key-s3cr3t", "MIIEvQIBADANBg/s3cr3t+key/material==",
        base64Key, "MIIEvQIB\nADANBgs3cr3t", dir + "/no-such-folder/s3cr3t.pem");

    for (String value : values) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SigningKey.fromPemTextOrFile(value, null));

      assertEquals("is neither PEM text (-----BEGIN PRIVATE KEY-----) nor the path of a "
          + "readable file; the value is not shown, as it may be a key", e.getMessage());
      assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }
  }

  @Test
  void fromPemTextOrFile_namesAMissingFile_whoseFolderExists() {
    Path missing = dir.resolve("missing.pem");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.fromPemTextOrFile(missing.toString(), null));

    assertEquals("cannot read the private key file " + missing + ": NoSuchFileException",
        e.getMessage());
  }

  @Test
  void fromPem_saysWhatTheTextHolds_whenItHasNoPrivateKey() {
    String certificate = TestKeys.pem("CERTIFICATE", "c2VjcmV0".getBytes(StandardCharsets.UTF_8));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.fromPem(certificate, null));

    assertEquals("the PEM block is a CERTIFICATE, not a private key", e.getMessage());
  }

  @Test
  void toString_showsAlgorithmAndKid_only() {
    SigningKey key = SigningKey.of(TestKeys.RSA.getPrivate(), "kid-9");

    assertEquals("SigningKey[RS256, kid=kid-9]", key.toString());
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}
