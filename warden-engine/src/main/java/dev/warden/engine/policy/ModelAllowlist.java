package dev.warden.engine.policy;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The models a profile may call: exact names or globs ({@code *} any characters, {@code ?} one).
 * Empty means any model. A request whose model is unknown (absent, unreadable, or itself hidden by
 * a finding) matches no entry, so an allowlist refuses it: fail closed.
 */
public final class ModelAllowlist {
  /** Any model. */
  public static final ModelAllowlist ANY = new ModelAllowlist(List.of(), List.of());

  private final List<String> globs;
  private final List<Pattern> patterns;

  private ModelAllowlist(List<String> globs, List<Pattern> patterns) {
    this.globs = List.copyOf(globs);
    this.patterns = List.copyOf(patterns);
  }

  /**
   * @throws IllegalArgumentException when an entry is empty, too long or holds other characters
   */
  public static ModelAllowlist of(List<String> globs) {
    List<Pattern> patterns = new java.util.ArrayList<>(globs.size());
    for (int i = 0; i < globs.size(); i++) {
      String g = globs.get(i);
      if (g.isEmpty()
          || g.length() > 200
          || !dev.warden.api.PlainText.isPlain(g, "._:/@*?-", 200)) {
        throw new IllegalArgumentException(
            "must be a model name or glob of letters, digits and ._:/@- (at most 200), with * and"
                + " ? as wildcards, e.g. gpt-4o*");
      }
      StringBuilder re = new StringBuilder();
      for (char c : g.toCharArray()) {
        switch (c) {
          case '*' -> re.append(".*");
          case '?' -> re.append('.');
          default -> re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      patterns.add(Pattern.compile(re.toString()));
    }
    return new ModelAllowlist(globs, patterns);
  }

  /** Whether this list restricts models at all. */
  public boolean restricts() {
    return !globs.isEmpty();
  }

  public boolean allows(@Nullable String model) {
    if (globs.isEmpty()) {
      return true;
    }
    if (model == null) {
      return false;
    }
    for (Pattern p : patterns) {
      if (p.matcher(model).matches()) {
        return true;
      }
    }
    return false;
  }

  public List<String> globs() {
    return globs;
  }

  @Override
  public String toString() {
    return globs.isEmpty() ? "ModelAllowlist[any]" : "ModelAllowlist" + globs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelAllowlist m && m.globs.equals(globs);
  }

  @Override
  public int hashCode() {
    return globs.hashCode();
  }
}
