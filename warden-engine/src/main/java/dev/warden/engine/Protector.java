package dev.warden.engine;

import dev.warden.api.Action;
import dev.warden.api.Decision;
import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.KeyedHasher;
import dev.warden.api.Restorer;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import dev.warden.api.TokenFormat;
import dev.warden.api.VaultSession;
import dev.warden.engine.dialect.Dialect;
import dev.warden.engine.dialect.Endpoint;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.json.JsonSplice;
import dev.warden.engine.json.JsonWalker;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.policy.Policy;
import dev.warden.engine.transform.Replacement;
import dev.warden.engine.transform.Rewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The engine as one call: detect → decide → transform, over a JSON body or plain text. Knows
 * nothing about HTTP. Thread-safe; one instance serves all requests.
 *
 * <p>Failure contract: a malformed body throws {@link dev.warden.engine.json.BodyException} before
 * anything is decided; any other exception from a detector propagates, and hosts must refuse the
 * message (fail closed), never forward it.
 */
public final class Protector {
  /** Keyed-hash domain for value hashes recorded in the ledger. */
  public static final String LEDGER_VALUE_DOMAIN = "ledger-value";

  private final Detector detector;
  private final Policy policy;
  private final KeyedHasher hasher;
  private final Rewriter rewriter;
  private final JsonBodies bodies;
  private final JsonWalker walker;

  public Protector(Detector detector, Policy policy, KeyedHasher hasher, JsonBodies bodies) {
    this.detector = detector;
    this.policy = policy;
    this.hasher = hasher;
    this.rewriter = new Rewriter(hasher);
    this.bodies = bodies;
    this.walker = new JsonWalker(bodies);
  }

  public Policy policy() {
    return policy;
  }

  /** What happened to a message. */
  public enum Outcome {
    /** Nothing found (or only allowed values): the original bytes go on unchanged. */
    CLEAN,
    /** Values were rewritten. */
    TRANSFORMED,
    /** A block decision: the message must not go on. */
    BLOCKED,
    /** Dry-run: findings recorded, the original bytes go on unchanged. */
    OBSERVED
  }

  /**
   * @param body the bytes to send on: the original array when nothing changed
   * @param model the body's {@code model} field when present
   * @param streamRequested the body asks for a streamed answer ({@code "stream"} is truthy — as
   *     lenient as the most lenient upstream, so {@code "true"} and {@code 1} count)
   */
  public record Result(
      Outcome outcome,
      byte[] body,
      List<Replacement> replacements,
      @Nullable String model,
      boolean streamRequested) {
    public Result {
      replacements = List.copyOf(replacements);
    }

    /** The first finding whose decision is block, if any (also set in dry-run: "would block"). */
    public Optional<Replacement> blockedBy() {
      return firstBlock(replacements);
    }
  }

  private static Optional<Replacement> firstBlock(List<Replacement> replacements) {
    return replacements.stream()
        .filter(r -> r.decision().action() instanceof Action.Block)
        .findFirst();
  }

  /** Text result for the CLI and library hosts. */
  public record TextResult(Outcome outcome, String text, List<Replacement> replacements) {
    public TextResult {
      replacements = List.copyOf(replacements);
    }

    /** The first finding whose decision is block, if any. */
    public Optional<Replacement> blockedBy() {
      return firstBlock(replacements);
    }
  }

  /**
   * Protects one JSON body without a vault (tokenize and encrypt redact).
   *
   * @throws dev.warden.engine.json.BodyException when the body is not acceptable JSON
   */
  public Result protectJson(byte[] body) {
    return protectJson(body, VaultSession.NONE);
  }

  /**
   * Protects one JSON body; tokenize and encrypt go through {@code vault}, and values inside
   * markers that {@code vault} issued are not detected again.
   *
   * @throws dev.warden.engine.json.BodyException when the body is not acceptable JSON
   * @throws IllegalStateException when the vault fails (refuse the message)
   */
  public Result protectJson(byte[] body, VaultSession vault) {
    JsonNode root = bodies.parse(body);
    boolean stream = root.isObject() && root.path("stream").asBoolean(false);
    JsonNode modelNode = root.isObject() ? root.get("model") : null;
    String model = modelNode != null && modelNode.isString() ? modelNode.asString() : null;
    return protect(body, root, model, stream, JsonWalker.BinaryLeaves.NONE, vault);
  }

