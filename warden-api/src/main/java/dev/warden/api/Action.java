package dev.warden.api;

/**
 * What to do with a finding. Sealed so every switch over actions is exhaustive.
 *
 * <p>Strength orders merges: {@code allow < redact = mask = hash < tokenize = encrypt < escalate <
 * block}; a merge of two decisions keeps the stronger one. Block wins over escalate: a message that
 * must not go on is refused outright, not queued for someone to wave through.
 */
public sealed interface Action {
  /** Configuration name, as written in {@code warden.yaml}. */
  String id();

  /** Higher is stronger; see the class comment. */
  int strength();

  /** Leave the value as it is (still recorded). */
  record Allow() implements Action {
    @Override
    public String id() {
      return "allow";
    }

    @Override
    public int strength() {
      return 0;
    }
  }

  /** Replace the value with {@code [REDACTED:type]}. */
  record Redact() implements Action {
    @Override
    public String id() {
      return "redact";
    }

    @Override
    public int strength() {
      return 1;
    }
  }

  /** Replace all but the last {@code visibleSuffix} characters with {@code *}. */
  record Mask(int visibleSuffix) implements Action {
    public Mask {
      if (visibleSuffix < 0 || visibleSuffix > 8) {
        throw new IllegalArgumentException(
            "mask visibleSuffix must be in [0, 8], got " + visibleSuffix);
      }
    }

    @Override
    public String id() {
      return "mask";
    }

    @Override
    public int strength() {
      return 1;
    }
  }

  /** Replace the value with a keyed hash, stable per value and key: {@code [HASH:type:hex]}. */
  record Hash() implements Action {
    @Override
    public String id() {
      return "hash";
    }

    @Override
    public int strength() {
      return 1;
    }
  }

  /** Replace the value with a reversible vault token (arrives with the vault). */
  record Tokenize() implements Action {
    @Override
    public String id() {
      return "tokenize";
    }

    @Override
    public int strength() {
      return 2;
    }
  }

  /** Replace the value with an AEAD envelope (arrives with the vault). */
  record Encrypt() implements Action {
    @Override
    public String id() {
      return "encrypt";
    }

    @Override
    public int strength() {
      return 2;
    }
  }

  /**
   * Hold the whole message for human review: the request is not forwarded, the caller gets a ticket
   * id (HTTP 202) and the ledger records it. Where a message cannot be held (an upstream answer, a
   * stream, plain text), hosts treat it as {@link Block}; a rewriter that meets it redacts the
   * value.
   */
  record Escalate() implements Action {
    @Override
    public String id() {
      return "escalate";
    }

    @Override
    public int strength() {
      return 3;
    }
  }

  /** Refuse the whole message. */
  record Block() implements Action {
    @Override
    public String id() {
      return "block";
    }

    @Override
    public int strength() {
      return 4;
    }
  }

  static Action allow() {
    return new Allow();
  }

  static Action redact() {
    return new Redact();
  }

  static Action mask() {
    return new Mask(4);
  }

  static Action hash() {
    return new Hash();
  }

  static Action block() {
    return new Block();
  }

  static Action escalate() {
    return new Escalate();
  }

  /** The stronger of two actions; {@code a} wins ties. */
  static Action stronger(Action a, Action b) {
    return b.strength() > a.strength() ? b : a;
  }
}
