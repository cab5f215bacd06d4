package dev.warden.engine.dialect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry: every dialect Warden speaks, assembled in one place, and the path → dialect lookup
 * hosts route with. No two dialects share a path.
 */
public final class Dialects {
  public static final String OPENAI_CHAT = "openai-chat";
  public static final String OPENAI_COMPLETIONS = "openai-completions";
  public static final String OPENAI_EMBEDDINGS = "openai-embeddings";
  public static final String OPENAI_RESPONSES = "openai-responses";
  public static final String ANTHROPIC_MESSAGES = "anthropic-messages";
  public static final String GEMINI = "gemini";
  public static final String OLLAMA_CHAT = "ollama-chat";
  public static final String OLLAMA_GENERATE = "ollama-generate";

  /** The OpenAI-compatible dialects: what the default {@code upstream} serves. */
  public static final List<String> OPENAI_IDS =
      List.of(OPENAI_CHAT, OPENAI_COMPLETIONS, OPENAI_EMBEDDINGS, OPENAI_RESPONSES);

  /**
   * A model name inside a path: a plain identifier. Anything else — percent escapes, slashes, dots
   * alone — does not match, so the path is not a dialect path.
   */
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final String MODEL_PLACEHOLDER = "{model}";

  private static final Dialects STANDARD =
      new Dialects(
          List.of(
              new OpenAiChat(),
              new OpenAiCompletions(),
              new OpenAiEmbeddings(),
              new OpenAiResponses(),
              new AnthropicMessages(),
              new Gemini(),
              OllamaDialect.chat(),
              OllamaDialect.generate()));

  private final Map<String, Dialect> byId = new LinkedHashMap<>();
  private final Map<String, Dialect> byFixedPath = new LinkedHashMap<>();
  private final List<Dialect> templated = new ArrayList<>();

  private Dialects(List<Dialect> dialects) {
    for (Dialect d : dialects) {
      if (byId.put(d.id(), d) != null) {
        throw new IllegalStateException("two dialects share the id " + d.id());
      }
      for (String p : d.paths()) {
        if (p.contains(MODEL_PLACEHOLDER)) {
          if (!templated.contains(d)) {
            templated.add(d);
          }
        } else if (byFixedPath.put(p, d) != null) {
          throw new IllegalStateException("two dialects share the path " + p);
        }
      }
    }
  }

  /** Every dialect Warden speaks. */
  public static Dialects standard() {
    return STANDARD;
  }

  /** All dialects, in registry order. */
  public List<Dialect> all() {
    return List.copyOf(byId.values());
  }

  /** The ids, in registry order. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  public Optional<Dialect> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The dialect endpoint a request path (raw, as on the request line, without the query) names, if
   * any. A templated path matches only when its model part is a plain model name.
   */
  public Optional<Endpoint> match(String rawPath) {
    Dialect fixed = byFixedPath.get(rawPath);
    if (fixed != null) {
      return Optional.of(Endpoint.fixed(fixed, rawPath));
    }
    for (Dialect d : templated) {
      for (String template : d.paths()) {
        int at = template.indexOf(MODEL_PLACEHOLDER);
        if (at < 0) {
          continue;
        }
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + MODEL_PLACEHOLDER.length());
        if (rawPath.length() > prefix.length() + suffix.length()
            && rawPath.startsWith(prefix)
            && rawPath.endsWith(suffix)) {
          String model = rawPath.substring(prefix.length(), rawPath.length() - suffix.length());
          if (MODEL.matcher(model).matches()) {
            return Optional.of(new Endpoint(d, template, prefix + model + suffix, model));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The fixed literal part of each templated path before its placeholder (e.g. {@code
   * /v1beta/models/}), for hosts that register routes by prefix.
   */
  public List<String> templatePrefixes() {
    List<String> out = new ArrayList<>();
    for (Dialect d : templated) {
      for (String t : d.paths()) {
        int at = t.indexOf(MODEL_PLACEHOLDER);
        if (at >= 0 && !out.contains(t.substring(0, at))) {
          out.add(t.substring(0, at));
        }
      }
    }
    return out;
  }
}
