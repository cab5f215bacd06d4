package dev.warden.engine.detect;

import dev.warden.api.Detector;
import dev.warden.api.Explanation;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.ahocorasick.trie.Trie;
import org.jspecify.annotations.Nullable;

/**
 * Runs a list of {@link Rule}s over one string leaf.
 *
 * <p>Per call: one case-insensitive Aho-Corasick pass finds which rule keywords occur, and one
 * linear {@link DigitShape} pass measures the longest digit run; only rules gated in by either run
 * their regex. Each candidate then goes through the rule's validator, the placeholder allowlist and
 * the context words ({@link ContextWords}), in that order, and becomes a {@link Finding} whose span
 * covers the value only. Findings never carry the text.
 *
 * <p>Overlaps: when two findings of the same type overlap (an international and a national phone
 * rule on {@code +1 415-555-0172}, a legacy and a generic rule on one OpenAI key), the wider one is
 * kept, then the more confident one. Findings of different types may overlap; the engine resolves
 * those.
 *
 * <p>Bounded work: regexes run over windows of at most {@value #WINDOW_SIZE} characters that
 * overlap by {@value #WINDOW_OVERLAP} (longer than any rule's longest match), with transparent
 * bounds so lookarounds see past a window edge instead of accepting a truncated value. A value
 * longer than the overlap that straddles a window edge is not found; no built-in rule matches
 * anything that long. The built-in patterns contain no unbounded repetition of groups, so the
 * matcher neither backtracks super-linearly nor recurses deeply; a {@link StackOverflowError} is
 * deliberately not caught, because swallowing it would let a value through unscanned.
 *
 * <p>Thread-safe and immutable; {@link #detect} performs no I/O.
 */
public final class RuleDetector implements Detector {
  /** Largest region one regex pass scans at a time. */
  public static final int WINDOW_SIZE = 1_000_000;

  /** Overlap between consecutive windows; longer than any built-in rule's longest match. */
  public static final int WINDOW_OVERLAP = 65_536;

  /** Confidence added when a context word supports the match. */
  public static final double CONTEXT_BOOST = 0.1;

  private static final Comparator<Finding> BY_SPAN =
      Comparator.comparing(Finding::span)
          .thenComparing(Finding::type)
          .thenComparing(Finding::ruleId);

  private final List<Rule> rules;
  private final Map<String, List<Rule>> rulesByKeyword;
  private final Trie keywords;
  private final Set<String> types;
  private final int windowSize;
  private final int windowOverlap;

  /**
   * A detector for {@code rules}.
   *
   * @throws IllegalArgumentException if two rules share an id
   */
  public RuleDetector(List<Rule> rules) {
    this(rules, WINDOW_SIZE, WINDOW_OVERLAP);
  }

