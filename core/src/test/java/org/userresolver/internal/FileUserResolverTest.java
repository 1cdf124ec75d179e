package org.userresolver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserDirectory;
import org.userresolver.UserResolver;

final class FileUserResolverTest {

  private static final String USERS = """
      [
        {"user_id": "ada@example.com", "email": "ada@example.com", "first_name": "Ada",
         "last_name": "Lovelace", "role_name": "Mathematician", "unknown_key": 1},
        {"email": "Grace@Example.com", "first_name": "Grace", "last_name": "Hopper",
         "is_active": false}
      ]
      """;

  @TempDir
  Path dir;

  @Test
  void resolve_matchesEmail_caseInsensitively() throws IOException {
    UserResolver resolver = new FileUserResolver(write(USERS));

    User grace = resolver.resolve("grace@example.com");

    assertEquals("Grace@Example.com", grace.userId());
    assertEquals("Grace Hopper", grace.displayName());
    assertEquals(false, grace.isActive());
  }

  @Test
  void create_rejectsInvalidEntry_namingFileAndIndex() throws IOException {
    Path file = write("[{\"email\": \"a@example.com\"}, {\"team_name\": \"x\"}]");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FileUserResolver(file));

    assertEquals("invalid users file " + file + ": entry 1: " + User.NO_DISPLAY_NAME,
        e.getMessage());
  }

  @Test
  void create_rejectsDuplicateIds() throws IOException {
    Path file = write("[{\"email\": \"a@example.com\"}, {\"email\": \"A@example.com\"}]");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FileUserResolver(file));

    assertTrue(e.getMessage().contains("entry 1: user_id A@example.com appears twice"),
        e.getMessage());
  }

  @Test
  void create_rejectsMissingFile() {
    Path missing = dir.resolve("missing.json");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FileUserResolver(missing));

    assertTrue(e.getMessage().startsWith("cannot read the users file " + missing), e.getMessage());
  }

  @Test
  void factory_requiresTheFileSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FileUserResolverFactory().create(Settings.of(Map.of())));

    assertEquals("Invalid settings for the file provider:\n  - USER_RESOLVER_FILE is required: "
        + "the path of a JSON array of users in Amundsen's UserSchema shape", e.getMessage());
  }

  @Test
  void directory_listsEveryUser_inPagesOf500_inFileOrder() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 501; i++) {
      json.append(i == 0 ? "" : ",").append("{\"email\": \"u").append(i)
          .append("@example.com\"}");
    }
    UserDirectory directory = new FileUserResolver(write(json + "]")).directory().orElseThrow();

    UserDirectory.Page first = directory.page(UserDirectory.Request.all(), null);
    UserDirectory.Page last = directory.page(UserDirectory.Request.all(), first.next().get());

    assertEquals(500, first.users().size());
    assertEquals("u0@example.com", first.users().get(0).userId());
    assertEquals(List.of("u500@example.com"), last.users().stream().map(User::userId).toList());
    assertEquals(Optional.empty(), last.next());
    assertEquals("the file provider cannot list users by update time",
        assertThrows(IllegalArgumentException.class, () -> directory.page(
            UserDirectory.Request.updatedSince(Instant.EPOCH), null)).getMessage());
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "users", ".json");
    Files.writeString(file, json);
    return file;
  }
}
