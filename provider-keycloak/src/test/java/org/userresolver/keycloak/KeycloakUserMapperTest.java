package org.userresolver.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.keycloak.KeycloakRealm.Location;
import org.userresolver.http.ProfileUrlTemplate;
import org.userresolver.keycloak.KeycloakUserMapper.Field;

final class KeycloakUserMapperTest {
  private static final Location ACME = new Location(URI.create("https://sso.example.com"),
      "acme", URI.create("https://sso.example.com/realms/acme/protocol/openid-connect/token"));
  private static final Map<String, Field> ROLE_TEAM_MANAGER = Map.of("title", Field.ROLE_NAME,
      "department", Field.TEAM_NAME, "manager", Field.MANAGER_EMAIL);

  private static KeycloakUserMapper mapper(Map<String, Field> attributes, Set<String> otherKeys) {
    return new KeycloakUserMapper(attributes, otherKeys, template(
        KeycloakUserResolverFactory.ACCOUNT_CONSOLE));
  }

  private static Map<String, Field> parse(String value, Settings.Parser parser) {
    return KeycloakUserMapper.parseAttributeMap(value, parser);
  }

  @Test
  void map_fillsNamesMappedAttributesOtherKeysAndTheAccountConsole() {
    User ada = mapper(ROLE_TEAM_MANAGER, Set.of("*")).map("ada@example.com",
        KeycloakFixtures.ada(), ACME);

    assertEquals("ada@example.com", ada.userId());
    assertEquals("ada@example.com", ada.email());
    assertEquals("Ada", ada.firstName());
    assertEquals("Lovelace", ada.lastName());
    assertEquals("Ada Lovelace", ada.fullName());
    assertEquals("Ada Lovelace", ada.displayName());
    assertTrue(ada.isActive());
    assertEquals("Mathematician", ada.roleName());
    assertEquals("Analytical Engines", ada.teamName());
    assertEquals("charles@example.com", ada.managerEmail());
    assertEquals(Map.of("costCenter", "R&D", "languages", "en, fr"), ada.otherKeyValues());
    assertEquals("https://sso.example.com/realms/acme/account", ada.profileUrl());
  }

  @Test
  void map_copiesOnlyTheListedAttributes_mappedOnesToo_withoutAStar() {
    User ada = mapper(ROLE_TEAM_MANAGER, Set.of("languages", "title", "missing")).map(
        "ada@example.com", KeycloakFixtures.ada(), ACME);

    assertEquals(Map.of("languages", "en, fr", "title", "Mathematician"), ada.otherKeyValues());
  }

  @Test
  void map_copiesNothing_andFillsNoField_withoutConfiguration() {
    User ada = mapper(Map.of(), Set.of()).map("ada@example.com", KeycloakFixtures.ada(), ACME);

    assertEquals(Map.of(), ada.otherKeyValues());
    assertEquals("", ada.roleName());
    assertEquals("", ada.managerEmail());
  }

  @Test
  void map_takesTheFirstNonBlankValue_forAField_andAcceptsAPlainString() {
    User user = mapper(Map.of("title", Field.ROLE_NAME, "team", Field.TEAM_NAME), Set.of())
        .map("x@example.com", KeycloakFixtures.json("{\"username\": \"x\", \"email\": "
            + "\"x@example.com\", \"attributes\": {\"title\": [\" \", \"Engineer\", \"Lead\"],"
            + " \"team\": \"Platform\"}}"), ACME);

    assertEquals("Engineer", user.roleName());
    assertEquals("Platform", user.teamName());
  }

  @Test
  void map_marksADisabledUserInactive_andAUserWithoutTheFlagActive() {
    KeycloakUserMapper mapper = mapper(Map.of(), Set.of());

    User disabled = mapper.map("m@example.com", KeycloakFixtures.json(
        "{\"username\": \"m\", \"email\": \"m@example.com\", \"enabled\": false}"), ACME);
    User unflagged = mapper.map("n@example.com", KeycloakFixtures.json(
        "{\"username\": \"n\", \"email\": \"n@example.com\"}"), ACME);

    assertFalse(disabled.isActive());
    assertTrue(unflagged.isActive());
  }

  @Test
  void map_showsOneName_theEmail_orTheUsername_whenNamesAreMissing() {
    KeycloakUserMapper mapper = mapper(Map.of(), Set.of());

    User onlyFirst = mapper.map("ada", KeycloakFixtures.json(
        "{\"username\": \"ada\", \"firstName\": \"Ada\"}"), ACME);
    User onlyEmail = mapper.map("b@example.com", KeycloakFixtures.json(
        "{\"username\": \"b\", \"email\": \"b@example.com\"}"), ACME);
    User emailLikeUsername = mapper.map("c@example.com", KeycloakFixtures.json(
        "{\"username\": \"c@example.com\"}"), ACME);
    User onlyUsername = mapper.map("svc", KeycloakFixtures.json("{\"username\": \"svc\"}"), ACME);

    assertEquals("Ada", onlyFirst.displayName());
    assertEquals("b@example.com", onlyEmail.displayName());
    assertEquals("c@example.com", emailLikeUsername.email());
    assertEquals("svc", onlyUsername.displayName());
    assertEquals("", onlyUsername.email());
  }

