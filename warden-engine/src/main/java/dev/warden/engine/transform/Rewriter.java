package dev.warden.engine.transform;

import dev.warden.api.Action;
import dev.warden.api.Finding;
import dev.warden.api.KeyedHasher;
import dev.warden.api.Span;
import dev.warden.api.VaultSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies decided actions to one string. Overlapping spans are merged into one span carrying the
 * strongest action, so no fragment of either value survives; replacements are made from the end so
 * earlier offsets stay valid.
 *
 * <p>Replacement formats (documented in {@code docs/configuration.md}):
 *
 * <ul>
 *   <li>redact: {@code [REDACTED:type]}
 *   <li>mask: {@code *} for every character but the last {@code min(visible, length/3)}; values
 *       shorter than 8 characters are masked entirely
 *   <li>hash: {@code [HASH:type:16 hex]}, an HMAC-SHA256 prefix, stable per value and key
 *   <li>tokenize: a vault token {@code [TOKEN:type:id]}, restorable in the exchange's scope
 *   <li>encrypt: a vault envelope {@code [ENC:type:kid:ct]} bound to the type and the JSON path
 *   <li>allow and block leave the text (block refuses the whole message elsewhere)
 * </ul>
 */
public final class Rewriter {
  private final KeyedHasher hasher;

  public Rewriter(KeyedHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * Returns {@code text} with every replacement applied; the same instance if none changes it.
   * Without a vault, tokenize and encrypt redact (see {@link VaultSession#NONE}).
   */
  public String apply(String text, List<Replacement> replacements) {
    return apply(text, replacements, VaultSession.NONE);
  }

  /**
   * Like {@link #apply(String, List)}, with tokenize and encrypt served by {@code vault}.
   *
   * @throws IllegalStateException when the vault fails (the host must refuse the message)
   */
  public String apply(String text, List<Replacement> replacements, VaultSession vault) {
    if (replacements.isEmpty()) {
      return text;
    }
    List<Replacement> merged = mergeOverlaps(replacements);
    StringBuilder out = new StringBuilder(text);
    boolean changed = false;
    for (int i = merged.size() - 1; i >= 0; i--) {
      Replacement r = merged.get(i);
      Span span = r.finding().span();
      String value = text.substring(span.start(), span.end());
      String replaced = render(r.decision().action(), r.finding().type(), value, r.path(), vault);
      if (!replaced.equals(value)) {
        out.replace(span.start(), span.end(), replaced);
        changed = true;
      }
    }
    return changed ? out.toString() : text;
  }

  String render(Action action, String type, String value) {
    return render(action, type, value, "", VaultSession.NONE);
  }

  private String render(Action action, String type, String value, String path, VaultSession vault) {
    return switch (action) {
      case Action.Allow a -> value;
      case Action.Block b -> value;
      // Escalation holds the whole message; should a host rewrite it anyway, the value stays
      // hidden.
      case Action.Escalate e -> "[REDACTED:" + type + "]";
      case Action.Redact r -> "[REDACTED:" + type + "]";
      case Action.Mask m ->
          mask(value, value.length() < 8 ? 0 : Math.min(m.visibleSuffix(), value.length() / 3));
      case Action.Hash h ->
          "[HASH:"
              + type
              + ":"
              + hasher.hashHex("replacement:" + type, value).substring(0, 16)
              + "]";
      case Action.Tokenize t -> vault.tokenize(type, value);
      case Action.Encrypt e -> vault.encrypt(type, path, value);
    };
  }

  private static String mask(String value, int visible) {
    int hidden = value.length() - visible;
    return "*".repeat(hidden) + value.substring(hidden);
  }

  /** Sorted by start; overlapping neighbours collapse into their union with the stronger action. */
  static List<Replacement> mergeOverlaps(List<Replacement> in) {
    List<Replacement> sorted = new ArrayList<>(in);
    sorted.sort(Comparator.comparing(r -> r.finding().span()));
    List<Replacement> out = new ArrayList<>();
    for (Replacement r : sorted) {
      if (!out.isEmpty() && out.getLast().finding().span().overlaps(r.finding().span())) {
        Replacement prev = out.removeLast();
        out.add(union(prev, r));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  private static Replacement union(Replacement a, Replacement b) {
    Replacement strong =
        b.decision().action().strength() > a.decision().action().strength() ? b : a;
    Span sa = a.finding().span();
    Span sb = b.finding().span();
    Span span = new Span(Math.min(sa.start(), sb.start()), Math.max(sa.end(), sb.end()));
    Finding f = strong.finding();
    return new Replacement(
        new Finding(f.type(), f.ruleId(), span, f.confidence(), f.why()),
        strong.decision(),
        strong.path(),
        strong.valueHash());
  }
}
