package dev.warden.engine.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An operator's rule from {@code detection.customRules}: an RE2J pattern (linear time, so a user
 * pattern cannot make a scan hang), optional keywords that gate it, a confidence, and its own
 * examples. Immutable; {@link #of} checks everything, examples included, so a rule that does not
 * find its own true positives, or finds one of its false positives, never loads.
 *
 * <p>The finding's span is the named group {@code value} when the pattern has one ({@code
 * emp-(?P<value>[0-9]{6})}), else the whole match. {@link #toString()} never shows the examples.
 *
 * @param keywords lower-cased; when not empty, the pattern runs only on text containing one of them
 *     (case-insensitive)
 */
public record CustomRule(
    String id,
    String type,
    Pattern pattern,
    List<String> keywords,
    double confidence,
    List<String> truePositives,
    List<String> falsePositives) {

  /** Rule ids: kebab-case, like the built-in ones. */
  public static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /** Types: lower_snake, like the built-in ones. */
  public static final java.util.regex.Pattern TYPE =
      java.util.regex.Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");

  public CustomRule {
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    truePositives = List.copyOf(truePositives);
    falsePositives = List.copyOf(falsePositives);
  }

  /** Why a rule was refused: the field at fault ({@code truePositives[1]}) and the problem. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    Invalid(String field, String problem) {
      super(problem);
      this.field = field;
    }

    /** The field name relative to the rule, with an index for examples. */
    public String field() {
      return field;
    }
  }

  /**
   * Compiles and checks a rule.
   *
   * @throws Invalid naming the field when the id, type, pattern, keywords, confidence or an example
   *     is wrong
   */
  public static CustomRule of(
      String id,
      String type,
      String regex,
      List<String> keywords,
      double confidence,
      List<String> truePositives,
      List<String> falsePositives) {
    if (!ID.matcher(id).matches() || id.length() > 64) {
      throw new Invalid("id", "'" + id + "' must be kebab-case, like employee-id (at most 64)");
    }
    if (!TYPE.matcher(type).matches() || type.length() > 40) {
      throw new Invalid(
          "type", "'" + type + "' must be lower_snake, like employee_id (at most 40)");
    }
    if (!(confidence > 0 && confidence <= 1)) {
      throw new Invalid("confidence", "must be above 0 and at most 1, got " + confidence);
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      // RE2J's message quotes the pattern, which is the operator's own text, not a secret.
      throw new Invalid("pattern", "not a valid RE2 pattern: " + e.getMessage());
    }
    if (regex.isEmpty() || pattern.matcher("").find()) {
      throw new Invalid("pattern", "matches the empty string; it must match something");
    }
    Map<String, Integer> groups = pattern.namedGroups();
    if (!groups.isEmpty() && !groups.containsKey("value")) {
      throw new Invalid(
          "pattern", "the only named group allowed is (?P<value>…), which marks the value");
    }
    for (int i = 0; i < keywords.size(); i++) {
      if (keywords.get(i).isBlank()) {
        throw new Invalid("keywords[" + i + "]", "must not be empty");
      }
    }
    if (truePositives.isEmpty()) {
      throw new Invalid("truePositives", "needs at least one example the rule must find");
    }
    if (falsePositives.isEmpty()) {
      throw new Invalid("falsePositives", "needs at least one near miss the rule must not find");
    }
    CustomRule rule =
        new CustomRule(id, type, pattern, keywords, confidence, truePositives, falsePositives);
    for (int i = 0; i < truePositives.size(); i++) {
      if (!rule.firesOn(truePositives.get(i))) {
        throw new Invalid(
            "truePositives[" + i + "]",
            "the rule does not find this example"
                + (keywords.isEmpty() ? "" : " (does it contain one of the keywords?)"));
      }
    }
    for (int i = 0; i < falsePositives.size(); i++) {
      if (rule.firesOn(falsePositives.get(i))) {
        throw new Invalid("falsePositives[" + i + "]", "the rule finds this near miss");
      }
    }
    return rule;
  }

  /** The rule finds at least one non-empty value in {@code text}. */
  boolean firesOn(String text) {
    if (!keywordOccurs(text.toLowerCase(Locale.ROOT))) {
      return false;
    }
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (valueEnd(m) > valueStart(m)) {
        return true;
      }
    }
    return false;
  }

  boolean keywordOccurs(String lowerText) {
    if (keywords.isEmpty()) {
      return true;
    }
    for (String k : keywords) {
      if (lowerText.contains(k)) {
        return true;
      }
    }
    return false;
  }

  int valueStart(Matcher m) {
    return pattern.namedGroups().isEmpty() ? m.start() : m.start("value");
  }

  int valueEnd(Matcher m) {
    return pattern.namedGroups().isEmpty() ? m.end() : m.end("value");
  }

  @Override
  public String toString() {
    return "CustomRule[id=" + id + ", type=" + type + ", confidence=" + confidence + "]";
  }
}
