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
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * Runs a list of {@link Rule}s over one string leaf.
 *
 * <p>Per call: one case-insensitive Aho-Corasick pass ({@link KeywordScanner}) finds which rule
 * keywords occur, and one linear {@link DigitShape} pass measures the longest digit run; only rules
 * gated in by either, or by the leaf's JSON key ({@link Rule#jsonKeys()}), run their regex. Each
 * candidate then goes through the rule's validator, the placeholder allowlist and the context words
 * ({@link ContextWords}), in that order, and becomes a {@link Finding} whose span covers the value
 * only. Findings never carry the text.
 *
 * <p>Overlaps: when two findings of the same type overlap (an international and a national phone
 * rule on {@code +1 415-555-0172}, a legacy and a generic rule on one OpenAI key), the wider one is
 * kept, then the more confident one. Findings of different types may overlap; the engine resolves
 * those, with one exception here: a finding that overlaps a finding of a higher {@linkplain
 * Rule.Tier tier} is dropped, because the more specific rule says what the value is ({@code
 * aws_secret_key=…} is an {@code aws_secret_key}, not also a {@code generic_secret}). Tiers, lowest
 * first: generic (password, generic secret), container (URL credentials), specific (everything
 * else); only the generic tier yields: a GitHub token in {@code https://x:ghs_…@github.com} is a
 * {@code github_token} and also {@code url_credentials}.
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

  /**
   * Rules in order, those sharing one pattern and one gate (same keywords, reach, digit shape, JSON
   * keys and start hints) in one group: the pattern runs once per group, and each rule then judges
   * the matches (its own validator, context, confidence). Four IPv4 rules that differ only by
   * address class cost one scan.
   */
  private final List<List<Rule>> groups;

  /**
   * Per group: the ASCII characters a match can start with ({@link FirstChars}), or {@code null}
   * when any. Used only by the windowed scan; the whole-leaf reference ignores it.
   */
  private final boolean[] @Nullable [] firstChars;

  /**
   * Per group: its leader's {@link Rule#startsAfterNone()} as a table over ASCII, or {@code null}
   * when not declared. A table read per start instead of a search through the declared string.
   */
  private final @Nullable AsciiSet[] notAfter;

  /** Per group: its leader's {@link Rule#digitRegionNeeds()}, or {@code null} when not declared. */
  private final @Nullable AsciiSet[] digitNeeds;

  /**
   * Per group: its leader's {@link Rule#startShape()}, or {@code null} when not declared. Used only
   * by the windowed scan; the whole-leaf reference tries every start.
   */
  private final @Nullable StartShape[] startShapes;

  /**
   * Per word-start group: its start shape when it reads only the digit run at the start ({@link
   * DigitRunShape}), judged from the run {@link WordStarts} read once per start; {@code null}
   * otherwise.
   */
  private final @Nullable DigitRunShape[] runShapes;

  /**
   * Per group: whether it is digit-gated and its {@link Rule#startsAfterNone()} holds every ASCII
   * letter and digit, so only {@linkplain WordStarts word starts} can begin a match. Every built-in
   * digit rule is; they then share one list of those starts per leaf instead of each testing every
   * position of its regions.
   */
  private final boolean[] startsAtWords;

  private final List<List<Rule>> rulesByKeyword;

  /**
   * Per keyword: the groups whose rules list it. Candidate regions are kept per group (the rules of
   * a group share their gate), in an array: no map lookup per rule and leaf.
   */
  private final int[][] groupsByKeyword;

  /** The groups gated by a digit run, in order. */
  private final int[] digitGroups;

  /**
   * Per entry of {@link #digitGroups}: the first entry with the same digit gate (minimum digits and
   * {@link Rule#digitRegionNeeds()}), whose regions it shares: the 26 digit rules have a few
   * distinct gates, and each walked every cluster of the leaf for the same answer.
   */
  private final int[] sameDigitGate;

  /** Groups by each word of their {@link Rule#jsonKeys()}, in order. */
  private final Map<String, int[]> groupsByJsonKey;

  /** Each group's index, by its first rule. */
  private final Map<Rule, Integer> groupOfLeader;

  private final KeywordScanner keywords;
  private final Set<String> types;
  private final int windowSize;
  private final int windowOverlap;
  private final boolean candidateWindows;
  private final int minDigitsOfAnyRule;
  private final Map<String, Rule.Tier> tierByRuleId;

  /** The rules gated by a digit run ({@link Rule#minDigits()} {@code > 0}), in order. */
  private final List<Rule> digitRules;

  /** Rules by each word of their {@link Rule#jsonKeys()}, in rule order. */
  private final Map<String, List<Rule>> rulesByJsonKey;

  private final boolean anyLowerTier;

  private final ThreadLocal<Scratch> scratches;

  /**
   * Characters scanned on each side of a digit cluster: enough for a leading {@code +} or {@code
   * (}, or for an IBAN's country code and letter bank code ("GB82 WEST 1234…"); lookarounds see
   * further anyway (transparent bounds).
   */
  static final int DIGIT_MARGIN = 10;

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
    this(rules, windowSize, windowOverlap, true);
  }

  /**
   * @param candidateWindows false scans every gated rule over the whole leaf: the reference that
   *     tests compare the windowed scan against
   */
  RuleDetector(List<Rule> rules, int windowSize, int windowOverlap, boolean candidateWindows) {
    this.candidateWindows = candidateWindows;
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
    Map<List<Object>, List<Rule>> byGate = new java.util.LinkedHashMap<>();
    for (Rule rule : this.rules) {
      byGate.computeIfAbsent(gate(rule), g -> new ArrayList<>()).add(rule);
    }
    this.groups = byGate.values().stream().map(List::copyOf).toList();
    this.firstChars = new boolean[groups.size()][];
    for (int g = 0; g < groups.size(); g++) {
      firstChars[g] = candidateWindows ? FirstChars.of(groups.get(g).get(0).pattern()) : null;
    }
    this.notAfter = new AsciiSet[groups.size()];
    this.digitNeeds = new AsciiSet[groups.size()];
    this.startShapes = new StartShape[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      Rule leader = groups.get(g).get(0);
      notAfter[g] = AsciiSet.ofNullable(leader.startsAfterNone());
      digitNeeds[g] = AsciiSet.ofNullable(leader.digitRegionNeeds());
      startShapes[g] = candidateWindows ? leader.startShape() : null;
    }
    this.startsAtWords = new boolean[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      AsciiSet blocked = notAfter[g];
      startsAtWords[g] =
          candidateWindows
              && groups.get(g).get(0).minDigits() > 0
              && blocked != null
              && blocked.containsAsciiAlphanumerics();
    }
    this.runShapes = new DigitRunShape[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      if (startsAtWords[g]
          && startShapes[g] instanceof DigitRunShape shape
          && shape.runsCountedTo() <= WordStarts.RUN_COUNTED_TO) {
        runShapes[g] = shape;
      }
    }
    this.minDigitsOfAnyRule =
        this.rules.stream()
            .mapToInt(Rule::minDigits)
            .filter(d -> d > 0)
            .min()
            .orElse(Integer.MAX_VALUE);
    List<String> words = List.copyOf(byKeyword.keySet());
    this.keywords = new KeywordScanner(words);
    this.rulesByKeyword = words.stream().map(w -> List.copyOf(byKeyword.get(w))).toList();
    this.types = Collections.unmodifiableSet(new LinkedHashSet<>(allTypes));
    Map<String, Rule.Tier> tiers = new HashMap<>();
    for (Rule rule : this.rules) {
      tiers.put(rule.id(), rule.tier());
    }
    this.tierByRuleId = Map.copyOf(tiers);
    this.anyLowerTier = this.rules.stream().anyMatch(r -> r.tier() != Rule.Tier.SPECIFIC);
    this.digitRules = this.rules.stream().filter(r -> r.minDigits() > 0).toList();
    Map<String, List<Rule>> byJsonKey = new HashMap<>();
    for (Rule rule : this.rules) {
      for (String key : rule.jsonKeys()) {
        List<Rule> list = byJsonKey.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(rule)) {
          list.add(rule);
        }
      }
    }
    Map<String, List<Rule>> frozen = new HashMap<>();
    byJsonKey.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.rulesByJsonKey = Map.copyOf(frozen);
    Map<Rule, Integer> leaders = new java.util.IdentityHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      leaders.put(groups.get(g).get(0), g);
    }
    this.groupOfLeader = leaders;
    this.groupsByKeyword =
        rulesByKeyword.stream().map(rs -> leaderGroups(rs, leaders)).toArray(int[][]::new);
    this.digitGroups = leaderGroups(digitRules, leaders);
    this.sameDigitGate = new int[digitGroups.length];
    Map<List<Object>, Integer> firstWithGate = new HashMap<>();
    for (int i = 0; i < digitGroups.length; i++) {
      Rule leader = groups.get(digitGroups[i]).get(0);
      List<Object> digitGate =
          java.util.Arrays.asList(
              leader.minDigits(), leader.digitRegionNeeds(), leader.digitReachAfter());
      Integer first = firstWithGate.putIfAbsent(digitGate, i);
      sameDigitGate[i] = first == null ? i : first;
    }
    Map<String, int[]> groupsByKey = new HashMap<>();
    rulesByJsonKey.forEach((k, rs) -> groupsByKey.put(k, leaderGroups(rs, leaders)));
    this.groupsByJsonKey = Map.copyOf(groupsByKey);
    int groupCount = groups.size();
    int digitGroupCount = digitGroups.length;
    this.scratches = ThreadLocal.withInitial(() -> new Scratch(groupCount, digitGroupCount));
  }

  /** The groups of the group leaders among {@code rules}, in order, each once. */
  private static int[] leaderGroups(List<Rule> rules, Map<Rule, Integer> leaders) {
    return rules.stream()
        .map(leaders::get)
        .filter(java.util.Objects::nonNull)
        .mapToInt(Integer::intValue)
        .distinct()
        .toArray();
  }

  private static final int[] NO_GROUPS = new int[0];

  private int[] jsonKeyGroups(@Nullable String jsonKey) {
    if (jsonKey == null || groupsByJsonKey.isEmpty()) {
      return NO_GROUPS;
    }
    String last = Rule.lastKeyWord(jsonKey);
    return last == null ? NO_GROUPS : groupsByJsonKey.getOrDefault(last, NO_GROUPS);
  }

  /**
   * The rules whose {@link Rule#jsonKeys()} gate {@code jsonKey} opens, in rule order: what {@link
   * Rule#jsonKeyMatches} says for each rule, with the key split once per leaf instead of once per
   * rule (on a dense JSON body, splitting it 164 times per string was a sixth of the cost).
   */
  private List<Rule> jsonKeyRules(@Nullable String jsonKey) {
    if (jsonKey == null || rulesByJsonKey.isEmpty()) {
      return List.of();
    }
    String last = Rule.lastKeyWord(jsonKey);
    return last == null ? List.of() : rulesByJsonKey.getOrDefault(last, List.of());
  }

  /** What decides where and how a rule's pattern runs; equal gates can share one scan. */
  private static List<Object> gate(Rule rule) {
    return java.util.Arrays.asList(
        rule.pattern().pattern(),
        rule.pattern().flags(),
        rule.keywords(),
        rule.reachBefore(),
        rule.reachAfter(),
        rule.minDigits(),
        rule.jsonKeys(),
        rule.startsAfterNone(),
        rule.keywordFollowedBy(),
        rule.keywordFollowedWithin(),
        rule.runBeforeKeyword(),
        rule.digitRegionNeeds(),
        rule.digitReachAfter(),
        rule.startShape(),
        rule.byColumn());
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
    return detect(in, hit -> keywords.scan(in.text(), hit));
  }

  /**
   * The scanner of the rules' keywords, whose hits {@link #detect(ScanInput, KeywordScanner.Scan)}
   * takes.
   */
  public KeywordScanner keywordScanner() {
    return keywords;
  }

  /**
   * {@link #detect(ScanInput)} with the {@link #keywordScanner()} hits of {@code in.text()} already
   * found, by a scan shared with another detector ({@link SharedKeywordScan}).
   */
  public List<Finding> detect(ScanInput in, KeywordScanner.Scan keywordHits) {
    String text = in.text();
    if (text.isEmpty()) {
      return List.of();
    }
    Scratch scratch = scratches.get().claim();
    try {
      return detect(in, keywordHits, scratch);
    } finally {
      scratch.release();
    }
  }

  private List<Finding> detect(ScanInput in, KeywordScanner.Scan keywordHits, Scratch scratch) {
    if (!candidates(in, keywordHits, scratch)) {
      return List.of(); // most leaves: no keyword, no digit run
    }
    String text = in.text();
    Found found = new Found();
    long[] active = scratch.active;
    for (int word = 0; word < active.length; word++) {
      // Only the groups a keyword, digit cluster or JSON key opened, in group order: a dense body
      // is many short leaves, and walking all groups per leaf was a tenth of the rules' time.
      for (long bits = active[word]; bits != 0; bits &= bits - 1) {
        int g = word * Long.SIZE + Long.numberOfTrailingZeros(bits);
        List<Rule> group = groups.get(g);
        Rule rule = group.get(0);
        List<Region> regions = java.util.Objects.requireNonNull(scratch.regions[g]);
        Matcher m = scratch.matcher(g, rule, text);
        if (rule.byColumn()) {
          scanColumns(group, in, candidateWindows ? regions : keywordSpans(rule, text), m, found);
        } else if (candidateWindows && !rule.keywords().isEmpty()) {
          scanAroundKeywords(group, firstChars[g], notAfter[g], in, regions, m, found);
        } else {
          StartList starts = null;
          if (startsAtWords[g]) {
            DigitRunShape runShape = runShapes[g];
            starts =
                runShape != null && runShape.needsDigit()
                    ? scratch.wordStarts.digitLed
                    : scratch.wordStarts.all;
          }
          for (Region r : Region.merge(regions)) {
            scan(
                group,
                firstChars[g],
                notAfter[g],
                startShapes[g],
                runShapes[g],
                starts,
                in,
                r,
                m,
                found);
          }
        }
      }
    }
    return resolveOverlaps(found.list);
  }

  /**
   * A leaf's findings in the order found, each once (a rule can reach one span from two regions).
   * The set is made only once the list is long enough for a linear search to cost more.
   */
  private static final class Found {
    private static final int LINEAR = 16;
    final List<Finding> list = new ArrayList<>();
    private @Nullable Set<Finding> seen;

    void add(Finding f) {
      if (seen == null) {
        if (list.contains(f)) {
          return;
        }
        list.add(f);
        if (list.size() > LINEAR) {
          seen = new HashSet<>(list);
        }
      } else if (seen.add(f)) {
        list.add(f);
      }
    }
  }

  /**
   * What one call needs per group and per leaf, kept per thread so a leaf does not allocate an
   * array slot per group, a matcher per gated group and a fresh word-start array: on a dense JSON
   * body (thousands of short leaves) those were most of the rules' allocation. Cleared after every
   * call, matchers included, so no leaf text stays reachable from a thread.
   */
  private static final class Scratch {
    @Nullable List<Region>[] regions;
    long[] active;
    @Nullable Matcher[] matchers;
    final WordStarts wordStarts = new WordStarts();
    private boolean busy;

    /** Per digit group: the regions of its digit gate while the leaf's candidates are found. */
    final @Nullable List<Region>[] digitRegions;

    @SuppressWarnings({"unchecked", "rawtypes"}) // arrays of lists, one slot per group
    Scratch(int groups, int digitGroups) {
      regions = new List[groups];
      digitRegions = new List[digitGroups];
      active = new long[(groups + Long.SIZE - 1) / Long.SIZE];
      matchers = new Matcher[groups];
    }

    /** This scratch, or a fresh one when a call on this thread already holds it. */
    Scratch claim() {
      Scratch s = busy ? new Scratch(regions.length, digitRegions.length) : this;
      s.busy = true;
      return s;
    }

    void open(int g, List<Region> regions) {
      this.regions[g] = regions;
      active[g / Long.SIZE] |= 1L << (g % Long.SIZE);
    }

    @Nullable List<Region> regions(int g) {
      return regions[g];
    }

    boolean any() {
      for (long word : active) {
        if (word != 0) {
          return true;
        }
      }
      return false;
    }

    Matcher matcher(int g, Rule rule, String text) {
      Matcher m = matchers[g];
      if (m == null) {
        m = rule.pattern().matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        matchers[g] = m;
      } else {
        m.reset(text); // keeps the transparent, non-anchoring bounds
      }
      return m;
    }

    void release() {
      for (int word = 0; word < active.length; word++) {
        for (long bits = active[word]; bits != 0; bits &= bits - 1) {
          int g = word * Long.SIZE + Long.numberOfTrailingZeros(bits);
          regions[g] = null;
          Matcher m = matchers[g];
          if (m != null) {
            m.reset("");
          }
        }
        active[word] = 0;
      }
      wordStarts.clear();
      busy = false;
    }
  }

  /**
   * Every match of a keyword rule contains one of its keywords, so it starts at most {@code
   * reachBefore} characters before a keyword hit: only those start positions are tried, each with
   * one anchored match ({@code lookingAt}), leftmost first — the same matches {@code find()} would
   * report, for a fraction of the work (a prefix-anchored secret rule tries exactly one position
   * per hit). {@code hits} are the keyword spans, in text order.
   */
  private void scanAroundKeywords(
      List<Rule> group,
      boolean @Nullable [] firstChars,
      @Nullable AsciiSet notAfter,
      ScanInput in,
      List<Region> hits,
      Matcher m,
      Found found) {
    Rule rule = group.get(0);
    String text = in.text();
    IntPredicate run = rule.runBeforeKeyword();
    int free = 0; // like find(): a match never starts inside the previous one
    // Start positions already attempted for an earlier hit. A match starting there contains that
    // earlier keyword too, so that attempt's window (reach after the earlier keyword) already held
    // it; trying again would only repeat work — quadratic work on a text of dense hits ("@@@@…").
    int tried = -1;
    List<Region> ordered = hits;
    if (!Region.startsAscending(hits)) {
      ordered = new ArrayList<>(hits);
      ordered.sort(Comparator.comparingInt(Region::start));
    }
    String followedBy = rule.keywordFollowedBy();
    for (Region hit : ordered) {
      if (followedBy != null && !followedWithin(text, hit.end(), followedBy, rule)) {
        continue; // no assignment after this keyword: an ordinary word, not a credential name
      }
      int last = hit.start();
      int limit = (int) Math.min(text.length(), (long) hit.end() + rule.reachAfter());
      int first = Math.max(Math.max(free, tried + 1), hit.start() - rule.reachBefore());
      if (run != null) {
        int runStart = hit.start();
        while (runStart > first && run.test(text.charAt(runStart - 1))) {
          runStart--;
        }
        first = runStart; // a match is made of run characters up to its keyword
      }
      int reached = last;
      for (int p = first; p <= last; p++) {
        if (notAfter != null && startBlocked(text, p, notAfter)) {
          continue; // the pattern's lookbehind would refuse this start; skip the attempt
        }
        if (firstChars != null && cannotStart(firstChars, text.charAt(p))) {
          continue; // no match starts with this character
        }
        m.region(p, limit);
        if (m.lookingAt()) {
          acceptAll(group, in, m, found);
          free = Math.max(m.end(), p + 1);
          reached = p; // later starts of this window stay open for the next hit
          break;
        }
      }
      tried = Math.max(tried, reached);
    }
  }

  /**
   * Columns one header line may open for a {@link Rule#byColumn} rule: each reads the table's rows
   * once, so a line repeating the word cannot multiply the work.
   */
  private static final int MAX_COLUMNS_PER_HEADER = 4;

  /**
   * A {@link Rule#byColumn} rule: each keyword hit in a table's header line opens its column
   * ({@link TableHeader#columnBelow}); when the header's name raises, each cell below that the
   * pattern matches whole is evaluated with that verdict. {@code hits} are the keyword spans.
   */
  private static void scanColumns(
      List<Rule> group, ScanInput in, List<Region> hits, Matcher m, Found found) {
    String text = in.text();
    List<Region> ordered = hits;
    if (!Region.startsAscending(hits)) {
      ordered = new ArrayList<>(hits);
      ordered.sort(Comparator.comparingInt(Region::start));
    }
    // The line breaks around each hit, found by one forward walk over the ascending hits: prose
    // holds the words often and line breaks rarely, and a hit whose line is longer than a table
    // row, or that no line follows, heads no table.
    int before = -1; // the last line break before the hit, -1 when none
    int after = text.indexOf('\n'); // the first line break at or after the hit, -1 when none
    int onLine = 0; // hits read on the current line: a header names a few password columns
    int line = -2;
    for (Region hit : ordered) {
      int p = hit.start();
      while (after >= 0 && after < p) {
        before = after;
        after = text.indexOf('\n', after + 1);
      }
      onLine = before == line ? onLine + 1 : 1;
      line = before;
      if (onLine > MAX_COLUMNS_PER_HEADER
          || after < 0
          || after - p > TableHeader.MAX_LINE
          || p - before > TableHeader.MAX_LINE) {
        continue;
      }
      TableHeader.Column column = TableHeader.columnBelow(text, p);
      if (column == null) {
        continue;
      }
      List<int[]> cells = column.cells();
      for (Rule rule : group) {
        ContextWords.Outcome header = rule.contextIndex().decideColumn(column.name());
        if (header.effect() != ContextWords.Effect.RAISE) {
          continue;
        }
        for (int[] cell : cells) {
          m.region(cell[0], cell[1]);
          if (m.matches() && m.start(rule.secretGroup()) >= 0) {
            Finding f =
                evaluate(rule, in, m.start(rule.secretGroup()), m.end(rule.secretGroup()), header);
            if (f != null) {
              found.add(f);
            }
          }
        }
      }
    }
  }

  /** Where the rule's keywords occur, case-insensitively: the whole-text reference scan. */
  private static List<Region> keywordSpans(Rule rule, String text) {
    List<Region> spans = new ArrayList<>();
    for (String k : rule.keywords()) {
      for (int at = 0; at + k.length() <= text.length(); at++) {
        if (text.regionMatches(true, at, k, 0, k.length())) {
          spans.add(new Region(at, at + k.length()));
        }
      }
    }
    return spans;
  }

  private static boolean followedWithin(String text, int from, String chars, Rule rule) {
    int to = (int) Math.min(text.length(), (long) from + rule.keywordFollowedWithin());
    return containsAny(text, from, to, chars);
  }

  private static boolean containsAny(String text, int from, int to, String chars) {
    for (int i = from; i < to; i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** A half-open range of the text where a rule's regex may find a match. */
  record Region(int start, int end) {
    /** Sorted, with overlapping or touching regions joined. */
    static List<Region> merge(List<Region> regions) {
      if (regions.size() < 2 || isMerged(regions)) {
        return regions;
      }
      List<Region> sorted = new ArrayList<>(regions);
      sorted.sort(Comparator.comparingInt(Region::start));
      List<Region> out = new ArrayList<>();
      Region current = sorted.get(0);
      for (int i = 1; i < sorted.size(); i++) {
        Region next = sorted.get(i);
        if (next.start() <= current.end()) {
          current = new Region(current.start(), Math.max(current.end(), next.end()));
        } else {
          out.add(current);
          current = next;
        }
      }
      out.add(current);
      return out;
    }

    /** Whether the regions' starts never decrease (keyword hits arrive by end, not by start). */
    static boolean startsAscending(List<Region> regions) {
      for (int i = 1; i < regions.size(); i++) {
        if (regions.get(i).start() < regions.get(i - 1).start()) {
          return false;
        }
      }
      return true;
    }

    /** Whether each region ends before the next one starts: what {@link #merge} returns. */
    private static boolean isMerged(List<Region> regions) {
      for (int i = 1; i < regions.size(); i++) {
        if (regions.get(i).start() <= regions.get(i - 1).end()) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Where each gated rule must look: every hit of one of its keywords (the span of the keyword;
   * {@link #scanAroundKeywords} widens it by the rule's reach), or every digit cluster long enough
   * for it, widened by {@link #DIGIT_MARGIN}. Running the regex only there, rather than over the
   * whole leaf, is what keeps a long prompt with one email cheap: patterns that open with a
   * lookbehind or a character class give the regex engine no literal to skip ahead to, so a
   * whole-leaf {@code find()} tries every position. Opens those groups in {@code out}; false when
   * none is gated.
   */
  private boolean candidates(ScanInput in, KeywordScanner.Scan keywordHits, Scratch out) {
    String text = in.text();
    if (!candidateWindows) {
      for (Rule rule : gatedRules(in)) {
        Integer g = groupOfLeader.get(rule);
        if (g != null) {
          out.open(g, List.of(new Region(0, text.length())));
        }
      }
      return out.any();
    }
    int length = text.length();
    if (groupsByKeyword.length > 0) {
      keywordHits.replay((keyword, hitStart, hitEnd) -> {
        for (int g : groupsByKeyword[keyword]) {
          List<Region> regions = out.regions(g);
          if (regions == null) {
            regions = new ArrayList<>(4);
            out.open(g, regions);
          }
          regions.add(new Region(hitStart, hitEnd));
        }
      });
    }
    DigitShape.Digits digits = digitGroups.length > 0 ? DigitShape.digits(text) : null;
    if (digits != null && digits.longestRun() >= minDigitsOfAnyRule) {
      List<DigitShape.Cluster> clusters = digits.clusters();
      out.wordStarts.collect(text, clusters, minDigitsOfAnyRule);
      @Nullable List<Region>[] byGate = out.digitRegions;
      for (int i = 0; i < digitGroups.length; i++) {
        int g = digitGroups[i];
        int same = sameDigitGate[i];
        if (same < i) {
          List<Region> shared = byGate[same]; // read-only from here on: groups may share it
          if (shared != null) {
            out.open(g, shared);
          }
          continue;
        }
        int minDigits = groups.get(g).get(0).minDigits();
        int reachAfter = groups.get(g).get(0).digitReachAfter();
        AsciiSet needs = digitNeeds[g];
        List<Region> regions = null;
        int openFrom = -1; // the region being grown: clusters come in text order, so regions do too
        int openTo = -1;
        for (DigitShape.Cluster c : clusters) {
          if (c.digits() >= minDigits) {
            int from = Math.max(0, c.start() - DIGIT_MARGIN);
            int to = Math.min(length, c.end() + reachAfter);
            if (needs != null && !needs.anyIn(text, from, to)) {
              continue;
            }
            if (openFrom >= 0 && from <= openTo) {
              openTo =
                  Math.max(openTo, to); // overlapping or touching: Region.merge would join them
              continue;
            }
            if (openFrom >= 0) {
              regions = add(regions, new Region(openFrom, openTo));
            }
            openFrom = from;
            openTo = to;
          }
        }
        if (openFrom >= 0) {
          List<Region> closed = add(regions, new Region(openFrom, openTo));
          byGate[i] = closed;
          out.open(g, closed);
        }
      }
      java.util.Arrays.fill(byGate, null); // only leaves with digit runs wrote it
    }
    for (int g : jsonKeyGroups(in.jsonKey())) {
      out.open(g, List.of(new Region(0, length))); // the whole leaf is the value
    }
    return out.any();
  }

  private static List<Region> add(@Nullable List<Region> regions, Region region) {
    List<Region> out = regions == null ? new ArrayList<>() : regions;
    out.add(region);
    return out;
  }

  /** Rules whose keyword occurs, whose digit shape fits or whose JSON key matches, in order. */
  private Set<Rule> gatedRules(ScanInput in) {
    String text = in.text();
    Set<Rule> gated = new HashSet<>();
    if (!rulesByKeyword.isEmpty()) {
      keywords.scan(text, (keyword, hitStart, hitEnd) -> gated.addAll(rulesByKeyword.get(keyword)));
    }
    gated.addAll(jsonKeyRules(in.jsonKey()));
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

  private void scan(
      List<Rule> group,
      boolean @Nullable [] first,
      @Nullable AsciiSet notAfter,
      @Nullable StartShape shape,
      @Nullable DigitRunShape runShape,
      @Nullable StartList wordStarts,
      ScanInput in,
      Region region,
      Matcher m,
      Found found) {
    int step = windowSize - windowOverlap;
    for (int from = region.start(); from < region.end(); from += step) {
      int to = (int) Math.min(region.end(), (long) from + windowSize);
      if (wordStarts != null) {
        scanWordStarts(group, first, notAfter, shape, runShape, wordStarts, in, from, to, m, found);
      } else if (notAfter != null || shape != null) {
        scanAllowedStarts(group, first, notAfter, shape, in, from, to, m, found);
      } else {
        m.region(from, to);
        while (m.find()) {
          acceptAll(group, in, m, found);
        }
      }
      if (to == region.end()) {
        break;
      }
    }
  }

  /**
   * What {@code find()} over {@code [from, to)} reports, trying only starts the rule's leading
   * lookbehind and its {@link StartShape} can accept: inside a digit run or a word most positions
   * are skipped for the price of one character test, and a date or version number that opens with
   * the wrong digit run for a few more, instead of a regex attempt each.
   */
  private static void scanAllowedStarts(
      List<Rule> group,
      boolean @Nullable [] first,
      @Nullable AsciiSet notAfter,
      @Nullable StartShape shape,
      ScanInput in,
      int from,
      int to,
      Matcher m,
      Found found) {
    String text = in.text();
    int p = from;
    while (p < to) {
      if (refused(text, p, first, notAfter, shape)) {
        p++;
        continue;
      }
      m.region(p, to);
      if (m.lookingAt()) {
        acceptAll(group, in, m, found);
        p = Math.max(m.end(), p + 1);
      } else {
        p++;
      }
    }
  }

  /** Whether the first character, the lookbehind's set or the start shape rules out {@code p}. */
  private static boolean refused(
      String text,
      int p,
      boolean @Nullable [] first,
      @Nullable AsciiSet notAfter,
      @Nullable StartShape shape) {
    return (first != null && cannotStart(first, text.charAt(p)))
        || (notAfter != null && startBlocked(text, p, notAfter))
        || (shape != null && !shape.admits(text, p));
  }

  /**
   * {@link #scanAllowedStarts} for a group whose lookbehind refuses every start after an ASCII
   * letter or digit: only the {@code wordStarts} in {@code [from, to)} are looked at, the rest
   * being refused by {@link #startBlocked} anyway. A {@code runShape} is judged from the run the
   * list already read at each start (the list holds only digit-led starts when it needs a digit).
   */
  private static void scanWordStarts(
      List<Rule> group,
      boolean @Nullable [] first,
      @Nullable AsciiSet notAfter,
      @Nullable StartShape shape,
      @Nullable DigitRunShape runShape,
      StartList wordStarts,
      ScanInput in,
      int from,
      int to,
      Matcher m,
      Found found) {
    String text = in.text();
    int[] starts = wordStarts.positions;
    int[] runs = wordStarts.runs;
    int[] afters = wordStarts.afters;
    int size = wordStarts.size;
    int i = lowerBound(starts, size, from);
    while (i < size && starts[i] < to) {
      int p = starts[i];
      boolean refused =
          runShape != null
              ? !runShape.admitsRun(runs[i], afters[i]) || refused(text, p, first, notAfter, null)
              : refused(text, p, first, notAfter, shape);
      if (refused) {
        i++;
        continue;
      }
      m.region(p, to);
      if (m.lookingAt()) {
        acceptAll(group, in, m, found);
        int next = Math.max(m.end(), p + 1);
        while (i < size && starts[i] < next) {
          i++;
        }
      } else {
        i++;
      }
    }
  }

  /**
   * The positions of a leaf's digit regions where a match of a digit rule can start: at the start
   * of the text, after a character that is not an ASCII letter or digit, or after an escaped {@code
   * \n}, {@code \r} or {@code \t} (see {@link #startBlocked}). Collected once per leaf, over every
   * cluster long enough for some digit rule and its margin; each rule's regions lie inside those.
   * With each start, the digit run there and the character after it, read once for every digit
   * rule's {@link DigitRunShape}; the starts that open with a digit are also listed on their own,
   * for the shapes that need one (most: a word or a date's separator never starts their match).
   */
  static final class WordStarts {
    /** Runs are counted up to this many digits; every built-in shape needs at most 19. */
    static final int RUN_COUNTED_TO = 64;

    final StartList all = new StartList();
    final StartList digitLed = new StartList();

    void collect(String text, List<DigitShape.Cluster> clusters, int minDigits) {
      int length = text.length();
      int done = 0; // clusters come in text order: each position is looked at once
      for (DigitShape.Cluster c : clusters) {
        if (c.digits() < minDigits) {
          continue;
        }
        int from = Math.max(done, c.start() - DIGIT_MARGIN);
        int to = Math.min(length, c.end() + DIGIT_MARGIN);
        for (int p = Math.max(0, from); p < to; p++) {
          if (p == 0 || !isAsciiAlphanumeric(text.charAt(p - 1)) || afterEscape(text, p)) {
            int q = p + DigitRunShape.digitRun(text, p, RUN_COUNTED_TO);
            int after = q < length ? text.charAt(q) : DigitRunShape.NO_CHAR;
            all.add(p, q - p, after);
            if (q > p) {
              digitLed.add(p, q - p, after);
            }
          }
        }
        done = Math.max(done, to);
      }
    }

    /** Forgets the starts; the arrays are kept for the next leaf. */
    void clear() {
      all.size = 0;
      digitLed.size = 0;
    }

    private static boolean isAsciiDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlphanumeric(char c) {
      return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }

  /**
   * Whether {@code text[p]} follows an escape whose last letter or digit stands for a separator — a
   * JSON {@code \n}, {@code \r}, {@code \t} or a percent escape ({@code %3D}) — the starts {@link
   * Boundaries#startNotAfter} allows after an excluded character.
   */
  static boolean afterEscape(String text, int p) {
    char before = text.charAt(p - 1);
    if ((before == 'n' || before == 'r' || before == 't') && p >= 2 && text.charAt(p - 2) == '\\') {
      return true;
    }
    return p >= 3
        && text.charAt(p - 3) == '%'
        && TextValidators.isHexDigit(text.charAt(p - 2))
        && TextValidators.isHexDigit(before);
  }

  /**
   * Ascending start positions, each with the digit run read there (counted up to {@link
   * WordStarts#RUN_COUNTED_TO}) and the character after it ({@link DigitRunShape#NO_CHAR} at the
   * end of the text).
   */
  static final class StartList {
    int[] positions = new int[0];
    int[] runs = new int[0];
    int[] afters = new int[0];
    int size;

    private void add(int position, int run, int after) {
      if (size == positions.length) {
        int grown = Math.max(64, size * 2);
        positions = java.util.Arrays.copyOf(positions, grown);
        runs = java.util.Arrays.copyOf(runs, grown);
        afters = java.util.Arrays.copyOf(afters, grown);
      }
      positions[size] = position;
      runs[size] = run;
      afters[size] = after;
      size++;
    }
  }

  /** Whether {@link FirstChars} rules out a match starting with {@code c}. */
  private static boolean cannotStart(boolean[] first, char c) {
    return c < 128 && !first[c];
  }

  /**
   * Whether a match cannot start at {@code p} because of the character before it. An escaped {@code
   * \n}, {@code \r} or {@code \t} before {@code p} never blocks: {@link Boundaries#startNotAfter}
   * lets a match start after one (text from JSON-in-strings).
   */
  private static boolean startBlocked(String text, int p, AsciiSet notAfter) {
    if (p == 0) {
      return false;
    }
    char before = text.charAt(p - 1);
    if (!notAfter.contains(before)) {
      return false;
    }
    return !afterEscape(text, p);
  }

  /** {@link #accept} for each rule of a group sharing one pattern and one gate. */
  private static void acceptAll(List<Rule> group, ScanInput in, Matcher m, Found found) {
    for (int i = 0; i < group.size(); i++) {
      accept(group.get(i), in, m, found);
    }
  }

  /** Evaluates the matcher's current match and keeps it when it survives and is new. */
  private static void accept(Rule rule, ScanInput in, Matcher m, Found found) {
    int start = m.start(rule.secretGroup());
    if (start >= 0) {
      Finding f = evaluate(rule, in, start, m.end(rule.secretGroup()));
      if (f != null) {
        found.add(f);
      }
    }
  }

  /** Validator, then allowlist, then context; null when the candidate is dropped. */
  private static @Nullable Finding evaluate(Rule rule, ScanInput in, int start, int end) {
    return evaluate(rule, in, start, end, null);
  }

  /**
   * As {@link #evaluate(Rule, ScanInput, int, int)}; {@code column} is the verdict of the header of
   * a {@link Rule#byColumn} rule's cell ({@link #scanColumns} reads it once per column), which such
   * a rule cannot do without.
   */
  private static @Nullable Finding evaluate(
      Rule rule, ScanInput in, int start, int end, ContextWords.@Nullable Outcome column) {
    if (rule.byColumn() && (column == null || column.effect() != ContextWords.Effect.RAISE)) {
      return null;
    }
    Rule.Refusal refusal = rule.refusal();
    if (refusal != null && refusal.refuses(in.text(), start, end)) {
      return null;
    }
    CharSequence value = in.text().subSequence(start, end);
    Validator validator = rule.validator();
    if (validator != null && !validator.test(value)) {
      return null;
    }
    if (rule.placeholderCheck() && Placeholders.isPlaceholder(value)) {
      return null;
    }
    ContextWords.Outcome context =
        column != null ? column : rule.contextIndex().evaluate(in.text(), start, end, in.jsonKey());
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

  /**
   * Keeps, per type, the widest (then most confident) of each chain of overlapping findings, then
   * drops every generic-tier finding that overlaps one of a higher tier.
   */
  private List<Finding> resolveOverlaps(List<Finding> found) {
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
    if (!anyLowerTier) {
      return List.copyOf(kept);
    }
    // A container finding stands beside a specific one inside it: a GitHub token used as a URL
    // password is both (what writers of the labelled sets mostly mark, too); a generic finding
    // yields to either.
    return yieldTo(kept, Rule.Tier.GENERIC);
  }

  /**
   * {@code sorted} (by span) without the findings of tier {@code low} that overlap a finding of a
   * higher tier. Linear after the sort: a prefix maximum of the higher spans' ends, searched by the
   * end of each low span.
   */
  private List<Finding> yieldTo(List<Finding> sorted, Rule.Tier low) {
    List<Span> higher = new ArrayList<>();
    boolean anyLow = false;
    for (Finding f : sorted) {
      Rule.Tier tier = tier(f);
      if (tier.compareTo(low) > 0) {
        higher.add(f.span());
      }
      anyLow |= tier == low;
    }
    if (higher.isEmpty() || !anyLow) {
      return List.copyOf(sorted);
    }
    higher.sort(Comparator.comparingInt(Span::start));
    int[] starts = new int[higher.size()];
    int[] maxEnd = new int[higher.size()];
    int furthest = -1;
    for (int i = 0; i < starts.length; i++) {
      starts[i] = higher.get(i).start();
      furthest = Math.max(furthest, higher.get(i).end());
      maxEnd[i] = furthest;
    }
    List<Finding> out = new ArrayList<>(sorted.size());
    for (Finding f : sorted) {
      if (tier(f) == low) {
        // Higher spans that start before f ends: does one of them end after f starts?
        int n = lowerBound(starts, f.span().end());
        if (n > 0 && maxEnd[n - 1] > f.span().start()) {
          continue;
        }
      }
      out.add(f);
    }
    return List.copyOf(out);
  }

  private Rule.Tier tier(Finding f) {
    return tierByRuleId.getOrDefault(f.ruleId(), Rule.Tier.SPECIFIC);
  }

  /** How many of the ascending {@code values} are below {@code key}. */
  static int lowerBound(int[] values, int key) {
    return lowerBound(values, values.length, key);
  }

  /** How many of the first {@code size} ascending {@code values} are below {@code key}. */
  private static int lowerBound(int[] values, int size, int key) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