  @Test
  void map_fillsAProfileUrlTemplate_percentEncoded_andLetsAnAttributeWin() {
    ProfileUrlTemplate template = template(
        "https://people.example.com/{realm}/{username}?id={id}&mail={email}");
    KeycloakUserMapper fromTemplate = new KeycloakUserMapper(Map.of(), Set.of(), template);
    KeycloakUserMapper fromAttribute = new KeycloakUserMapper(
        Map.of("homepage", Field.PROFILE_URL), Set.of(), template);
    String json = "{\"id\": \"u-1\", \"username\": \"o'brien smith\", \"email\": "
        + "\"o.b+x@example.com\", \"attributes\": {\"homepage\": [\"https://o.example.com\"]}}";

    assertEquals("https://people.example.com/acme/o%27brien%20smith?id=u-1&mail="
        + "o.b%2Bx%40example.com", fromTemplate.map("x", KeycloakFixtures.json(json), ACME)
        .profileUrl());
    assertEquals("https://o.example.com", fromAttribute.map("x", KeycloakFixtures.json(json), ACME)
        .profileUrl());
    assertEquals("", new KeycloakUserMapper(Map.of(), Set.of(), null)
        .map("x", KeycloakFixtures.json(json), ACME).profileUrl());
  }

  @Test
  void parseAttributeMap_readsPairs_ignoringSpacesCaseAndEmptyItems() {
    Settings.Parser parser = Settings.of(Map.of()).parser();

    Map<String, Field> map = parse(" title = role_name , ,Department=TEAM_NAME,manager=manager_email,",
        parser);

    assertEquals(Map.of("title", Field.ROLE_NAME, "Department", Field.TEAM_NAME,
        "manager", Field.MANAGER_EMAIL), map);
    assertEquals(java.util.List.of(), parser.problems());
  }

  @Test
  void parseAttributeMap_reportsEveryBadPair() {
    Settings.Parser parser = Settings.of(Map.of()).parser();

    parse("title,=team_name,title=role_name,title=team_name,job=role_name,dept=team", parser);

    assertEquals(java.util.List.of(
        "KEYCLOAK_ATTRIBUTE_MAP must be attribute=field pairs separated by commas, such as "
            + "title=role_name,department=team_name; found \"title\"",
        "KEYCLOAK_ATTRIBUTE_MAP must be attribute=field pairs separated by commas, such as "
            + "title=role_name,department=team_name; found \"=team_name\"",
        "KEYCLOAK_ATTRIBUTE_MAP maps attribute title twice",
        "KEYCLOAK_ATTRIBUTE_MAP fills role_name from both title and job",
        "KEYCLOAK_ATTRIBUTE_MAP: \"team\" (for attribute dept) is not a field an attribute can "
            + "fill; use one of display_name, full_name, role_name, team_name, employee_type, "
            + "manager_email, manager_fullname, manager_id, github_username, slack_id, "
            + "profile_url"), parser.problems());
  }

  @Test
  void profileUrlSetting_isNoLinkForNone_theAccountConsoleByDefault_andRejectsBadTemplates() {
    Settings none = Settings.of(Map.of("KEYCLOAK_PROFILE_URL", "NONE"));
    Settings unset = Settings.of(Map.of());
    assertNull(KeycloakUserResolverFactory.profileUrl(none, none.parser()));
    assertEquals(KeycloakUserResolverFactory.ACCOUNT_CONSOLE,
        KeycloakUserResolverFactory.profileUrl(unset, unset.parser()).toString());

    IllegalArgumentException placeholder = assertThrows(IllegalArgumentException.class,
        () -> template("https://x.example.com/{user}"));
    IllegalArgumentException notUrl = assertThrows(IllegalArgumentException.class,
        () -> template("mailto:{email}"));

    assertEquals("has the unknown placeholder {user}; use {base}, {realm}, {id}, {username} or "
        + "{email}", placeholder.getMessage());
    assertEquals("must expand to an absolute http(s) URL, such as {base}/realms/{realm}/account",
        notUrl.getMessage());
  }

  private static ProfileUrlTemplate template(String value) {
    return ProfileUrlTemplate.parse(value, KeycloakUserMapper.SAMPLES, Set.of("base"),
        "{base}/realms/{realm}/account");
  }

}
