package dev.warden.engine.detect;

/**
 * Regex fragments and example texts shared by the vendor rule files ({@link CloudRules}, {@link
 * DevRules}, {@link SaasRules}, {@link AiVendorRules}, {@link VendorJsonRules}, {@link
 * KeyFileRules}).
 *
 * <p>Two shapes cover almost every vendor credential:
 *
 * <ul>
 *   <li>{@link #token}: a value with a documented prefix ({@code glpat-}, {@code xoxb-}),
 *       standalone (not inside a longer run of token characters). The prefix is the rule's keyword.
 *   <li>{@link #named}: a value without a distinctive prefix (a 32-digit hex Datadog key), which
 *       counts only after a key or phrase naming its vendor ({@code DD_API_KEY=}, {@code "mistral":
 *       {"api_key": …}}, "my Cohere key is …"). The vendor name is the rule's keyword, so these
 *       rules run only where the vendor is named.
 * </ul>
 *
 * Every fragment is bounded and possessive where the next token cannot overlap, so the patterns
 * stay linear on hostile input.
 */
final class VendorShapes {
  private VendorShapes() {}

  /** Characters of a token: a token may not start or end inside a longer run of these. */
  static final String TOKEN_CHARS = "[A-Za-z0-9_-]";

  static final String HEX = "0123456789abcdef";
  static final String LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";
  static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static final String ALNUM = "0123456789" + LETTERS;
  static final String BASE64URL =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  static final String BASE64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/";

  /** {@code body} as a standalone token in group 1. */
  static String token(String body) {
    return Boundaries.startNotAfter(TOKEN_CHARS) + "(" + body + ")(?!" + TOKEN_CHARS + ")";
  }

  /**
   * How far the name may be from the separator: the rest of an identifier or a short phrase ({@code
   * _API_KEY}, {@code .apiKey}, {@code auth token}).
   */
  static final int NAME_TAIL = 30;

  /**
   * Spaces that may stand before an assignment operator: formatters align the operators of a block
   * ({@code twilioAPIKey = "SK…"} in Go, {@code password = "…"} in Terraform).
   */
  static final int ALIGNMENT = 16;

  /** The longest run of leader dots {@link #ASSIGN} reads as an operator. */
  static final int LEADER = 48;

  /** The longest {@link #ASSIGN}: quotes, aligning spaces on both sides, the operator. */
  static final int ASSIGN_MAX = 2 + ALIGNMENT + LEADER + ALIGNMENT + 2;

  /**
   * A key, JSON string or header closing quote, possibly JSON-escaped, then an assignment operator
   * ({@code =}, {@code :}, {@code :=}, {@code =>}, full-width {@code ：}) and an optional opening
   * quote. Code formatters align the operators of a block ({@code gofmt}, {@code terraform fmt},
   * hand-aligned INI files), and listings align the values ({@code kubectl describe}, YAML), so up
   * to {@value #ALIGNMENT} spaces may stand on either side of it; a configuration dump may lead the
   * name to its value with dots instead ({@code password........F_k0…}, HikariCP's log).
   */
  static final String ASSIGN =
      "(?:\\\\?[\"'])?[ \\t]{0,"
          + ALIGNMENT
          + "}+(?::=|=>|[=:：]|\\.{4,"
          + LEADER
          + "}+)[ \\t]{0,"
          + ALIGNMENT
          + "}+(?:\\\\?[\"'`])?";

  /**
   * Between the name and the value: an assignment ({@code =}, {@code :}, {@code :=}, {@code =>},
   * full-width {@code ：}) with optional quotes (also JSON-escaped) and spaces, a space after a
   * command-line flag ({@code --token }), or a word ("is", "ist", "lautet", Korean and Japanese
   * topic particles).
   */
  static final String SEPARATOR =
      "(?:"
          + ASSIGN
          + "|(?<=--[A-Za-z-]{1,20})[ \\t]{1,2}+"
          + "|[ \\t]{1,3}+(?i:is|ist|lautet)[ \\t]{1,3}+(?:\\\\?[\"'`])?"
          + "|[ \\t]{0,2}+(?:는|은|は|が)[ \\t]{0,3}+(?:[:：][ \\t]{0,3}+)?)";

