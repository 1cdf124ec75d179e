package org.userresolver.atlas;

/**
 * The Atlas error codes ({@code errorCode} of Atlas's error bodies, from its
 * {@code AtlasErrorCode}) that the store tells apart; every other one is a plain failure.
 */
final class AtlasCodes {
  /** 404: {@code Instance User with unique attribute {qualifiedName=...} does not exist}. */
  static final String INSTANCE_BY_UNIQUE_ATTRIBUTE_NOT_FOUND = "ATLAS-404-00-009";
  /** 404: {@code Given typename User was invalid}, from the typedef lookup. */
  static final String TYPE_NAME_NOT_FOUND = "ATLAS-404-00-001";
  /** 400: {@code Type ENTITY with name User does not exist}, from the entity endpoints. */
  static final String TYPE_NAME_INVALID = "ATLAS-400-00-014";
  /** 400: {@code User: Unknown/invalid typename}, from basic search. */
  static final String UNKNOWN_TYPENAME = "ATLAS-400-00-00A";
  /** 409: {@code Given type User already exists}, from creating a typedef. */
  static final String TYPE_ALREADY_EXISTS = "ATLAS-409-00-001";

  private AtlasCodes() {}
}
