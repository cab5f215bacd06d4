package dev.warden.engine.normalize;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sets apart a vendor key glued into an identifier by {@code _} or {@code -} ({@code m-ghp_…},
 * {@code fp_sk-proj-…}, {@code x-AKIA…}). The rules refuse a value that continues a longer token —
 * that is what keeps a hash or an id from reading as a key — so the glue would otherwise hide the
 * value from every rule. The derived text has a space before the value; a finding there maps back
 * over the value alone.
 *
 * <p>Only prefixes no ordinary word starts with are set apart, and only after a glue character: a
 * key glued straight to a letter ({@code aAKIA…}) stays as written, and so does a number after an
 * underscore ({@code upload_4539…}: ids are written so). Cost: two vectorized scans for the glue
 * characters, and a few character comparisons at each.
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

  /** {@code text} with its glued keys set apart, or null when there is none. */
  static @Nullable MappedText separateOrNull(String text, @Nullable MappedText parent) {
    List<Integer> starts = null;
    for (char glue : new char[] {'_', '-'}) {
      for (int p = text.indexOf(glue); p >= 0; p = text.indexOf(glue, p + 1)) {
        if (startsAPrefix(text, p + 1)) {
          starts = starts == null ? new ArrayList<>() : starts;
          starts.add(p + 1);
        }
      }
    }
    if (starts == null) {
      return null;
    }
    starts.sort(null);
    MappedText.Builder b = new MappedText.Builder(parent, text);
    int copied = 0;
    for (int at : starts) {
      b.copy(copied, at);
      b.replace(at, at + 1, " " + text.charAt(at), Evasion.GLUED);
      copied = at + 1;
    }
    b.copy(copied, text.length());
    return b.build();
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
}
