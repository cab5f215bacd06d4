package dev.warden.engine.stream;

import dev.warden.api.Restorer;
import dev.warden.api.VaultSession;
import dev.warden.engine.Protector;
import dev.warden.engine.detect.ContextWords;
import dev.warden.engine.detect.RuleCatalog;
import dev.warden.engine.normalize.EvasionLimits;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Builds the {@link StreamInspector} for a dialect. The one place where dialect ids meet stream
 * codecs, and where the hold-back window is derived.
 *
 * <p>Hold-back per channel: the longest span any built-in rule can match ({@link
 * RuleCatalog#longestSpan()}), or the longest encoded run the evasion decoder tries ({@link
 * EvasionLimits#maxRunLength()}, since a decoded finding maps back to its whole encoded run), or
 * the longest vault token, whichever is longest, plus {@link ContextWords#WINDOW} characters so
 * that lookaheads and context words past a value's end are seen too.
 */
public final class StreamInspectors {
  private StreamInspectors() {}

  /** The dialect ids with a stream codec, in a stable order. */
  public static final List<String> DIALECTS =
      List.of(
          "openai-chat",
          "openai-completions",
          "openai-responses",
          "anthropic-messages",
          "gemini",
          "ollama-chat",
          "ollama-generate");

  /**
   * A new inspector for one streamed response of {@code dialectId}, without a vault: {@code
   * tokenize} and {@code encrypt} redact.
   *
   * @param responses the protector for response bodies (its policy decides; dry-run records only)
   * @param restorer turns this exchange's vault tokens back into values ({@link Restorer#NONE} if
   *     none)
   * @throws IllegalArgumentException naming the dialect when it does not stream (embeddings) or is
   *     unknown
   */
  public static StreamInspector forDialect(
      String dialectId, Protector responses, Restorer restorer) {
    return forDialect(dialectId, responses, VaultSession.NONE, restorer);
  }

  /**
   * A new inspector for one streamed response of {@code dialectId} whose {@code tokenize} and
   * {@code encrypt} decisions are served by {@code answers} (the exchange's answer session: values
   * it tokenizes are recognised later but never restored), in-stream like redact and mask.
   *
   * @param responses the protector for response bodies (its policy decides; dry-run records only)
   * @param answers the exchange's vault session for answers ({@link VaultSession#NONE}: redact)
   * @param restorer turns this exchange's vault tokens back into values ({@link Restorer#NONE} if
   *     none)
   * @throws IllegalArgumentException naming the dialect when it does not stream (embeddings) or is
   *     unknown
   */
  public static StreamInspector forDialect(
      String dialectId, Protector responses, VaultSession answers, Restorer restorer) {
    return forDialect(dialectId, responses, answers, restorer, holdBack(restorer));
  }

  /** As {@link #forDialect(String, Protector, Restorer)} with an explicit window (for tests). */
  static StreamInspector forDialect(
      String dialectId, Protector responses, Restorer restorer, int holdBack) {
    return forDialect(dialectId, responses, VaultSession.NONE, restorer, holdBack);
  }

  /** As {@link #forDialect(String, Protector, VaultSession, Restorer)} with an explicit window. */
  static StreamInspector forDialect(
      String dialectId,
      Protector responses,
      VaultSession answers,
      Restorer restorer,
      int holdBack) {
    return new DialectStreamInspector(
        codec(dialectId).get(), responses, answers, restorer, holdBack);
  }

  /**
   * Characters each channel always holds back with {@code restorer}: the short rules' longest span
   * ({@link RuleCatalog#shortSpan()}) or the longest vault token, plus {@link ContextWords#WINDOW}.
   * Long rules and encoded runs are held from their anchors on top of it; see {@link Channels}.
   */
  public static int holdBack(Restorer restorer) {
    return Math.max(RuleCatalog.shortSpan(), restorer.maxTokenLength()) + ContextWords.WINDOW;
  }

  /**
   * The most a channel can hold in the worst case with {@code restorer}: the window, plus the
   * longest anchored match and its context, or twice the decoder's longest encoded run.
   */
  public static int maxHoldBack(Restorer restorer) {
    int anchored =
        RuleCatalog.longAnchors().stream()
            .mapToInt(a -> a.span() + ContextWords.WINDOW)
            .max()
            .orElse(0);
    return holdBack(restorer) + Math.max(anchored, 2 * EvasionLimits.defaults().maxRunLength());
  }

  private static Supplier<StreamCodec> codec(String dialectId) {
    return switch (dialectId) {
      case "openai-chat" -> OpenAiChatCodec::new;
      case "openai-completions" -> OpenAiCompletionsCodec::new;
      case "openai-responses" -> OpenAiResponsesCodec::new;
      case "anthropic-messages" -> AnthropicCodec::new;
      case "gemini" -> GeminiCodec::new;
      case "ollama-chat" -> () -> new OllamaCodec(true);
      case "ollama-generate" -> () -> new OllamaCodec(false);
      default ->
          throw new IllegalArgumentException(
              "no stream codec for dialect '"
                  + dialectId.toLowerCase(Locale.ROOT)
                  + "'; streaming dialects are "
                  + DIALECTS);
    };
  }
}
