package org.userresolver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.userresolver.ResolutionException;
import org.userresolver.User;

final class ProfileMappingTest {

  private static JsonNode json(String text) throws IOException {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void text_trimsValues_andIsEmptyForNullMissingArraysAndObjects() throws IOException {
    JsonNode user = json("{\"name\": \" Ada \", \"age\": 36, \"none\": null, \"list\": [\"a\"],"
        + " \"object\": {\"a\": 1}}");

    assertEquals("Ada", ProfileMapping.text(user.path("name")));
    assertEquals("36", ProfileMapping.text(user.path("age")));
    assertEquals("", ProfileMapping.text(user.path("none")));
    assertEquals("", ProfileMapping.text(user.path("missing")));
    assertEquals("", ProfileMapping.text(user.path("list")));
    assertEquals("", ProfileMapping.text(user.path("object")));
  }

  @Test
  void joined_joinsListsFlattened_skippingBlanks_andShowsObjectsAsJson() throws IOException {
    JsonNode value = json("[\"en\", \" \", null, [\"fr\", \"de\"], {\"a\": 1}]");

    assertEquals(List.of("en", "fr", "de", "{\"a\":1}"), ProfileMapping.texts(value));
    assertEquals("en, fr, de, {\"a\":1}", ProfileMapping.joined(value));
    assertEquals("R&D", ProfileMapping.joined(json("\"R&D\"")));
  }

  @Test
  void emailOf_fallsBackToAnEmailShapedLogin_only() {
    assertEquals("ada@example.com", ProfileMapping.emailOf("ada@example.com", "ada"));
    assertEquals("ada@example.com", ProfileMapping.emailOf("", "ada@example.com"));
    assertEquals("", ProfileMapping.emailOf("", "ada"));
  }

  @Test
  void isRequestedUser_needsAnEmailIdToBeOneOfTheUsersIdentifiers_ignoringCase() {
    assertTrue(ProfileMapping.isRequestedUser("Ada@Example.com", "ada", "ada@example.com"));
    assertTrue(ProfileMapping.isRequestedUser("ada@example.com", "ADA@EXAMPLE.COM", null));
    assertFalse(ProfileMapping.isRequestedUser("ada@example.com", "other@example.com",
        "ada@example.co", null, ""));
    assertFalse(ProfileMapping.isRequestedUser("ada@example.com"));
  }

  @Test
  void isRequestedUser_leavesIdsThatAreNotEmailsToTheService() {
    assertTrue(ProfileMapping.isRequestedUser("00ub0oNGTSWTBKOLGLNR", "ada@example.com"));
    assertTrue(ProfileMapping.isRequestedUser("ada", "ada.lovelace@example.com"));
  }

  @Test
  void build_turnsAProfileAmundsenCannotShow_intoAPermanentFailure() {
    ResolutionException e = assertThrows(ResolutionException.class,
        () -> ProfileMapping.build(User.builder().isActive(true), "Okta", "00u1"));

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().startsWith("Okta user 00u1 cannot be shown: "), e.getMessage());
    assertEquals("ada@example.com", ProfileMapping.build(User.builder()
        .email("ada@example.com"), "Okta", "00u1").userId());
  }

  @Test
  void otherKeys_copiesTheNamedAttributes_orEveryUnmappedOneForAStar() throws IOException {
    JsonNode attributes = json("{\"title\": \"Mathematician\", \"costCenter\": \"R&D\","
        + " \"languages\": [\"en\", \"fr\"], \"nickName\": null}");
    Set<String> mapped = Set.of("title");

    User named = build(OtherKeys.of(List.of("title", "nickName", "missing")), attributes, mapped);
    User all = build(OtherKeys.of(List.of(OtherKeys.ALL)), attributes, mapped);
    User none = build(OtherKeys.none(), attributes, mapped);

    assertEquals(Map.of("title", "Mathematician"), named.otherKeyValues());
    assertEquals(Map.of("costCenter", "R&D", "languages", "en, fr"), all.otherKeyValues());
    assertEquals(Map.of(), none.otherKeyValues());
    assertEquals("[*]", OtherKeys.of(List.of("*")).toString());
  }

  private static User build(OtherKeys keys, JsonNode attributes, Set<String> mapped) {
    User.Builder builder = User.builder().email("ada@example.com");
    keys.copy(attributes, mapped, builder);
    return builder.build();
  }
}
