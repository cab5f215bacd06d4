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
        && payload.isObject()
        && !publishedOnPurpose(payload);
  }

  /**
   * Tokens whose issuer publishes them: jwt.io's sample ({@code "sub": "1234567890", "name": "John
   * Doe"}), printed in every tutorial, and a Supabase project's {@code anon} key, which the browser
   * bundle carries by design (its {@code service_role} key is a secret and stays one).
   */
  private static boolean publishedOnPurpose(JsonNode payload) {
    boolean jwtIoSample =
        "1234567890".equals(text(payload, "sub")) && "John Doe".equals(text(payload, "name"));
    boolean supabaseAnon =
        "supabase".equals(text(payload, "iss")) && "anon".equals(text(payload, "role"));
    return jwtIoSample || supabaseAnon;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }

  private static @Nullable JsonNode parse(String segment) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(segment));
    } catch (IllegalArgumentException | JacksonException e) {
      return null;
    }
  }
}
