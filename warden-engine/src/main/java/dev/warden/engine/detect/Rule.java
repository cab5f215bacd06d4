package dev.warden.engine.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An immutable description of how one kind of value is found, with the evidence that it works.
 *
 * <p>Pipeline per rule (run by {@link RuleDetector}): the rule runs only if one of its {@link
 * #keywords()} occurs in the text (case-insensitive), or, for digit rules, if the text holds a run
 * of at least {@link #minDigits()} digits (single separators allowed between digits), or, for
 * JSON-key rules, if the leaf's JSON key ends in one of its {@link #jsonKeys()}. Then {@link
 * #pattern()} finds candidates; group {@link #secretGroup()} is the value (0 = the whole match).
 * The {@link #validator()} must accept the value; secret rules with {@link #placeholderCheck()}
 * drop documented placeholders; {@link #context()} may raise the confidence by {@value
 * RuleDetector#CONTEXT_BOOST}, veto the match, or be required.
 *
 * <p>Patterns must run in linear time on hostile input: no unbounded repetition of groups (Java
 * recurses per group iteration), possessive quantifiers where the next token cannot overlap, and
 * lookarounds instead of {@code \b} where word characters are not the right boundary.
 *
 * <p>Every rule ships with at least two {@link #truePositives()} (marked as in {@link RuleExample})
 * and two {@link #falsePositives()} (near misses it must not report); the catalog test runs them.
 * All examples are fake values.
 */
public final class Rule {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern TYPE = Pattern.compile("[a-z0-9]+(?:_[a-z0-9]+)*");

  private final String id;
  private final String type;
  private final List<String> keywords;
  private final int minDigits;
  private final List<String> jsonKeys;
  private final int reachBefore;
  private final int reachAfter;
  private final Pattern pattern;
  private final int secretGroup;
  private final @Nullable Validator validator;
  private final @Nullable Refusal refusal;
  private final double confidence;
  private final ContextWords context;
  private final ContextWords.Index contextIndex;
  private final boolean placeholderCheck;
  private final boolean byColumn;
  private final Tier tier;
  private final @Nullable String startsAfterNone;
  private final @Nullable String keywordFollowedBy;
  private final @Nullable IntPredicate runBeforeKeyword;
  private final @Nullable String digitRegionNeeds;
  private final int digitReachAfter;
  private final @Nullable StartShape startShape;
  private final int keywordFollowedWithin;
  private final List<StreamAnchor> streamAnchors;
  private final List<RuleExample> truePositives;
  private final List<String> falsePositives;

  private Rule(Builder b, List<RuleExample> truePositives) {
    this.id = Objects.requireNonNull(b.id);
    this.type = Objects.requireNonNull(b.type);
    this.keywords = List.copyOf(b.keywords);
    this.minDigits = b.minDigits;
    this.jsonKeys = List.copyOf(b.jsonKeys);
    this.reachBefore = b.reachBefore;
    this.reachAfter = b.reachAfter;
    this.pattern = Objects.requireNonNull(b.pattern);
    this.secretGroup = b.secretGroup;
    this.validator = b.validator;
    this.refusal = b.refusal;
    this.confidence = b.confidence;
    this.context = b.context;
    this.contextIndex = new ContextWords.Index(b.context);
    this.placeholderCheck = b.placeholderCheck;
    this.byColumn = b.byColumn;
    this.tier = b.tier;
    this.startsAfterNone = b.startsAfterNone;
    this.keywordFollowedBy = b.keywordFollowedBy;
    this.runBeforeKeyword = b.runBeforeKeyword;
    this.digitRegionNeeds = b.digitRegionNeeds;
    this.digitReachAfter = b.digitReachAfter;
    this.startShape = b.startShape;
    this.keywordFollowedWithin = b.keywordFollowedWithin;
    this.streamAnchors =
        b.streamAnchors != null
            ? List.copyOf(b.streamAnchors)
            : b.keywords.stream()
                .map(k -> StreamAnchor.of(k, b.reachBefore, b.reachAfter))
                .toList();
    this.truePositives = List.copyOf(truePositives);
    this.falsePositives = List.copyOf(b.falsePositives);
  }

  /** Starts a rule with the given stable kebab-case id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Stable kebab-case id, e.g. {@code github-classic-pat}. */
  public String id() {
    return id;
  }

  /** Stable lower_snake detection type, e.g. {@code github_token}. */
  public String type() {
    return type;
  }

  /** Lower-case prefilter anchors; empty when the rule is gated by {@link #minDigits()}. */
  public List<String> keywords() {
    return keywords;
  }

  /**
   * Words that gate a rule by the JSON key of the leaf instead of its text: the rule runs, over the
   * whole leaf, only when the last word of the key is one of them ({@code db_password} and {@code
   * userPassword} end in {@code password}; {@code password_hint} does not). Empty for rules gated
   * by keywords or digits.
   */
  public List<String> jsonKeys() {
    return jsonKeys;
  }

  /** Whether {@code jsonKey} opens this rule's {@link #jsonKeys()} gate. */
  public boolean jsonKeyMatches(@Nullable String jsonKey) {
    if (jsonKey == null || jsonKeys.isEmpty()) {
      return false;
    }
    String last = lastKeyWord(jsonKey);
    return last != null && jsonKeys.contains(last);
  }

  /**
   * The word a JSON key ends in, as {@link #jsonKeyMatches} compares it: camel case split, lower
   * case, split at non-letters and non-digits; {@code null} when the key holds no word. The same
   * for every rule, so a detector computes it once per leaf.
   */
  static @Nullable String lastKeyWord(String jsonKey) {
    if (isLowerAsciiWord(jsonKey)) {
      return jsonKey; // "content", "role", "arguments": no camel case, no separator to split at
    }
    String[] words =
        NON_WORD.split(ContextWords.splitCamelCase(jsonKey).toLowerCase(Locale.ROOT).strip());
    return words.length > 0 ? words[words.length - 1] : null;
  }

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /**
   * Whether {@code key} is only lower-case ASCII letters and digits, which {@link #lastKeyWord}
   * returns as it is. Most JSON keys of a chat body are; checking costs less than the split.
   */
  private static boolean isLowerAsciiWord(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /** Characters a match may extend before its keyword's start; -1 for digit-gated rules. */
  public int reachBefore() {
    return reachBefore;
  }

  /** Characters a match may extend after its keyword's end; -1 for digit-gated rules. */
  public int reachAfter() {
    return reachAfter;
  }

  /**
   * Literals every match of this rule is near, for a streaming host's hold-back (see {@link
   * StreamAnchor}): by default each keyword with the rule's reach; a rule whose reach before its
   * keyword is long declares anchors closer to where its matches start, and a rule whose matches
   * end at a known text (a PEM footer) declares a closer. Empty for digit- and JSON-key-gated
   * rules.
   */
  public List<StreamAnchor> streamAnchors() {
    return streamAnchors;
  }

  /** Minimum digit-run length that gates a keyword-less rule; 0 for other rules. */
  public int minDigits() {
    return minDigits;
  }

  /** The candidate pattern (java.util.regex, curated and linear-time). */
  public Pattern pattern() {
    return pattern;
  }

  /** The capture group holding the value; 0 for the whole match. */
  public int secretGroup() {
    return secretGroup;
  }

  /** The validator the value must pass, or {@code null} when the pattern is enough. */
  public @Nullable Validator validator() {
    return validator;
  }

  /**
   * What the text around a value can refuse that a pattern could only say with a long lookbehind
   * (tried at every length, so at every candidate), or {@code null}.
   */
  public @Nullable Refusal refusal() {
    return refusal;
  }

  /** Refuses a value by the text around it; checked before the validator. */
  @FunctionalInterface
  public interface Refusal {
    /** Whether the value {@code text[start, end)} is not one, given what stands around it. */
    boolean refuses(String text, int start, int end);
  }

  /** Confidence of a validated match before context, in {@code (0, 1]}. */
  public double confidence() {
    return confidence;
  }

  /** Context words that raise, veto or are required. */
  public ContextWords context() {
    return context;
  }

  /** {@link #context()} parsed once, for evaluation per match. */
  ContextWords.Index contextIndex() {
    return contextIndex;
  }

  /** Whether placeholder values ({@code …EXAMPLE}, {@code xxxx}, {@code ${VAR}}) are dropped. */
  public boolean placeholderCheck() {
    return placeholderCheck;
  }

  /**
   * Whether only the header of the match's table column decides ({@link TableHeader}): the match
   * counts when it is a cell under a header holding a raise word, whatever the words around it.
   */
  public boolean byColumn() {
    return byColumn;
  }

  /**
   * How specific a rule's findings are. A generic finding that overlaps a finding of a higher tier
   * is dropped by {@link RuleDetector}, so a value is reported as what it most specifically is: an
   * AWS secret key written as {@code aws_secret_key=…} is an {@code aws_secret_key}, not also a
   * {@code generic_secret}. A container finding stays beside a specific one: a GitHub token used as
   * a URL password is a {@code github_token} and {@code url_credentials}.
   */
  public enum Tier {
    /** Found by its key or a word before it ({@code password=}, {@code token:}, {@code Bearer}). */
    GENERIC,
    /** Found by a structure that holds credentials of any format (URL userinfo). */
    CONTAINER,
    /** Found by its own format or validator (vendor keys, JWTs, PEM keys, cards, e-mail). */
    SPECIFIC
  }

  /**
   * Characters that never precede a match: a start right after one of them is not tried. The
   * pattern must enforce the same boundary itself (a lookbehind); this only lets the detector skip
   * doomed attempts cheaply. {@code null} when not declared.
   */
  public @Nullable String startsAfterNone() {
    return startsAfterNone;
  }

  /**
   * Characters one of which every match has within {@link #keywordFollowedWithin()} characters
   * after the end of its keyword (an assignment operator after a credential name); a keyword hit
   * without one is not tried. {@code null} when not declared.
   */
  public @Nullable String keywordFollowedBy() {
    return keywordFollowedBy;
  }

  /**
   * Characters every match consists of from its start up to its keyword (an e-mail's local part): a
   * match starts inside the run of such characters that ends at the keyword, so earlier starts are
   * not tried. {@code null} when not declared.
   */
  public @Nullable IntPredicate runBeforeKeyword() {
    return runBeforeKeyword;
  }

  /**
   * Characters one of which every match contains near its digits (the {@code +} of an E.164
   * number): a digit cluster without one within its margin is not scanned. {@code null} when not
   * declared.
   */
  public @Nullable String digitRegionNeeds() {
    return digitRegionNeeds;
  }

  /**
   * How far after a digit cluster a match may end: {@link RuleDetector#DIGIT_MARGIN} unless the
   * rule's value goes on in letters after its digits (an IBAN whose account number holds letters,
   * "FR02 7954 6294 33RJ O2C1 2FXB B98").
   */
  public int digitReachAfter() {
    return digitReachAfter;
  }

  /**
   * A cheap necessary condition on a match's start, checked before the regex is tried there (see
   * {@link StartShape}). {@code null} when not declared.
   */
  public @Nullable StartShape startShape() {
    return startShape;
  }

  /** See {@link #keywordFollowedBy()}. */
  public int keywordFollowedWithin() {
    return keywordFollowedWithin;
  }

  /** This rule's tier; {@link Tier#SPECIFIC} unless declared. */
  public Tier tier() {
    return tier;
  }

  /** Texts that must yield this rule's finding at the marked span. */
  public List<RuleExample> truePositives() {
    return truePositives;
  }

  /** Near misses that must not yield this rule's finding. */
  public List<String> falsePositives() {
    return falsePositives;
  }

  @Override
  public String toString() {
    return "Rule[" + id + " -> " + type + "]";
  }

  /**
   * Collects and validates a {@link Rule}. {@link #build()} rejects every misconfiguration with a
   * message that starts with the rule id and names the field.
   */
  public static final class Builder {
    private final String id;
    private @Nullable String type;
    private List<String> keywords = List.of();
    private int minDigits;
    private List<String> jsonKeys = List.of();
    private int reachBefore = -1;
    private int reachAfter = -1;
    private @Nullable Pattern pattern;
    private int secretGroup;
    private @Nullable Validator validator;
    private @Nullable Refusal refusal;
    private double confidence = Double.NaN;
    private ContextWords context = ContextWords.NONE;
    private boolean placeholderCheck;
    private boolean byColumn;
    private Tier tier = Tier.SPECIFIC;
    private @Nullable String startsAfterNone;
    private @Nullable String keywordFollowedBy;
    private @Nullable IntPredicate runBeforeKeyword;
    private @Nullable String digitRegionNeeds;
    private int digitReachAfter = RuleDetector.DIGIT_MARGIN;
    private @Nullable StartShape startShape;
    private int keywordFollowedWithin;
    private @Nullable List<StreamAnchor> streamAnchors;
    private final List<String> truePositives = new ArrayList<>();
    private final List<String> falsePositives = new ArrayList<>();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder keywords(String... keywords) {
      this.keywords = List.of(keywords);
      return this;
    }

    public Builder minDigits(int minDigits) {
      this.minDigits = minDigits;
      return this;
    }

    /** Gates the rule by the last word of the leaf's JSON key (see {@link Rule#jsonKeys()}). */
    public Builder jsonKeys(String... words) {
      this.jsonKeys = List.of(words);
      return this;
    }

    /**
     * How far a whole match (group 0) can extend before the start and after the end of the keyword
     * it contains. The detector runs the regex only in that window around each keyword hit, so an
     * understated reach loses matches: keyword rules must declare it.
     */
    /**
     * Replaces the default stream anchors (each keyword with the rule's reach); see {@link
     * Rule#streamAnchors()}. Every match must lie within one anchor's reach.
     */
    public Builder streamAnchors(StreamAnchor... anchors) {
      this.streamAnchors = List.of(anchors);
      return this;
    }

    public Builder reach(int before, int after) {
      this.reachBefore = before;
      this.reachAfter = after;
      return this;
    }

    /** Compiles {@code regex} with no flags. */
    public Builder pattern(String regex) {
      return pattern(Pattern.compile(regex));
    }

    public Builder pattern(Pattern pattern) {
      this.pattern = pattern;
      return this;
    }

    public Builder secretGroup(int secretGroup) {
      this.secretGroup = secretGroup;
      return this;
    }

    public Builder validator(Validator validator) {
      this.validator = validator;
      return this;
    }

    public Builder refusal(Refusal refusal) {
      this.refusal = refusal;
      return this;
    }

    public Builder confidence(double confidence) {
      this.confidence = confidence;
      return this;
    }

    public Builder context(ContextWords context) {
      this.context = context;
      return this;
    }

    /** See {@link Rule#byColumn}; needs required context. */
    public Builder byColumn() {
      this.byColumn = true;
      return this;
    }

    public Builder placeholderCheck(boolean placeholderCheck) {
      this.placeholderCheck = placeholderCheck;
      return this;
    }

    /**
     * Declares that no match starts right after any of {@code chars} (ASCII), mirroring the
     * pattern's own leading lookbehind; see {@link Rule#startsAfterNone()}.
     */
    public Builder startsAfterNone(String chars) {
      this.startsAfterNone = chars;
      return this;
    }

    /**
     * Declares that every match has one of {@code chars} within {@code within} characters after the
     * end of the keyword it contains, mirroring the pattern; see {@link Rule#keywordFollowedBy()}.
     * Lets the detector drop ordinary uses of a credential word ("the key point") without running
     * the regex.
     */
    public Builder keywordFollowedBy(String chars, int within) {
      this.keywordFollowedBy = chars;
      this.keywordFollowedWithin = within;
      return this;
    }

    /** Declares {@link Rule#runBeforeKeyword()}; it must hold for every character it may see. */
    public Builder runBeforeKeyword(IntPredicate chars) {
      this.runBeforeKeyword = chars;
      return this;
    }

    /** Declares {@link Rule#digitReachAfter()}. */
    public Builder digitReachAfter(int chars) {
      this.digitReachAfter = chars;
      return this;
    }

    /** Declares {@link Rule#digitRegionNeeds()}, mirroring a literal the pattern requires. */
    public Builder digitRegionNeeds(String chars) {
      this.digitRegionNeeds = chars;
      return this;
    }

    /**
     * Declares {@link Rule#startShape()}, a necessary condition on every match's start. Rules that
     * share a pattern share one shape instance, so they keep sharing one scan.
     */
    public Builder startShape(StartShape shape) {
      this.startShape = Objects.requireNonNull(shape, "startShape");
      return this;
    }

    /** Declares the rule's tier; a generic finding yields to an overlapping higher-tier one. */
    public Builder tier(Tier tier) {
      this.tier = Objects.requireNonNull(tier, "tier");
      return this;
    }

    /** Adds true positives, each marking its value as {@code «value»}. */
    public Builder truePositives(String... marked) {
      truePositives.addAll(List.of(marked));
      return this;
    }

    public Builder falsePositives(String... nearMisses) {
      falsePositives.addAll(List.of(nearMisses));
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the rule id and the offending field
     */
    public Rule build() {
      require(ID.matcher(id).matches(), "id", "must be kebab-case");
      require(type != null && TYPE.matcher(type).matches(), "type", "must be lower_snake");
      require(pattern != null, "pattern", "is required");
      for (String k : keywords) {
        require(
            !k.isBlank() && k.equals(k.toLowerCase(Locale.ROOT)),
            "keywords",
            "must be lower-case and not blank: " + k);
      }
      require(minDigits >= 0, "minDigits", "must be >= 0");
      require(
          streamAnchors == null || (!keywords.isEmpty() && !streamAnchors.isEmpty()),
          "streamAnchors",
          "are declared only for keyword rules, and at least one");
      require(
          runBeforeKeyword == null || !keywords.isEmpty(), "runBeforeKeyword", "needs keywords");
      require(digitRegionNeeds == null || minDigits > 0, "digitRegionNeeds", "needs minDigits");
      require(!byColumn || context.required(), "byColumn", "needs required context words");
      require(
          digitReachAfter >= RuleDetector.DIGIT_MARGIN && digitReachAfter <= 64,
          "digitReachAfter",
          "must be between " + RuleDetector.DIGIT_MARGIN + " and 64");
      require(
          keywordFollowedBy == null || (!keywords.isEmpty() && keywordFollowedWithin > 0),
          "keywordFollowedBy",
          "needs keywords and a positive distance");
      require(
          keywords.isEmpty() == (reachBefore < 0 && reachAfter < 0),
          "reach",
          "must be declared (before, after >= 0) for keyword rules, and only for them");
      for (String k : jsonKeys) {
        require(
            !k.isEmpty() && !NON_WORD.matcher(k).find() && k.equals(k.toLowerCase(Locale.ROOT)),
            "jsonKeys",
            "must be one lower-case word each: " + k);
      }
      int gates =
          (keywords.isEmpty() ? 0 : 1) + (minDigits > 0 ? 1 : 0) + (jsonKeys.isEmpty() ? 0 : 1);
      require(
          gates == 1,
          "keywords/minDigits",
          "exactly one gate is needed: keywords, minDigits > 0, or jsonKeys");
      int groups = Objects.requireNonNull(pattern).matcher("").groupCount();
      require(
          secretGroup >= 0 && secretGroup <= groups,
          "secretGroup",
          "is " + secretGroup + " but the pattern has " + groups + " groups");
      require(confidence > 0 && confidence <= 1, "confidence", "must be in (0, 1]");
      require(truePositives.size() >= 2, "truePositives", "needs at least 2 examples");
      require(falsePositives.size() >= 2, "falsePositives", "needs at least 2 examples");
      List<RuleExample> parsed = new ArrayList<>();
      for (String tp : truePositives) {
        try {
          parsed.add(RuleExample.parse(tp));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(id + ": truePositives: " + e.getMessage(), e);
        }
      }
      return new Rule(this, parsed);
    }

    private void require(boolean ok, String field, String message) {
      if (!ok) {
        throw new IllegalArgumentException(id + ": " + field + " " + message);
      }
    }
  }
}
