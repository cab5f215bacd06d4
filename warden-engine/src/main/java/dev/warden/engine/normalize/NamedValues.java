package dev.warden.engine.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Brings a value next to the name that a sibling field gives it. Configuration often names a value
 * in one field and holds it in the next — a Kubernetes or ECS environment entry ({@code - name:
 * DB_PASSWORD} then {@code value: "…"}), a Postman environment ({@code {"key": "api_token",
 * "value": "…"}}), CloudFormation parameters ({@code ParameterKey}/{@code ParameterValue}), a Helm
 * {@code set} block in Terraform ({@code name = "auth.password"} then {@code value = "…"}), a
 * Hadoop property ({@code <name>fs.s3a.secret.key</name><value>…</value>}) — so no rule keyed on
 * the credential's name ever sees it beside the value. The derived text drops what lies between the
 * two ({@code - name: DB_PASSWORD: "…"}); a finding there maps back over the value alone.
 *
 * <p>Only a name field followed by a value field is joined (a derived text maps back in order), and
 * only a name that reads as an identifier of at most {@value #MAX_NAME} characters, at most {@value
 * #MAX_GAP} characters before its value; a form's anti-forgery token ({@code csrfmiddlewaretoken},
 * {@code authenticity_token}) is left alone. Cost: the text is searched once for {@code alue} and
 * once for {@code ALUE}; at each hit, one pattern anchored at the hit and one over the {@value
 * #LOOK_BACK} characters before it.
 */
final class NamedValues {
  private NamedValues() {}

  static final int MAX_NAME = 80;
  static final int MAX_GAP = 48;
  private static final int LOOK_BACK = MAX_NAME + MAX_GAP + 40;

  /**
   * A name field ending right before the value field's key: group 1 is the name; the match ends
   * where the characters to drop end (before {@code value}, its quote or its tag).
   */
  private static final Pattern NAME_BEFORE =
      Pattern.compile(
          "(?:(?<![\\w-])([\"']?)(?:name|key|Name|Key|NAME|KEY|ParameterKey|OptionName)\\1[ \\t]*[:=]"
              + "[ \\t]*([\"']?)([A-Za-z_][\\w.\\-/]{0,"
              + (MAX_NAME - 1)
              + "})\\2[ \\t]*+(?:[,;][ \\t]*+)?(?:\\r?\\n[ \\t]*+)?[\"']?"
              + "|<name>[ \\t]*+([A-Za-z_][\\w.\\-/]{0,"
              + (MAX_NAME - 1)
              + "})[ \\t]*+</name>\\s{0,"
              + MAX_GAP
              + "}<)\\z");

  /** What follows {@code value}'s key up to the value itself: a quote, an operator, a tag's end. */
  private static final Pattern VALUE_KEY =
      Pattern.compile(
          "(?:value|Value|VALUE|ParameterValue|OptionValue)(?:([\"']?)[ \\t]*[:=][ \\t]*+|>)");

  /** {@code text} with each named value brought next to its name, or null when there is none. */
  static @Nullable MappedText joinOrNull(String text, @Nullable MappedText parent) {
    Hints hints = new Hints(text);
    int first = hints.next(0);
    if (first < 0) {
      return null;
    }
    int n = text.length();
    MappedText.Builder b = null;
    int copied = 0;
    Matcher before = NAME_BEFORE.matcher(text);
    before.useAnchoringBounds(true).useTransparentBounds(true);
    Matcher key = VALUE_KEY.matcher(text);
    key.useAnchoringBounds(false).useTransparentBounds(true);
    for (int hint = first; hint >= 0; hint = hints.next(hint + 4)) {
      int keyStart = keyStart(text, hint);
      if (keyStart < copied || !key.region(keyStart, n).lookingAt()) {
        continue;
      }
      int valueStart = key.end();
      if (valueStart >= n || text.charAt(valueStart) == '\n') {
        continue;
      }
      before.region(Math.max(copied, keyStart - LOOK_BACK), keyStart);
      if (!before.find()) {
        continue;
      }
      // The name ends where it does, not after its closing tag or quote: "secret.key: …" reads as
      // an assignment where "secret.key</name>: …" would not.
      int name = before.group(3) != null ? 3 : 4; // a key's name, or a Hadoop <name>
      int nameEnd = before.end(name);
      if (FORM_TOKEN.matcher(text).region(before.start(name), nameEnd).matches()) {
        continue;
      }
      // The value's quote, if any, stays with it; its first character carries the mark, so a
      // finding on the value (and only such a finding) counts as revealed by the join.
      int content = valueStart;
      if (content < n && (text.charAt(content) == '"' || text.charAt(content) == '\'')) {
        content++;
      }
      if (content >= n || Character.isWhitespace(text.charAt(content))) {
        continue;
      }
      if (b == null) {
        b = new MappedText.Builder(parent, text);
      }
      b.copy(copied, nameEnd);
      b.replace(nameEnd, valueStart, ": ", Evasion.NAMED);
      b.copy(valueStart, content);
      b.replace(content, content + 1, text.substring(content, content + 1), Evasion.NAMED);
      copied = content + 1;
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, n);
    return b.build();
  }

  /**
   * Names whose value is a form's anti-forgery token, which a page prints for every visitor ({@code
   * <input type="hidden" name="csrfmiddlewaretoken" value="…">}), not a credential.
   */
  private static final Pattern FORM_TOKEN =
      Pattern.compile(
          "(?i)[\\w.\\-/]*(?:csrf|xsrf)[\\w.\\-/]*|authenticity_token|_token|__requestverificationtoken");

  /**
   * The {@code alue} and {@code ALUE} hits of a text in order, each searched for once: the next of
   * each is kept until the walk passes it, so the text is read once however many hits it holds.
   */
  private static final class Hints {
    private final String text;
    private int lower = -2; // -2: not searched yet; -1: none left
    private int upper = -2;

    Hints(String text) {
      this.text = text;
    }

    int next(int from) {
      if (lower != -1 && lower < from) {
        lower = text.indexOf("alue", from);
      }
      if (upper != -1 && upper < from) {
        upper = text.indexOf("ALUE", from);
      }
      return lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
    }
  }

  /**
   * Where the key holding the {@code alue} at {@code hint} starts ({@code value}, {@code
   * ParameterValue}).
   */
  private static int keyStart(String text, int hint) {
    int start = hint - 1; // the v
    while (start > 0 && Character.isLetter(text.charAt(start - 1)) && hint - start < 12) {
      start--;
    }
    return Math.max(0, start);
  }
}