  private Result protect(
      byte[] body,
      JsonNode root,
      @Nullable String model,
      boolean stream,
      JsonWalker.BinaryLeaves binary,
      VaultSession vault) {
    List<Replacement> all = new ArrayList<>();
    boolean enforce = policy.mode() == Mode.ENFORCE;
    Detector leaves = detector instanceof DetectorStack.Stack stack ? stack.forOneBody() : detector;
    JsonSplice rewritten = new JsonSplice();
    BinaryText.Budget binaryBudget = new BinaryText.Budget();
    JsonWalker.BinaryLeaves passedOn =
        (path, container, key, value) -> {
          if (!binary.isBinary(path, container, key, value)) {
            return false;
          }
          if (!enforce || outcome(all, true) != Outcome.BLOCKED) {
            ScanInput carried = new ScanInput(BinaryText.of(value, binaryBudget), key, path);
            all.addAll(unrewritable(decide(leaves, carried, vault)));
          }
          return true;
        };
    // Before the walk: it rewrites the tree in place, and the parts must be read as sent.
    SplitParts.forEach(
        root,
        (path, edges, split) -> {
          for (Replacement r : decide(leaves, new ScanInput(edges, null, path), vault)) {
            Span s = r.finding().span();
            if (s.start() < split && s.end() > split) {
              all.add(notRewritable(r, "+split_parts"));
            }
          }
        });
    walker.walk(
        root,
        (text, key, path) -> {
          List<Replacement> found = decide(leaves, new ScanInput(text, key, path), vault);
          all.addAll(found);
          return enforce ? rewriter.apply(text, found, vault) : text;
        },
        passedOn,
        rewritten);
    Outcome outcome = outcome(all, enforce);
    // The untouched bytes are copied, not the tree written back: see JsonSplice.
    byte[] bytes = outcome == Outcome.TRANSFORMED ? rewritten.apply(body) : body;
    boolean modelSensitive = all.stream().anyMatch(r -> r.path().equals("/model"));
    return new Result(
        outcome,
        bytes,
        all,
        model == null ? null : modelSensitive ? "(redacted)" : safeModel(model),
        stream);
  }

  /**
   * Contact data a document sent on purpose ordinarily holds (a CV's e-mail and phone, a server
   * log's addresses): where it cannot be rewritten, blocking every such file would make documents
   * unusable, so it is recorded, not acted on. Identity numbers, account numbers, credentials and
   * prompt injection block.
   */
  private static final java.util.Set<String> PERSONAL_DATA =
      java.util.Set.of("email", "phone", "ip_address");

  /**
   * Decisions on values inside a binary part, which is passed on byte for byte, so a value the
   * policy would rewrite cannot be. A credential or an injection blocks the exchange instead (fail
   * closed: never forwarded with it inside); personal data is recorded as allowed, with the reason
   * saying why (see {@link #PERSONAL_DATA}); a hard-block type (a card) blocks as always.
   */
  private List<Replacement> unrewritable(List<Replacement> found) {
    List<Replacement> out = new ArrayList<>(found.size());
    for (Replacement r : found) {
      out.add(notRewritable(r, "+binary_part"));
    }
    return out;
  }

  /**
   * A decision on a value no single leaf holds as it is (inside a binary part, or cut at the
   * boundary of two text parts): an action that would rewrite it blocks the exchange instead (fail
   * closed), except for contact data ({@link #PERSONAL_DATA}), which is recorded as allowed; allow,
   * block and escalate stand. {@code why} is appended to the decision's reason.
   */
  private Replacement notRewritable(Replacement r, String why) {
    Action action = r.decision().action();
    String type = r.finding().type();
    if (action instanceof Action.Allow
        || action instanceof Action.Block
        || action instanceof Action.Escalate) {
      return r;
    }
    Action instead =
        PERSONAL_DATA.contains(type) && !policy.isHardBlock(type)
            ? new Action.Allow()
            : new Action.Block();
    return new Replacement(
        r.finding(), new Decision(instead, r.decision().reason() + why), r.path(), r.valueHash());
  }