  /**
   * Words that end the name of a credential: {@code DATADOG_API_KEY}, not {@code DATADOG_TRACE_ID}.
   */
  static final String CREDENTIAL_WORD =
      "(?i:key|token|secret|auth|pat|credentials?|password|passwd|키|토큰|キー|トークン|schlüssel)";

  /**
   * A {@link #SEPARATOR} right after a credential word ({@code _API_KEY=}, {@code  token is }), or a
   * JSON object opened under the name whose first key is a credential name ({@code "fastly":
   * {"api_token": "}).
   */
  static final String CREDENTIAL_SEPARATOR =
      "(?:(?<="
          + CREDENTIAL_WORD
          + ")"
          + SEPARATOR
          + "|(?:\\\\?[\"'])?[ \\t]{0,3}+[:=][ \\t]{0,3}+\\{[ \\t]{0,3}+\\\\?\"[A-Za-z_]{0,16}?"
          + "(?i:key|token|secret)\\\\?\"[ \\t]{0,3}+:[ \\t]{0,3}+\\\\?\")";

  /** The rest of a name: identifier characters, spaces, CJK ({@value #NAME_TAIL} at most). */
  static final String TAIL = "[A-Za-z0-9_.( -" + Boundaries.CJK + "]{0," + NAME_TAIL + "}?";

  /** Characters a separator may take at most: reach for {@link #named} rules. */
  static final int SEPARATOR_MAX = ASSIGN_MAX;

  /**
   * A value ({@code value}, group 1) after a name matching {@code name} (case-insensitive regex),
   * the rest of its identifier or phrase ending in a credential word, and a separator ({@link
   * #CREDENTIAL_SEPARATOR}). The name must not continue a longer word on its left ({@code lambda_…}
   * does not name {@code mbda}); the value must be standalone on its right ({@code valueChars} is
   * the character class of a longer value).
   */
  static String named(String name, String value, String valueChars) {
    return "(?<![A-Za-z])(?i:"
        + name
        + ")"
        + TAIL
        + CREDENTIAL_SEPARATOR
        + "("
        + value
        + ")(?!"
        + valueChars
        + ")";
  }

  /**
   * The reach after a {@link #named} keyword for a value of at most {@code maxValue} characters.
   */
  static int namedReach(int maxValue) {
    return NAME_TAIL + SEPARATOR_MAX + maxValue;
  }

  // Example texts. Values are marked with RuleExample.mark by the caller.

  /** {@code NAME=value} as in a .env file or a shell export. */
  static String env(String name, String marked) {
    return name + "=" + marked;
  }

  /** A JSON body: {@code {"key": "value"}}. */
  static String json(String key, String marked) {
    return "{\"" + key + "\": \"" + marked + "\"}";
  }

  /** A JSON body as it appears inside another JSON string (escaped quotes). */
  static String escapedJson(String key, String marked) {
    return "{\\\"" + key + "\\\":\\\"" + marked + "\\\"}";
  }

  /** {@code value} glued to the end of an identifier: not standalone, so not a token. */
  static String embedded(String value) {
    return "id_" + value;
  }

  /**
   * A rule for a token that starts with {@code prefix} (group 1 = the token), with four true
   * positives (an env file, a JSON body, Korean and German prose) built from {@code a}, {@code b}
   * and {@code c}, and three near misses (an elided value, filler, a glued value). Callers add the
   * validator and the format's own near misses (wrong length, wrong alphabet, publishable keys).
   *
   * @param regex the whole token, prefix included
   * @param maxLength the longest token the regex matches
   */
  static Rule.Builder prefixedToken(
      String id,
      String type,
      String prefix,
      String regex,
      int maxLength,
      String envName,
      String a,
      String b,
      String c) {
    return Rule.builder(id)
        .type(type)
        .keywords(prefix.toLowerCase(java.util.Locale.ROOT))
        .reach(0, maxLength)
        .pattern(token(regex))
        .secretGroup(1)
        .confidence(0.95)
        .placeholderCheck(true)
        .truePositives(
            env(envName, RuleExample.mark(a)),
            json("token", RuleExample.mark(b)),
            "토큰 " + RuleExample.mark(c) + " 이 로그에 찍혔어요",
            "Bitte rotiere " + RuleExample.mark(a) + ", es stand im Ticket.")
        .falsePositives(
            envName + "=" + prefix + "...",
            envName + "=" + prefix + "x".repeat(Math.max(8, a.length() - prefix.length())),
            "glued " + embedded(a));
  }
}
