package dev.warden.engine.injection;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One phrasing of one injection intent in one language, with the weight it contributes to a
 * clause's score.
 *
 * <p>A signal is tried on a clause only when one of its {@link #keywords()} occurs there (the
 * detector's prefilter); every match of {@link #pattern()} must therefore contain one of them,
 * which the catalog test checks on the {@link #examples()}. A match that {@link #unless()} also
 * finds is ignored (benign qualifiers: "ignore the formatting instructions").
 *
 * @param id stable kebab-case id, {@code <lang>-<family>-<what>}; named in explanations
 * @param family the intent this phrasing expresses
 * @param weight contribution in {@code (0, 1)}; signals combine as independent evidence
 * @param negatable whether a negation right before the match ("never reveal your system prompt") or
 *     right after it in Korean and Japanese ("무시하지 마세요") cancels most of it; false for phrasings
 *     that contain their own negation ("do not tell the user")
 * @param examples texts the pattern must match; fake, written for the catalog test
 * @param requires a second prefilter, empty for none: every match of the pattern also holds one of
 *     these lower-case words, so the detector skips the pattern in a clause that has a keyword but
 *     none of them ("every" is common, "every email" is not). Only sound for words every match must
 *     contain; the catalog test checks the examples
 */
record Signal(
    String id,
    Family family,
    List<String> keywords,
    Pattern pattern,
    @Nullable Pattern unless,
    double weight,
    boolean negatable,
    List<String> examples,
    List<String> requires) {

  /** What a signal says the text is trying to do. Names appear in rule ids. */
  enum Family {
    /** Override or discard the instructions the model was given. */
    OVERRIDE,
    /** Make the model disclose its system prompt or the text before the data. */
    LEAK,
    /** Reassign the model's role or lift its restrictions (DAN, developer mode). */
    ROLE,
    /** Hide an action or the instruction itself from the user. */
    SECRECY,
    /** Move data out: templated URLs, "send the conversation to …". */
    EXFILTRATION,
    /** Induce a tool call or a destructive action. */
    TOOL,
    /** Spoof the chat format: {@code <|im_start|>system}, {@code [INST]}, {@code </system>}. */
    DELIMITER,
    /** Address the model directly or hand it a new task ("note to the AI", "instead, say"). */
    REDIRECT;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  Signal {
    keywords = List.copyOf(keywords);
    examples = List.copyOf(examples);
    requires = List.copyOf(requires);
    if (!(weight > 0 && weight < 1)) {
      throw new IllegalArgumentException(id + ": weight must be in (0, 1), got " + weight);
    }
    if (keywords.isEmpty() || examples.isEmpty()) {
      throw new IllegalArgumentException(id + ": needs keywords and examples");
    }
    for (String k : java.util.stream.Stream.concat(keywords.stream(), requires.stream()).toList()) {
      if (!k.equals(k.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(id + ": keyword must be lower-case: " + k);
      }
    }
  }
}