  // Visible for tests: small windows exercise the window logic without megabyte inputs.
  RuleDetector(List<Rule> rules, int windowSize, int windowOverlap) {
    if (windowOverlap < 0 || windowSize <= windowOverlap) {
      throw new IllegalArgumentException("window size must exceed the overlap");
    }
    this.rules = List.copyOf(rules);
    this.windowSize = windowSize;
    this.windowOverlap = windowOverlap;
    Set<String> ids = new HashSet<>();
    Map<String, List<Rule>> byKeyword = new HashMap<>();
    Set<String> allTypes = new TreeSet<>();
    for (Rule rule : this.rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("duplicate rule id: " + rule.id());
      }
      allTypes.add(rule.type());
      for (String keyword : rule.keywords()) {
        byKeyword.computeIfAbsent(keyword, k -> new ArrayList<>()).add(rule);
      }
    }
    this.rulesByKeyword = Map.copyOf(byKeyword);
    this.keywords = Trie.builder().ignoreCase().addKeywords(byKeyword.keySet()).build();
    this.types = Collections.unmodifiableSet(new LinkedHashSet<>(allTypes));
  }

  /** The detector for {@link RuleCatalog#builtin()}, built once. */
  public static RuleDetector builtin() {
    return Builtin.INSTANCE;
  }

  private static final class Builtin {
    static final RuleDetector INSTANCE = new RuleDetector(RuleCatalog.builtin());
  }

  /** Every type this detector can report, sorted. */
  public Set<String> types() {
    return types;
  }

  /** The rules, in the order given. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Finds every value the rules accept in {@code in.text()}.
   *
   * @return findings sorted by span, then type; never {@code null}
   */
  @Override
  public List<Finding> detect(ScanInput in) {
    String text = in.text();
    if (text.isEmpty()) {
      return List.of();
    }
    List<Finding> found = new ArrayList<>();
    Set<Finding> seen = new HashSet<>();
    for (Rule rule : gatedRules(text)) {
      scan(rule, in, found, seen);
    }
    return resolveOverlaps(found);
  }

  /** Rules whose keyword occurs or whose digit shape fits, in rule order. */
  private Set<Rule> gatedRules(String text) {
    Set<Rule> gated = new HashSet<>();
    if (!rulesByKeyword.isEmpty()) {
      keywords.parseText(
          text,
          emit -> {
            gated.addAll(rulesByKeyword.getOrDefault(emit.getKeyword(), List.of()));
            return true;
          });
    }
    int digitRun = -1;
    Set<Rule> ordered = new LinkedHashSet<>();
    for (Rule rule : rules) {
      if (rule.minDigits() > 0) {
        if (digitRun < 0) {
          digitRun = DigitShape.longestRun(text);
        }
        if (digitRun >= rule.minDigits()) {
          ordered.add(rule);
        }
      } else if (gated.contains(rule)) {
        ordered.add(rule);
      }
    }
    return ordered;
  }

  private void scan(Rule rule, ScanInput in, List<Finding> found, Set<Finding> seen) {
    String text = in.text();
    Matcher m = rule.pattern().matcher(text);
    m.useTransparentBounds(true).useAnchoringBounds(false);
    int step = windowSize - windowOverlap;
    for (int from = 0; from < text.length(); from += step) {
      int to = (int) Math.min(text.length(), (long) from + windowSize);
      m.region(from, to);
      while (m.find()) {
        int start = m.start(rule.secretGroup());
        if (start >= 0) {
          Finding f = evaluate(rule, in, start, m.end(rule.secretGroup()));
          if (f != null && seen.add(f)) {
            found.add(f);
          }
        }
      }
      if (to == text.length()) {
        break;
      }
    }
  }

  /** Validator, then allowlist, then context; null when the candidate is dropped. */
  private static @Nullable Finding evaluate(Rule rule, ScanInput in, int start, int end) {
    CharSequence value = in.text().subSequence(start, end);
    Validator validator = rule.validator();
    if (validator != null && !validator.test(value)) {
      return null;
    }
    if (rule.placeholderCheck() && Placeholders.isPlaceholder(value)) {
      return null;
    }
    ContextWords.Outcome context = rule.context().evaluate(in.text(), start, in.jsonKey());
    if (context.effect() == ContextWords.Effect.SUPPRESS
        || (rule.context().required() && context.effect() != ContextWords.Effect.RAISE)) {
      return null;
    }
    double confidence = rule.confidence();
    if (context.effect() == ContextWords.Effect.RAISE) {
      confidence = Math.min(1.0, confidence + CONTEXT_BOOST);
    }
    String hit = context.hit();
    return new Finding(
        rule.type(),
        rule.id(),
        new Span(start, end),
        confidence,
        new Explanation(
            validator == null ? "none" : validator.name(), hit == null ? List.of() : List.of(hit)));
  }

  /** Keeps, per type, the widest (then most confident) of each chain of overlapping findings. */
  private static List<Finding> resolveOverlaps(List<Finding> found) {
    if (found.size() < 2) {
      return List.copyOf(found);
    }
    List<Finding> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(Finding::type).thenComparing(Finding::span));
    List<Finding> kept = new ArrayList<>();
    Finding current = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Finding next = sorted.get(i);
      if (next.type().equals(current.type()) && next.span().overlaps(current.span())) {
        current = better(current, next);
      } else {
        kept.add(current);
        current = next;
      }
    }
    kept.add(current);
    kept.sort(BY_SPAN);
    return List.copyOf(kept);
  }

  private static Finding better(Finding a, Finding b) {
    if (a.span().length() != b.span().length()) {
      return a.span().length() > b.span().length() ? a : b;
    }
    return b.confidence() > a.confidence() ? b : a;
  }

  @Override
  public String toString() {
    return "RuleDetector[" + rules.size() + " rules, types=" + types + "]";
  }
}
