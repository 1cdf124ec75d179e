package org.userresolver.atlas;

import java.util.List;
import java.util.StringJoiner;
import org.userresolver.http.Urls;

/**
 * The Atlas REST paths the store uses, from the server root. User ids travel as query values,
 * percent-encoded as UTF-8 (every character but RFC 3986's unreserved ones), so Atlas (Jetty)
 * decodes them to exactly the id: spaces, quotes, {@code &}, {@code =}, {@code #}, {@code %},
 * {@code +} and non-ASCII included. Lookups ask for the entity alone
 * ({@code minExtInfo=true&ignoreRelationships=true}): a user who owns many tables would
 * otherwise bring every table along.
 */
final class AtlasPaths {
  /** Creates or updates one entity. */
  static final String ENTITY = AtlasApi.V2 + "/entity";
  /** Creates or updates many entities. */
  static final String ENTITY_BULK = AtlasApi.V2 + "/entity/bulk";
  /** Reads the {@code User} type. */
  static final String USER_TYPEDEF = AtlasApi.V2 + "/types/typedef/name/" + UserEntities.TYPE;
  /** Creates types. */
  static final String TYPEDEFS = AtlasApi.V2 + "/types/typedefs";
  /** Basic search. */
  static final String BASIC_SEARCH = AtlasApi.V2 + "/search/basic";
  /** The server's state; needs no authentication. */
  static final String STATUS = "/api/atlas/admin/status";
  /** The server's version; needs authentication. */
  static final String VERSION = "/api/atlas/admin/version";

  private static final String ENTITY_ONLY = "minExtInfo=true&ignoreRelationships=true";

  private AtlasPaths() {}

  /**
   * Returns the lookup of one user by its unique attribute.
   *
   * @param userId the user id
   * @return {@code /api/atlas/v2/entity/uniqueAttribute/type/User?attr:qualifiedName=...}
   */
  static String user(String userId) {
    return AtlasApi.V2 + "/entity/uniqueAttribute/type/" + UserEntities.TYPE + "?attr:"
        + UserEntities.QUALIFIED_NAME + "=" + Urls.encode(userId) + "&" + ENTITY_ONLY;
  }

  /**
   * Returns the bulk lookup of users by their unique attribute (Atlas 1.2 and later).
   *
   * @param userIds the user ids, at least one
   * @return {@code /api/atlas/v2/entity/bulk/uniqueAttribute/type/User?attr_0:qualifiedName=...}
   */
  static String users(List<String> userIds) {
    StringJoiner query = new StringJoiner("&", "?", "&" + ENTITY_ONLY);
    for (int i = 0; i < userIds.size(); i++) {
      query.add(parameter(i, userIds.get(i)));
    }
    return AtlasApi.V2 + "/entity/bulk/uniqueAttribute/type/" + UserEntities.TYPE + query;
  }

  /**
   * Returns the length one id adds to a bulk lookup's query.
   *
   * @param index the id's position in the batch
   * @param userId the id
   * @return the characters of its parameter and separator
   */
  static int length(int index, String userId) {
    return parameter(index, userId).length() + 1;
  }

  private static String parameter(int index, String userId) {
    return "attr_" + index + ":" + UserEntities.QUALIFIED_NAME + "=" + Urls.encode(userId);
  }
}
