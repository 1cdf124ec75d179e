package org.userresolver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;

final class ProfileUrlTemplateTest {
  private static final Map<String, String> SAMPLES = new java.util.LinkedHashMap<>();

  static {
    SAMPLES.put("base", "https://idp.example.com");
    SAMPLES.put("email", "user@example.com");
  }

  @Test
  void expand_encodesEachValue_butNotTheVerbatimOnes() {
    ProfileUrlTemplate template = ProfileUrlTemplate.parse("{base}/people/{email}", SAMPLES,
        Set.of("base"), "{base}/people/{email}");

    assertEquals("https://idp.example.com/sso/people/o%27brien%2Bx%40example.com",
        template.expand(Map.of("base", "https://idp.example.com/sso",
            "email", "o'brien+x@example.com")));
  }

  @Test
  void read_isEmptyWhenUnset_andRecordsAProblemNamingTheSetting() {
    Settings unset = Settings.of(Map.of());
    Settings bad = Settings.of(Map.of("ACME_PROFILE_URL", "ftp://x/{name}"));
    Settings.Parser parser = bad.parser();

    assertEquals(Optional.empty(), ProfileUrlTemplate.read(unset, unset.parser(),
        "ACME_PROFILE_URL", SAMPLES, Set.of(), "https://people.example.com/{email}"));
    assertEquals(Optional.empty(), ProfileUrlTemplate.read(bad, parser, "ACME_PROFILE_URL",
        SAMPLES, Set.of(), "https://people.example.com/{email}"));
    assertEquals(List.of("ACME_PROFILE_URL has the unknown placeholder {name}; use {base} or "
        + "{email}, found \"ftp://x/{name}\""), parser.problems());
  }
}
