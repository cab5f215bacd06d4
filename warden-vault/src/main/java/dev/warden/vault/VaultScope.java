package dev.warden.vault;

import dev.warden.api.Identity;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a token is valid: the same value gets a different token in each scope, and a restorer
 * replaces only tokens of its own scope. Three kinds (configured as {@code vault.scope}):
 *
 * <ul>
 *   <li>{@code conversation} — one caller's one conversation: {@code conversation:<identity>:<id>}
 *   <li>{@code identity} — everything one caller sends: {@code identity:<identity>}
 *   <li>{@code global} — every caller shares tokens: {@code global}
 * </ul>
 *
 * <p>The key is bound into every token id and sealed entry (associated data), so an entry moved to
 * another scope does not open. Conversation ids are restricted to {@code [A-Za-z0-9._-]} so the key
 * splits back unambiguously (the identity id may contain colons; the conversation id is last).
 */
public record VaultScope(String key) {
  /** The configurable kinds. */
  public enum Kind {
    CONVERSATION,
    IDENTITY,
    GLOBAL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code conversation}, {@code identity} or {@code global}. */
    public static Kind parse(String s) {
      for (Kind k : values()) {
        if (k.id().equals(s)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown vault scope '" + s + "'; allowed: conversation, identity, global");
    }
  }

  /** Conversation ids a client may send: 1–128 of {@code A-Z a-z 0-9 . _ -}. */
  public static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private static final int MAX_KEY = 400;

  public VaultScope {
    if (key.isEmpty() || key.length() > MAX_KEY || key.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "vault scope must be 1-"
              + MAX_KEY
              + " characters without control characters, got length "
              + key.length());
    }
  }

  public static final VaultScope GLOBAL = new VaultScope("global");

  public static VaultScope identity(Identity who) {
    return new VaultScope("identity:" + who.id());
  }

  /**
   * @throws IllegalArgumentException if {@code conversationId} is not a {@link #CONVERSATION_ID}
   */
  public static VaultScope conversation(Identity who, String conversationId) {
    if (!CONVERSATION_ID.matcher(conversationId).matches()) {
      throw new IllegalArgumentException(
          "conversation id must be 1-128 characters of A-Z a-z 0-9 . _ -");
    }
    return new VaultScope("conversation:" + who.id() + ":" + conversationId);
  }

  /** The scope of {@code kind} for one exchange. */
  public static VaultScope of(Kind kind, Identity who, String conversationId) {
    return switch (kind) {
      case GLOBAL -> GLOBAL;
      case IDENTITY -> identity(who);
      case CONVERSATION -> conversation(who, conversationId);
    };
  }

  /** Parses a scope as printed by {@code warden vault stats} or given to {@code --scope}. */
  public static VaultScope parse(String s) {
    if (s.equals("global") || s.startsWith("identity:") && s.length() > 9) {
      return new VaultScope(s);
    }
    if (s.startsWith("conversation:")) {
      int last = s.lastIndexOf(':');
      if (last > "conversation:".length()
          && CONVERSATION_ID.matcher(s.substring(last + 1)).matches()) {
        return new VaultScope(s);
      }
    }
    throw new IllegalArgumentException(
        "scope must be 'global', 'identity:<identity id>' or"
            + " 'conversation:<identity id>:<conversation id>'");
  }

  @Override
  public String toString() {
    return key;
  }
}
