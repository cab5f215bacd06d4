package dev.warden.engine.policy;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Values an operator declared harmless (a test e-mail address, a documented example key, a field
 * that only ever holds ids). Immutable; built from validated configuration.
 *
 * <p>A finding is allowlisted when one entry applies to its type and any one of that entry's
 * criteria matches: the exact value, the JSON path of the leaf it was found in, or an RE2J pattern
 * found in the value. {@link FindingFilter} applies it, and never to a {@linkplain
 * Policy#isHardBlock hard-block type}.
 *
 * <p>Values are operator-chosen non-secrets, kept as given; {@link #toString()} never shows them.
 */
public final class Allowlist {
  private static final Allowlist EMPTY = new Allowlist(List.of());

  private final List<Entry> entries;

  public Allowlist(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Allowlist empty() {
    return EMPTY;
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * @param value the finding's text
   * @param path the leaf's pointer-style path ({@code /messages/0/content}); empty for plain text
   */
  public boolean allows(String type, String value, String path) {
    for (Entry e : entries) {
      if (e.allows(type, value, path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Allowlist[" + entries.size() + " entries]";
  }

  /**
   * One allowlist entry.
   *
   * @param types the types it applies to; empty means every type (hard-block types excepted)
   * @param values exact values
   * @param paths path globs, see {@link PathGlob}
   * @param patterns RE2J patterns searched for in the value (anchor with {@code ^…$} for a whole
   *     match)
   */
  public record Entry(
      Set<String> types, Set<String> values, List<PathGlob> paths, List<Pattern> patterns) {
    public Entry {
      types = Set.copyOf(types);
      values = Set.copyOf(values);
      paths = List.copyOf(paths);
      patterns = List.copyOf(patterns);
    }

    boolean allows(String type, String value, String path) {
      if (!types.isEmpty() && !types.contains(type)) {
        return false;
      }
      if (values.contains(value)) {
        return true;
      }
      for (PathGlob glob : paths) {
        if (glob.matches(path)) {
          return true;
        }
      }
      for (Pattern p : patterns) {
        if (p.matcher(value).find()) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "Entry[types="
          + types
          + ", values="
          + values.size()
          + ", paths="
          + paths
          + ", patterns="
          + patterns.size()
          + "]";
    }
  }

  /**
   * A glob over the pointer-style paths the JSON walker reports ({@code /messages/1/content}; a key
   * name's own path ends in {@code #key}, as in {@code /metadata/user_id#key}). Segments are
   * separated by {@code /}; {@code *} inside a segment matches any characters but {@code /}, and a
   * segment that is exactly {@code **} matches zero or more whole segments. So {@code
   * /messages/*}{@code /name} is every message's {@code name}, and {@code /metadata/**} everything
   * under {@code metadata}, key names included. Plain text (a CLI file) has no path and matches no
   * glob.
   */
  public static final class PathGlob {
    private final String glob;
    private final java.util.regex.Pattern regex;

    private PathGlob(String glob, java.util.regex.Pattern regex) {
      this.glob = glob;
      this.regex = regex;
    }

    /**
     * @throws IllegalArgumentException when {@code glob} does not start with {@code /} or has an
     *     empty segment
     */
    public static PathGlob of(String glob) {
      String pointer = glob.startsWith("/") ? glob : fromDotted(glob);
      if (pointer.length() < 2) {
        throw new IllegalArgumentException(
            "must be a path such as /messages/*/name, /metadata/** or $.metadata.*");
      }
      StringBuilder re = new StringBuilder();
      for (String segment : pointer.substring(1).split("/", -1)) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("has an empty segment (//); write /*/ for any one");
        }
        if (segment.equals("**")) {
          re.append("(?:/[^/]*)*");
          continue;
        }
        re.append('/');
        String[] parts = segment.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
          if (i > 0) {
            re.append("[^/]*");
          }
          if (!parts[i].isEmpty()) {
            re.append(java.util.regex.Pattern.quote(parts[i]));
          }
        }
      }
      return new PathGlob(glob, java.util.regex.Pattern.compile(re.toString()));
    }

    /**
     * The dotted spelling, translated: {@code $.metadata.*} and {@code messages[*].name} mean
     * {@code /metadata/*} and {@code /messages/*}{@code /name}. Walker paths never hold a dot or a
     * bracket in a key (such keys appear as {@code *}), so the translation is unambiguous.
     */
    private static String fromDotted(String glob) {
      String g = glob.startsWith("$") ? glob.substring(1) : glob;
      if (g.startsWith(".")) {
        g = g.substring(1);
      }
      if (g.isEmpty()) {
        return "";
      }
      String pointer = "/" + g.replaceAll("\\[([^\\]]*)\\]", ".$1").replace('.', '/');
      if (pointer.contains("[") || pointer.contains("]")) {
        throw new IllegalArgumentException("has an unbalanced [ ]; write messages[*].name");
      }
      return pointer;
    }

    public boolean matches(String path) {
      if (path.isEmpty()) {
        return false;
      }
      Matcher m = regex.matcher(path);
      return m.matches();
    }

    @Override
    public String toString() {
      return glob;
    }
  }
}
