package dev.warden.engine.normalize;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sets apart a value glued into an identifier by {@code _} or {@code -}: a vendor key after one
 * ({@code m-ghp_…}, {@code fp_sk-proj-…}, {@code x_AKIA…}), or a 13–19 digit number on either side
 * of an underscore ({@code _4111…}, {@code 4111…_x}). The rules refuse a value that continues a
 * longer token — that is what keeps a hash or an id from reading as a key — so the glue would
 * otherwise hide the value from every rule. The derived text has a space at the glue; a finding
 * there maps back over the value and its glue character.
 *
 * <p>Only prefixes no ordinary word starts with are set apart, and only after a glue character: a
 * key glued straight to a letter ({@code aAKIA…}) stays as written. Cost: two vectorized scans for
 * the glue characters, and a few character comparisons at each.
 */
final class GluedValues {
  private GluedValues() {}

  /** Vendor prefixes that start a secret wherever they stand. */
  private static final String[] PREFIXES = {
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "sk-proj-",
    "sk-svcacct-",
    "sk-admin-",
    "sk-ant-",
    "sk_live_",
    "rk_live_",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "xoxs-",
    "xapp-",
    "AKIA",
    "ASIA",
    "AIza",
    "hf_",
    "npm_",
    "pypi-",
    "eyJ",
    "shpat_",
    "shpss_",
    "dop_v1_",
    "glc_",
    "dckr_pat_",
    "SG."
  };

  private static final int MIN_NUMBER = 13;
  private static final int MAX_NUMBER = 19;

  /** {@code text} with its glued values set apart, or null when there is none. */
  static @Nullable MappedText separateOrNull(String text, @Nullable MappedText parent) {
    List<int[]> splits = null; // {position, 0 = a space before it, 1 = a space after it}
    for (char glue : new char[] {'_', '-'}) {
      for (int p = text.indexOf(glue); p >= 0; p = text.indexOf(glue, p + 1)) {
        int after = p + 1;
        if (startsAPrefix(text, after)
            || (glue == '_' && numberLength(text, after, 1) >= MIN_NUMBER)) {
          splits = add(splits, after, 0);
        }
        if (glue == '_'
            && after < text.length()
            && isWordChar(text.charAt(after))
            && numberLength(text, p - 1, -1) >= MIN_NUMBER) {
          splits = add(splits, p - 1, 1);
        }
      }
    }
    if (splits == null) {
      return null;
    }
    splits.sort((a, b) -> Integer.compare(a[0], b[0]));
    MappedText.Builder b = new MappedText.Builder(parent, text);
    int copied = 0;
    for (int[] split : splits) {
      int at = split[0];
      if (at < copied) {
        continue; // a position set apart on both sides: once is enough
      }
      b.copy(copied, at);
      String c = String.valueOf(text.charAt(at));
      b.replace(at, at + 1, split[1] == 0 ? " " + c : c + " ", Evasion.GLUED);
      copied = at + 1;
    }
    b.copy(copied, text.length());
    return b.build();
  }

  private static List<int[]> add(@Nullable List<int[]> splits, int at, int side) {
    List<int[]> out = splits == null ? new ArrayList<>() : splits;
    out.add(new int[] {at, side});
    return out;
  }

  private static boolean startsAPrefix(String text, int at) {
    if (at >= text.length()) {
      return false;
    }
    char first = text.charAt(at);
    for (String prefix : PREFIXES) {
      if (prefix.charAt(0) == first && text.startsWith(prefix, at)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The length of the run of ASCII digits from {@code at} in direction {@code step}, when it is a
   * whole number (not continued by another digit) of at most {@value #MAX_NUMBER} digits; else 0.
   */
  private static int numberLength(String text, int at, int step) {
    int k = at;
    while (k >= 0 && k < text.length() && isDigit(text.charAt(k))) {
      k += step;
    }
    int length = Math.abs(k - at);
    return length <= MAX_NUMBER ? length : 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
  }
}
