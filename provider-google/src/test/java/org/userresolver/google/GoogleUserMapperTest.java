package org.userresolver.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.userresolver.http.ProfileUrlTemplate;
import org.userresolver.ResolutionException;
import org.userresolver.User;
import org.userresolver.http.OtherKeys;

final class GoogleUserMapperTest {
  private static final GoogleUserMapper PLAIN = new GoogleUserMapper(OtherKeys.none(), null);

  private static ObjectNode ada() {
    return (ObjectNode) GoogleFixtures.json(GoogleFixtures.ada());
  }

  @Test
  void map_takesTheFieldsGoogleShows_theIdLookedUp_andThePrimaryEmail() {
    User user = PLAIN.map("ada.lovelace@example.com", ada());

    assertEquals(User.builder()
        .userId("ada.lovelace@example.com")
        .email("ada@example.com")
        .firstName("Ada")
        .lastName("Lovelace")
        .fullName("Ada Lovelace")
        .displayName("Ada Lovelace")
        .isActive(true)
        .roleName("Principal Mathematician")
        .teamName("Analytical Engines")
        .employeeType("Full-time")
        .managerEmail("charles@example.com")
        .otherKeyValue("thumbnailPhotoUrl", "https://lh3.google.com/ao/AP2z2aWHJm0E3v9Pz7qTQ0mYk0pD")
        .build(), user);
  }

  @Test
  void map_takesThePrimaryOrganization_evenWhenListedSecond() {
    User user = PLAIN.map("ada@example.com", ada());

    assertEquals("Principal Mathematician", user.roleName());
    assertEquals("Analytical Engines", user.teamName());
    assertEquals("Full-time", user.employeeType());
  }

  @Test
  void map_takesTheFirstOrganization_whenNoneIsPrimary() {
    ObjectNode ada = ada();
    ada.withArray("organizations").forEach(org -> ((ObjectNode) org).remove("primary"));

    User user = PLAIN.map("ada@example.com", ada);

    assertEquals("Translator", user.roleName());
    assertEquals("Notes", user.teamName());
    assertEquals("Contractor", user.employeeType());
  }

  @Test
  void map_takesTheManagerRelation_notTheFirstRelation() {
    User user = PLAIN.map("ada@example.com", ada());

    assertEquals("grace@example.com", ada().path("relations").path(0).path("value").asText());
    assertEquals("charles@example.com", user.managerEmail());
  }

  @Test
  void map_leavesTheManagerEmpty_withoutAManagerRelation() {
    ObjectNode ada = ada();
    ada.withArray("relations").remove(1);

    User user = PLAIN.map("ada@example.com", ada);

    assertEquals("", user.managerEmail());
    assertEquals("", user.managerFullname());
  }

  @Test
  void map_putsAManagerThatIsNoEmail_intoManagerFullname() {
    ObjectNode ada = ada();
    ((ObjectNode) ada.withArray("relations").get(1)).put("value", "Charles Babbage");

    User user = PLAIN.map("ada@example.com", ada);

    assertEquals("", user.managerEmail());
    assertEquals("Charles Babbage", user.managerFullname());
  }

  @Test
  void map_isInactive_whenSuspendedOrArchived() {
    ObjectNode suspended = ada().put("suspended", true);
    ObjectNode archived = ada().put("archived", true);

    assertFalse(PLAIN.map("ada@example.com", suspended).isActive());
    assertFalse(PLAIN.map("ada@example.com", archived).isActive());
    assertTrue(PLAIN.map("ada@example.com", ada()).isActive());
  }

  @Test
  void map_buildsTheFullName_whenGoogleSendsNone_andPrefersTheDisplayName() {
    ObjectNode ada = ada();
    ((ObjectNode) ada.path("name")).remove("fullName");
    ((ObjectNode) ada.path("name")).put("displayName", "Countess Lovelace");

    User user = PLAIN.map("ada@example.com", ada);

    assertEquals("Ada Lovelace", user.fullName());
    assertEquals("Countess Lovelace", user.displayName());
  }

  @Test
  void map_copiesTheConfiguredAttributes_nestedOnesByPath() {
    GoogleUserMapper mapper = new GoogleUserMapper(OtherKeys.of(List.of("orgUnitPath",
        "externalIds.organization", "externalIds.github", "organization.costCenter",
        "relations.dotted_line_manager", "customSchemas.Employment.skills", "isEnrolledIn2Sv",
        "notThere")), null);

    User user = mapper.map("ada@example.com", ada());

    assertEquals(Map.of(
        "thumbnailPhotoUrl", "https://lh3.google.com/ao/AP2z2aWHJm0E3v9Pz7qTQ0mYk0pD",
        "orgUnitPath", "/Engineering",
        "externalIds.organization", "E-1815",
        "externalIds.github", "ada-lovelace",
        "organization.costCenter", "R&D-42",
        "relations.dotted_line_manager", "grace@example.com",
        "customSchemas.Employment.skills", "analysis, poetry",
        "isEnrolledIn2Sv", "true"), user.otherKeyValues());
  }

  @Test
  void map_copiesEveryUnmappedAttribute_forStar_butNoMappedOne() {
    GoogleUserMapper mapper = new GoogleUserMapper(OtherKeys.of(List.of("*")), null);

    Map<String, String> other = mapper.map("ada@example.com", ada()).otherKeyValues();

    assertEquals("E-1815", other.get("externalIds.organization"));
    assertEquals("London", other.get("organization.location"));
    assertEquals("2019-06-03", other.get("customSchemas.Employment.startDate"));
    assertEquals("C03az79cb", other.get("customerId"));
    for (String mapped : GoogleUserMapper.MAPPED) {
      if (!mapped.equals(GoogleUserMapper.THUMBNAIL)) {
        assertFalse(other.containsKey(mapped), mapped + " copied: " + other);
      }
    }
  }

  @Test
  void map_fillsTheProfileUrlTemplate_percentEncoded() {
    GoogleUserMapper mapper = new GoogleUserMapper(OtherKeys.none(),
        ProfileUrlTemplate.parse("https://people.example.com/{email}?id={id}",
            GoogleUserMapper.SAMPLES, Set.of(), "https://admin.google.com/ac/users/{id}"));

    User user = mapper.map("ada@example.com", ada());

    assertEquals("https://people.example.com/ada%40example.com?id=103847562910384756291",
        user.profileUrl());
  }

  @Test
  void map_failsPermanently_forAUserAmundsenCannotShow() {
    JsonNode nameless = GoogleFixtures.json("{\"id\": \"1234\", \"name\": {}}");

    ResolutionException e = assertThrows(ResolutionException.class,
        () -> PLAIN.map("", nameless));

    assertFalse(e.isTransient());
    assertEquals("Google user 1234 cannot be shown: " + User.NO_DISPLAY_NAME, e.getMessage());
  }

  @Test
  void isRequestedUser_acceptsThePrimaryEmail_anAlias_aNonEditableAlias_orAnyEmail() {
    JsonNode ada = ada();

    assertTrue(GoogleUserMapper.isRequestedUser("ADA@example.com", ada));
    assertTrue(GoogleUserMapper.isRequestedUser("ada.lovelace@example.com", ada));
    assertTrue(GoogleUserMapper.isRequestedUser("ada@example.com.test-google-a.com", ada));
    assertTrue(GoogleUserMapper.isRequestedUser("countess@analytical.example.org", ada));
    assertFalse(GoogleUserMapper.isRequestedUser("grace@example.com", ada));
    assertTrue(GoogleUserMapper.isRequestedUser("103847562910384756291", ada));
  }
}
