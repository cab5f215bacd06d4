package dev.warden.engine.detect;

import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Confirms that {@code header.payload.signature} is a JSON Web Token: the header decodes
 * (base64url) to a JSON object with a string {@code alg}, and the payload decodes to a JSON object.
 * The signature is not checked (no key), and may be empty ({@code alg: none}). Segment sizes are
 * bounded by the pattern, so parsing is bounded too.
 */
final class JwtValidator {
  static final Validator INSTANCE = Validator.of("jwt-json", JwtValidator::isJwt);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JwtValidator() {}

  static boolean isJwt(CharSequence value) {
    String token = value.toString();
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot1 < 0 || dot2 < 0) {
      return false;
    }
    JsonNode header = parse(token.substring(0, dot1));
    JsonNode payload = parse(token.substring(dot1 + 1, dot2));
    return header != null
        && header.isObject()
        && header.get("alg") != null
        && header.get("alg").isString()
        && payload != null
        && payload.isObject();
  }

  private static @Nullable JsonNode parse(String segment) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(segment));
    } catch (IllegalArgumentException | JacksonException e) {
      return null;
    }
  }
}
