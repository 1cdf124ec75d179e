package org.userresolver.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's {@code User-Agent}: its name, its version, and the Java version. */
final class UserAgent {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/org.userresolver/user-resolver-http/pom.properties";

  /** {@code userresolver/<version> (Java <feature>)}. */
  static final String DEFAULT =
      "userresolver/" + version() + " (Java " + Runtime.version().feature() + ")";

  private UserAgent() {}

  /** The version from the jar's manifest or Maven metadata; {@code dev} in a build tree. */
  static String version() {
    String version = UserAgent.class.getPackage().getImplementationVersion();
    if (version != null && !version.isBlank()) {
      return version;
    }
    try (InputStream in = UserAgent.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String fromPom = properties.getProperty("version");
        if (fromPom != null && !fromPom.isBlank()) {
          return fromPom.trim();
        }
      }
    } catch (IOException e) {
      // fall through: the version is informational
    }
    return "dev";
  }
}
