package org.userresolver.atlas;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.MessageFormat;

/**
 * An error the stub answers as Atlas's {@code AtlasBaseExceptionMapper} does: the status of the
 * {@code AtlasErrorCode}, and {@code {"errorCode": ..., "errorMessage": ...}} with the code's
 * message formatted as Atlas formats it ({@link MessageFormat}).
 */
final class StubError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code INSTANCE_BY_UNIQUE_ATTRIBUTE_NOT_FOUND}. */
  static final Code NOT_FOUND_BY_UNIQUE_ATTRIBUTE =
      new Code(404, "ATLAS-404-00-009", "Instance {0} with unique attribute {1} does not exist");
  /** {@code TYPE_NAME_NOT_FOUND}. */
  static final Code TYPE_NAME_NOT_FOUND =
      new Code(404, "ATLAS-404-00-001", "Given typename {0} was invalid");
  /** {@code INSTANCE_CRUD_INVALID_PARAMS}. */
  static final Code INSTANCE_CRUD_INVALID_PARAMS = new Code(404, "ATLAS-404-00-007",
      "Invalid instance creation/updation parameters passed : {0}");
  /** {@code TYPE_NAME_INVALID}. */
  static final Code TYPE_NAME_INVALID =
      new Code(400, "ATLAS-400-00-014", "Type {0} with name {1} does not exist");
  /** {@code ATTRIBUTE_UNIQUE_INVALID}. */
  static final Code ATTRIBUTE_UNIQUE_INVALID =
      new Code(400, "ATLAS-400-00-013", "Type {0} with unique attribute {1} does not exist");
  /** {@code UNKNOWN_TYPENAME}. */
  static final Code UNKNOWN_TYPENAME =
      new Code(400, "ATLAS-400-00-00A", "{0}: Unknown/invalid typename");
  /** {@code INVALID_PARAMETERS}. */
  static final Code INVALID_PARAMETERS =
      new Code(400, "ATLAS-400-00-01A", "invalid parameters: {0}");
  /** {@code BAD_REQUEST}. */
  static final Code BAD_REQUEST = new Code(400, "ATLAS-400-00-029", "{0}");
  /** {@code INVALID_SEARCH_PARAMS}. */
  static final Code INVALID_SEARCH_PARAMS = new Code(400, "ATLAS-400-00-047", "No search "
      + "parameter was found. One of the following MUST be specified in the request; typeName, "
      + "classification, termName or queryText");
  /** {@code INVALID_LABEL_CHARACTERS}. */
  static final Code INVALID_LABEL_CHARACTERS = new Code(400, "ATLAS-400-00-090",
      "Invalid label: {0}, label should contain alphanumeric characters, '_' or '-'");
  /** {@code UNAUTHORIZED_ACCESS}. */
  static final Code UNAUTHORIZED_ACCESS =
      new Code(403, "ATLAS-403-00-001", "{0} is not authorized to perform {1}");
  /** {@code TYPE_ALREADY_EXISTS}. */
  static final Code TYPE_ALREADY_EXISTS =
      new Code(409, "ATLAS-409-00-001", "Given type {0} already exists");

  /** One {@code AtlasErrorCode}: status, code, message pattern. */
  record Code(int status, String code, String pattern) {}

  final Code code;

  StubError(Code code, Object... params) {
    super(new MessageFormat(code.pattern()).format(params));
    this.code = code;
  }

  /** The body Atlas sends. */
  String body() {
    if (code.code().isEmpty()) {
      return "";
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("errorCode", code.code());
    body.put("errorMessage", getMessage());
    return body.toString();
  }
}
