package org.userresolver.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.User;
import org.userresolver.UserResolver;

/** The {@code file} provider passes the provider contract. */
final class FileProviderContractTest extends UserResolverContract {

  @TempDir
  Path dir;

  @Override
  protected UserResolver createResolver() throws IOException {
    Path file = dir.resolve("users.json");
    Files.writeString(file, """
        [{"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace"}]
        """);
    return BuiltInPlugins.provider("file", Map.of("USER_RESOLVER_FILE", file.toString()));
  }

  @Override
  protected User knownUser() {
    return User.builder().email("ada@example.com").firstName("Ada").lastName("Lovelace").build();
  }
}
