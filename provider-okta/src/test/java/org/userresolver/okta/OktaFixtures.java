package org.userresolver.okta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Okta API payloads shaped as Okta's API reference shows them (user object, error object,
 * discovery document), filled in per test.
 */
final class OktaFixtures {
  static final String ADA_ID = "00ub0oNGTSWTBKOLGLNR";
  static final String MANAGER_ID = "00ub0oNGTSWTBKOLMGR1";
  static final String API_TOKEN = "00QCjAl4MlV-WPXM-ABCDEFGHIJKL-0HmjFx-vbGua";

  private OktaFixtures() {}

  /** A user object; {@code profile} is extra profile members, each starting with a comma. */
  static String user(String baseUrl, String id, String status, String login, String email,
      String firstName, String lastName, String profile) {
    return resource("user.json")
        .replace("{{baseUrl}}", baseUrl)
        .replace("{{id}}", id)
        .replace("{{status}}", status)
        .replace("{{login}}", json(login))
        .replace("{{email}}", json(email))
        .replace("{{firstName}}", json(firstName))
        .replace("{{lastName}}", json(lastName))
        .replace("{{profile}}", profile);
  }

  /** Ada: found by login, every mapped attribute set. */
  static String ada(String baseUrl) {
    return user(baseUrl, ADA_ID, "ACTIVE", "ada@example.com", "ada@example.com", "Ada",
        "Lovelace", ",\n    \"displayName\": \"Countess Lovelace\",\n"
            + "    \"title\": \"Mathematician\",\n"
            + "    \"department\": \"Analytical Engines\",\n"
            + "    \"manager\": \"Charles Babbage\",\n"
            + "    \"managerId\": \"" + MANAGER_ID + "\",\n"
            + "    \"employeeType\": \"Full-Time\",\n"
            + "    \"costCenter\": \"R&D\",\n"
            + "    \"nickName\": null,\n"
            + "    \"languages\": [\"en\", \"fr\"]");
  }

  /** Ada's manager. */
  static String babbage(String baseUrl) {
    return user(baseUrl, MANAGER_ID, "ACTIVE", "charles@example.com", "charles@example.com",
        "Charles", "Babbage", "");
  }

  /** An Okta error object. */
  static String error(String code, String summary) {
    return resource("error.json")
        .replace("{{errorCode}}", code)
        .replace("{{errorSummary}}", json(summary));
  }

  /** Okta's org discovery document for an issuer. */
  static String discovery(String issuer) {
    return resource("openid-configuration.json").replace("{{issuer}}", issuer);
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String resource(String name) {
    try (InputStream in = OktaFixtures.class.getResourceAsStream("/okta/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource okta/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
