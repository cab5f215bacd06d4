package dev.warden.engine.normalize;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A detector that also finds values hidden by an evasion: full-width or look-alike characters,
 * invisible characters, a value split over lines or glued into an identifier, HTML character
 * references, or percent, {@code \}{@code uXXXX}, hex, base64 or base64url encoding, up to {@link
 * EvasionLimits#maxDepth()} layers deep.
 *
 * <p>Per leaf it runs {@code inner} on the text as written, then — only when {@link TextNormalizer}
 * changes something, a split value or an encoded run is present — on each derived text ({@link
 * MappedText}): layer by layer, first normalized and re-joined, then decoded. A finding in a
 * derived text counts only when an undone evasion lies inside its span (what reads the same as the
 * original was already judged on the original) and is mapped back to the original: its span covers
 * every original character the value came from, so an encoded value is rewritten whole. Encoded
 * runs already inside a finding (a JWT's segments, a PEM body) are not decoded.
 *
 * <p>JSON's written-out escapes ({@link JsonEscapes}) change no value, only where words start: the
 * text with them read is scanned once more, and what it reports that the text as written did not is
 * added, mapped back.
 *
 * <p>Merging: a derived finding that overlaps a finding of the same type joins it; of each such
 * group one finding is kept — the most confident (the original's on a tie) — with the union of the
 * group's spans, so a value is reported once. Its {@link dev.warden.api.Explanation#evasions()}
 * names what was undone. Findings of the text as written that no derived finding overlaps are
 * returned as {@code inner} gave them.
 *
 * <p>Cost: text that is all ASCII with no run that looks encoded and no split costs three linear
 * scans after {@code inner}, with no allocation beyond {@code inner}'s. Thread-safe when {@code
 * inner} is.
 */
public final class EvasionDetector implements Detector {
  private final Detector inner;
  private final EvasionLimits limits;
  private final Set<String> yielding;
  private final Set<String> proseTypes;

  public EvasionDetector(Detector inner, EvasionLimits limits) {
    this(inner, limits, Set.of());
  }

  /**
   * @param yieldingRuleIds rules found by a key or word before the value ({@code password=}, {@code
   *     API_KEY=}): when one of their findings on the text as written lies inside a derived finding
   *     of another rule, it is dropped — it saw part of a value that undoing the evasion showed
   *     whole ({@code API_KEY=sk-ant-…} split over two lines is an {@code anthropic_key}, not also
   *     a {@code generic_secret} on its first line). The derived span covers it, so nothing is left
   *     unrewritten.
   */
  public EvasionDetector(Detector inner, EvasionLimits limits, Set<String> yieldingRuleIds) {
    this(inner, limits, yieldingRuleIds, Set.of());
  }

  /**
   * @param proseTypes types read from the wording of whole clauses ({@code prompt_injection}), not
   *     from values: not taken from the views that rewrite values in place (glued keys set apart,
   *     named and XML values, form fields, joined literals, spaced values closed up). Their
   *     detector undoes spacing and leetspeak on its own; a clause with a closed-up token in it is
   *     a different sentence, not a disguised one.
   */
  public EvasionDetector(
      Detector inner, EvasionLimits limits, Set<String> yieldingRuleIds, Set<String> proseTypes) {
    this.inner = inner;
    this.limits = limits;
    this.yielding = Set.copyOf(yieldingRuleIds);
    this.proseTypes = Set.copyOf(proseTypes);
  }

  @Override
  public List<Finding> detect(ScanInput in) {
    List<Finding> base = inner.detect(in);
    String text = in.text();
    if (text.isEmpty()) {
      return base;
    }
    Coverage covered = new Coverage();
    // A generic finding does not settle its span: base64 under a credential key (a Kubernetes
    // Secret's OPENAI_API_KEY: c2stcHJv…) is decoded still, and what it holds replaces the guess.
    covered.addAll(spans(base, yielding));
    EncodedRuns.Budget budget = new EncodedRuns.Budget(limits);
    List<Finding> derived = new ArrayList<>();
    MappedText unescaped = JsonEscapes.decodeOrNull(text);
    if (unescaped != null) {
      scan(in, unescaped, derived, covered, base, Evasion.JSON_ESCAPE, Set.of());
    }
    // A decoded mail body also holds the words around a value that was plain ASCII all along
    // (NRIC S4552163Z after an encoded "身分証番号（NRIC）は"): what no finding as written holds is new.
    MappedText mailBody = QuotedPrintable.decodeOrNull(text, null);
    if (mailBody != null) {
      scan(in, mailBody, derived, covered, base, Evasion.QUOTED_PRINTABLE, Set.of());
    }
    MappedText streamed = StreamDeltas.joinOrNull(text, null);
    if (streamed != null) {
      scan(in, streamed, derived, covered);
    }
    @Nullable MappedText current = null;
    for (int layer = 0; ; layer++) {
      String source = current == null ? text : current.text();
      boolean changed = false;
      MappedText normalized = TextNormalizer.normalizeOrNull(source, current);
      if (normalized != null) {
        current = normalized;
        changed = true;
      }
      MappedText joined =
          SplitJoiner.joinOrNull(current == null ? text : current.text(), current, covered);
      if (joined != null) {
        current = joined;
        changed = true;
      }
      if (changed && current != null) {
        scan(in, current, derived, covered);
      }
      // Views of their own, scanned beside the others and not decoded further: setting a glued key
      // apart must not split anything else the next layers would read.
      String latest = current == null ? text : current.text();
      for (ValueView view : VALUE_VIEWS) {
        MappedText rewritten = view.rewriteOrNull(latest, current);
        if (rewritten != null) {
          scanValues(in, rewritten, derived, covered);
        }
      }
      MappedText bytes = HexBytes.decodeOrNull(latest, current);
      if (bytes != null) {
        scan(in, bytes, derived, covered); // decoded bytes are text: injection reads them too
      }
      MappedText closedUp = SpacedValues.joinOrNull(latest, current, false);
      if (closedUp != null) {
        scanValues(in, closedUp, derived, covered);
        MappedText digitsClosedUp = SpacedValues.joinOrNull(latest, current, true);
        if (digitsClosedUp != null) {
          scanValues(in, digitsClosedUp, derived, covered);
        }
      }
      if (layer == limits.maxDepth()) {
        break;
      }
      MappedText decoded =
          EncodedRuns.decodeOrNull(
              current == null ? text : current.text(), current, covered, budget);
      if (decoded == null) {
        break;
      }
      current = decoded;
      scan(in, current, derived, covered);
    }
    if (derived.isEmpty()) {
      return base;
    }
    List<Finding> kept = withoutYieldingOver(derived, base);
    return kept.isEmpty() ? base : merge(withoutYielded(base, kept), kept);
  }

  /**
   * {@code derived} without the yielding findings that overlap a non-yielding finding of the text
   * as written: a line join that runs a specific value into the next line ({@code KEY=AIza…} then
   * {@code LOG_LEVEL=info}) must not add a generic finding over the value already found.
   */
  private List<Finding> withoutYieldingOver(List<Finding> derived, List<Finding> base) {
    if (yielding.isEmpty()) {
      return derived;
    }
    List<Finding> out = new ArrayList<>(derived.size());
    for (Finding d : derived) {
      boolean overlaps = false;
      if (yielding.contains(d.ruleId())) {
        for (Finding b : base) {
          if (!yielding.contains(b.ruleId()) && b.span().overlaps(d.span())) {
            overlaps = true;
            break;
          }
        }
      }
      if (!overlaps) {
        out.add(d);
      }
    }
    return out;
  }

  /** A view that rewrites values in place, read for values only ({@link #scanValues}). */
  @FunctionalInterface
  private interface ValueView {
    @Nullable MappedText rewriteOrNull(String text, @Nullable MappedText parent);
  }

  private static final List<ValueView> VALUE_VIEWS =
      List.of(
          GluedValues::separateOrNull,
          NamedValues::joinOrNull,
          XmlValues::joinOrNull,
          Concatenations::joinOrNull,
          FormValues::decodeOrNull);

  /** Runs inner on a derived text and keeps, mapped back, what an undone evasion revealed. */
  private void scan(ScanInput in, MappedText variant, List<Finding> out, Coverage covered) {
    scan(in, variant, out, covered, null, Evasion.JSON_ESCAPE, Set.of());
  }

  /** {@link #scan} of a view that rewrites values in place: no finding of a prose type. */
  private void scanValues(ScanInput in, MappedText variant, List<Finding> out, Coverage covered) {
    scan(in, variant, out, covered, null, Evasion.JSON_ESCAPE, proseTypes);
  }

  /**
   * Runs inner on a derived text and keeps, mapped back, what it revealed. With {@code asWritten}
   * null: each finding with an undone evasion inside its span. Otherwise the text's changes sit
   * between words rather than inside values ({@link JsonEscapes}: an escape glues a letter to the
   * next word, which hides the word a rule or a context word needs), and each finding that no
   * finding of its type in the text as written holds whole is kept: a value the changes did not
   * touch is found alike in both texts, so only what they hid or cut is added. Such a finding is
   * labelled {@code revealedBy} ({@code json-escape}, {@code quoted-printable}) whether the change
   * stood inside it or beside it. Findings of {@code skippedTypes} are not taken.
   */
  private void scan(
      ScanInput in,
      MappedText variant,
      List<Finding> out,
      Coverage covered,
      @Nullable List<Finding> asWritten,
      Evasion revealedBy,
      Set<String> skippedTypes) {
    String text = variant.text();
    if (text.isEmpty()) {
      return;
    }
    List<Finding> found = inner.detect(new ScanInput(text, in.jsonKey(), in.path()));
    List<Span> added = new ArrayList<>(found.size());
    Covering known = asWritten == null ? null : new Covering(asWritten);
    for (Finding f : found) {
      Span s = f.span();
      if (s.length() == 0 || s.end() > text.length() || skippedTypes.contains(f.type())) {
        continue;
      }
      int mask = variant.evasionsIn(s.start(), s.end());
      if (asWritten == null && mask == 0) {
        continue;
      }
      Span original = variant.toOriginal(s.start(), s.end());
      if (known != null) {
        if (known.covers(f.type(), original)) {
          continue;
        }
        mask |= revealedBy.bit(); // the changes revealed it, inside the span or beside
      }
      out.add(
          new Finding(
              f.type(),
              f.ruleId(),
              original,
              f.confidence(),
              f.why().withEvasions(Evasion.labels(mask))));
      added.add(original);
    }
    covered.addAll(added);
  }

  /**
   * The findings of the text as written, to ask whether one of a type holds a span whole: a derived
   * finding that extends one ({@code password=Tr0ub4dor#3\/x9Kq}, cut at the backslash as written)
   * is kept, and {@link #merge} joins the two. Per type, sorted by start with a running maximum of
   * the ends, so a question costs a binary search and a walk back over the findings of its type
   * that reach the span (one or two: a type's findings do not overlap).
   */
  private static final class Covering {
    /** One type's findings sorted by start, their starts, and the running maximum of their ends. */
    private record OfType(List<Finding> byStart, int[] starts, int[] maxEnds) {}

    private final java.util.Map<String, OfType> byType = new java.util.HashMap<>();

    Covering(List<Finding> findings) {
      java.util.Map<String, List<Finding>> grouped = new java.util.HashMap<>();
      for (Finding f : findings) {
        grouped.computeIfAbsent(f.type(), t -> new ArrayList<>()).add(f);
      }
      grouped.forEach((type, list) -> {
        list.sort(Comparator.comparingInt((Finding f) -> f.span().start()));
        int[] starts = new int[list.size()];
        int[] maxEnds = new int[list.size()];
        int max = 0;
        for (int i = 0; i < starts.length; i++) {
          starts[i] = list.get(i).span().start();
          max = Math.max(max, list.get(i).span().end());
          maxEnds[i] = max;
        }
        byType.put(type, new OfType(list, starts, maxEnds));
      });
    }

    boolean covers(String type, Span span) {
      OfType of = byType.get(type);
      if (of == null) {
        return false;
      }
      int lo = 0; // the first finding starting after the span's start
      int hi = of.starts().length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (of.starts()[mid] <= span.start()) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int i = lo - 1; i >= 0 && of.maxEnds()[i] >= span.end(); i--) {
        if (of.byStart().get(i).span().end() >= span.end()) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code base} without the yielding findings that lie inside a non-yielding derived finding. */
  private List<Finding> withoutYielded(List<Finding> base, List<Finding> derived) {
    if (yielding.isEmpty()) {
      return base;
    }
    List<Finding> out = new ArrayList<>(base.size());
    for (Finding f : base) {
      boolean inside = false;
      if (yielding.contains(f.ruleId())) {
        for (Finding d : derived) {
          if (!yielding.contains(d.ruleId())
              && d.span().start() <= f.span().start()
              && d.span().end() >= f.span().end()) {
            inside = true;
            break;
          }
        }
      }
      if (!inside) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Base findings plus derived ones; per type, each group of overlapping findings that holds a
   * derived one becomes one finding.
   */
  private static List<Finding> merge(List<Finding> base, List<Finding> derived) {
    record Tagged(Finding f, boolean derived) {}
    List<Tagged> all = new ArrayList<>(base.size() + derived.size());
    base.forEach(f -> all.add(new Tagged(f, false)));
    derived.forEach(f -> all.add(new Tagged(f, true)));
    all.sort(
        Comparator.comparing((Tagged t) -> t.f().type())
            .thenComparingInt(t -> t.f().span().start()));
    List<Finding> out = new ArrayList<>(all.size());
    int i = 0;
    while (i < all.size()) {
      int j = i + 1;
      int groupEnd = all.get(i).f().span().end();
      boolean anyDerived = all.get(i).derived();
      String type = all.get(i).f().type();
      while (j < all.size()
          && all.get(j).f().type().equals(type)
          && all.get(j).f().span().start() < groupEnd) {
        groupEnd = Math.max(groupEnd, all.get(j).f().span().end());
        anyDerived |= all.get(j).derived();
        j++;
      }
      if (!anyDerived) {
        for (int k = i; k < j; k++) {
          out.add(all.get(k).f());
        }
      } else {
        Tagged best = all.get(i);
        int start = best.f().span().start();
        for (int k = i + 1; k < j; k++) {
          Tagged t = all.get(k);
          double c = t.f().confidence();
          if (c > best.f().confidence() || (c == best.f().confidence() && best.derived())) {
            best = t;
          }
        }
        Finding f = best.f();
        out.add(
            new Finding(f.type(), f.ruleId(), new Span(start, groupEnd), f.confidence(), f.why()));
      }
      i = j;
    }
    out.sort(Comparator.comparing(Finding::span).thenComparing(Finding::type));
    return List.copyOf(out);
  }

  /** The spans of {@code findings} not made by one of the {@code except} rules. */
  private static List<Span> spans(List<Finding> findings, Set<String> except) {
    List<Span> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (!except.contains(f.ruleId())) {
        out.add(f.span());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "EvasionDetector[" + inner + ", " + limits + "]";
  }
}