  /**
   * Puts the values behind {@code restorer}'s tokens back into every string of a JSON body (tool
   * call arguments included: strings that hold JSON are walked as JSON, so a restored value is
   * escaped where it lands). Run after {@link #protectJson(byte[], VaultSession)} on an answer.
   *
   * @return the same array when nothing was restored
   * @throws dev.warden.engine.json.BodyException when the body is not acceptable JSON
   */
  public byte[] restoreJson(byte[] body, Restorer restorer) {
    if (restorer == Restorer.NONE || !containsAscii(body, TOKEN_START)) {
      return body;
    }
    JsonNode root = bodies.parse(body);
    boolean[] changed = {false};
    JsonNode out =
        walker.walk(
            root,
            (text, key, path) -> {
              String restored = restorer.restore(text);
              changed[0] |= !restored.equals(text);
              return restored;
            });
    return changed[0] ? bodies.write(out) : body;
  }

  private static final byte[] TOKEN_START =
      "[TOKEN:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * A token is ASCII and JSON never escapes its characters, so a body without these bytes holds no
   * token and need not be parsed. Except for backslash-u escapes, which a producer may use for any
   * character: then the body is parsed anyway.
   */
  private static boolean containsAscii(byte[] body, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= body.length; i++) {
      if (body[i] == '\\' && i + 1 < body.length && body[i + 1] == 'u') {
        return true;
      }
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Protects one request body of a dialect: the dialect names the model and the stream choice and
   * declares which values are binary content, passed on unscanned (see {@link
   * dev.warden.engine.dialect.Dialect#isBinary}).
   *
   * @throws dev.warden.engine.json.BodyException when the body is not acceptable JSON
   */
  public Result protectRequest(byte[] body, Endpoint endpoint) {
    return protectRequest(body, endpoint, VaultSession.NONE);
  }

  /**
   * {@link #protectRequest(byte[], Endpoint)} with tokenize and encrypt served by {@code vault}.
   */
  public Result protectRequest(byte[] body, Endpoint endpoint, VaultSession vault) {
    return protectJson(body, endpoint, Dialect.Direction.REQUEST, vault);
  }

  /**
   * Protects one (non-streamed) response body of a dialect; {@link Result#model()} and {@link
   * Result#streamRequested()} are the response's own fields and not meaningful here. Token
   * log-probabilities ({@code logprobs}, {@code logprobsResult}) are set to null first, as in
   * streams: they spell the answer again token by token and byte by byte.
   *
   * @throws dev.warden.engine.json.BodyException when the body is not acceptable JSON
   */
  public Result protectResponse(byte[] body, Endpoint endpoint) {
    return protectResponse(body, endpoint, VaultSession.NONE);
  }

  /**
   * {@link #protectResponse(byte[], Endpoint)} with markers issued by {@code vault} not
   * re-detected.
   */
  public Result protectResponse(byte[] body, Endpoint endpoint, VaultSession vault) {
    return protectJson(
        TokenLogprobs.withoutThem(body, bodies), endpoint, Dialect.Direction.RESPONSE, vault);
  }

  private Result protectJson(
      byte[] body, Endpoint endpoint, Dialect.Direction direction, VaultSession vault) {
    JsonNode root = bodies.parse(body);
    Dialect dialect = endpoint.dialect();
    String model = endpoint.model(root);
    boolean stream = direction == Dialect.Direction.REQUEST && endpoint.streamRequested(root);
    return protect(
        body,
        root,
        model,
        stream,
        (path, container, key, value) -> dialect.isBinary(direction, path, container, key, value),
        vault);
  }

  /** Protects plain text (a file, stdin, a library call) without a vault. */
  public TextResult protectText(String text) {
    return protectText(text, VaultSession.NONE);
  }

  /** Protects plain text, with tokenize and encrypt served by {@code vault}. */
  public TextResult protectText(String text, VaultSession vault) {
    List<Replacement> found = decide(ScanInput.text(text), vault);
    boolean enforce = policy.mode() == Mode.ENFORCE;
    Outcome outcome = outcome(found, enforce);
    String out = outcome == Outcome.TRANSFORMED ? rewriter.apply(text, found, vault) : text;
    return new TextResult(outcome, out, found);
  }

  public List<Replacement> decide(ScanInput in) {
    return decide(in, VaultSession.NONE);
  }

  /**
   * The policy's decisions on the findings in {@code in}; values inside markers that {@code vault}
   * issued are not detected again.
   */
  public List<Replacement> decide(ScanInput in, VaultSession vault) {
    return decide(detector, in, vault);
  }

  private List<Replacement> decide(Detector leafDetector, ScanInput in, VaultSession vault) {
    List<Finding> findings = withoutIssuedMarkers(leafDetector.detect(in), in, vault);
    if (findings.isEmpty()) {
      return List.of();
    }
    List<Replacement> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Optional<Decision> d = policy.decide(f);
      if (d.isPresent()) {
        String value = in.text().substring(f.span().start(), f.span().end());
        out.add(new Replacement(f, d.get(), in.path(), hasher.hashHex(LEDGER_VALUE_DOMAIN, value)));
      }
    }
    out.sort((a, b) -> a.finding().span().compareTo(b.finding().span()));
    return out;
  }

  /**
   * Applies {@code replacements} (spans into {@code text}) as enforce mode would; allow and block
   * leave the text as it is (a block refuses the whole message elsewhere).
   */
  public String rewrite(String text, List<Replacement> replacements) {
    return rewriter.apply(text, replacements);
  }

  /**
   * {@link #rewrite(String, List)} with tokenize and encrypt served by {@code vault}.
   *
   * @throws IllegalStateException when the vault fails (the host must fail closed)
   */
  public String rewrite(String text, List<Replacement> replacements, VaultSession vault) {
    return rewriter.apply(text, replacements, vault);
  }

  /** The strict JSON settings this protector parses bodies with. */
  public JsonBodies bodies() {
    return bodies;
  }

  /**
   * Drops findings that lie wholly inside a token or envelope this vault issued: the value there is
   * already protected, and detecting it again (a token in a {@code password:} position, an
   * envelope's base64) would wrap it twice and break restoring. Fake markers are not vouched for by
   * the vault, so whatever they hide is found as usual.
   */
  private static List<Finding> withoutIssuedMarkers(
      List<Finding> findings, ScanInput in, VaultSession vault) {
    if (findings.isEmpty() || vault == VaultSession.NONE) {
      return findings;
    }
    List<TokenFormat.Marker> markers = TokenFormat.markers(in.text());
    if (markers.isEmpty()) {
      return findings;
    }
    List<TokenFormat.Marker> genuine = new ArrayList<>();
    for (TokenFormat.Marker m : markers) {
      if (vault.isGenuine(m, in.path())) {
        genuine.add(m);
      }
    }
    if (genuine.isEmpty()) {
      return findings;
    }
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      boolean inside =
          genuine.stream()
              .anyMatch(m -> m.start() <= f.span().start() && f.span().end() <= m.end());
      if (!inside) {
        out.add(f);
      }
    }
    return out;
  }

  private static Outcome outcome(List<Replacement> found, boolean enforce) {
    boolean acted = found.stream().anyMatch(r -> !(r.decision().action() instanceof Action.Allow));
    if (!acted) {
      return Outcome.CLEAN;
    }
    if (!enforce) {
      return Outcome.OBSERVED;
    }
    boolean block = found.stream().anyMatch(r -> r.decision().action() instanceof Action.Block);
    return block ? Outcome.BLOCKED : Outcome.TRANSFORMED;
  }

  /**
   * The model name goes into logs and the ledger; a client controls it, so keep it to a plain
   * identifier and a bounded length.
   */
  static String safeModel(String model) {
    String m = model.length() > 100 ? model.substring(0, 100) : model;
    return dev.warden.api.PlainText.isPlain(m, "._:/@-", 100) ? m : "(invalid)";
  }
}
