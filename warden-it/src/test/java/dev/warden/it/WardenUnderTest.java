package dev.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.receipt.ReceiptVerifier;
import dev.warden.server.Gateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The real gateway on a free loopback port, configured from YAML the way {@code warden serve} is,
 * with its keys and ledger in a temporary data directory.
 */
final class WardenUnderTest implements AutoCloseable {
  private final Gateway gateway;

  private WardenUnderTest(Gateway gateway) {
    this.gateway = gateway;
  }

  /**
   * Starts Warden in front of {@code upstreamUrl}; {@code extraYaml} is appended to the generated
   * configuration (top-level keys only, e.g. a {@code policy:} block).
   */
  static WardenUnderTest inFrontOf(String upstreamUrl, Path dataDir, String extraYaml) {
    ConfigLoader.registerTypes(DetectorStack.builtinTypes());
    String yaml =
        """
        dataDir: "%s"
        server:
          host: 127.0.0.1
          port: 0
        upstream:
          url: "%s"
        %s
        """
            .formatted(dataDir, upstreamUrl, extraYaml);
    WardenConfig config = ConfigLoader.fromYaml(yaml);
    return new WardenUnderTest(Gateway.start(config));
  }

  /**
   * Starts Warden with {@code anthropicUrl} as the one upstream, serving the {@code
   * anthropic-messages} dialect ({@code /v1/messages}) and nothing else; {@code extraYaml} as for
   * {@link #inFrontOf(String, Path, String)}.
   */
  static WardenUnderTest inFrontOfAnthropic(String anthropicUrl, Path dataDir, String extraYaml) {
    ConfigLoader.registerTypes(DetectorStack.builtinTypes());
    String yaml =
        """
        dataDir: "%s"
        server:
          host: 127.0.0.1
          port: 0
        upstreams:
          anthropic:
            url: "%s"
            dialects: [anthropic-messages]
        %s
        """
            .formatted(dataDir, anthropicUrl, extraYaml);
    return new WardenUnderTest(Gateway.start(ConfigLoader.fromYaml(yaml)));
  }

  static WardenUnderTest inFrontOf(String upstreamUrl, Path dataDir) {
    return inFrontOf(upstreamUrl, dataDir, "");
  }

  /** {@code http://127.0.0.1:port}: the base URL for SDKs that add {@code /v1} themselves. */
  String root() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** {@code http://127.0.0.1:port/v1}: the OpenAI SDKs' base URL. */
  String openAiBaseUrl() {
    return root() + "/v1";
  }

  /** The gateway's receipt-signing public keys by key id, as an auditor would load them. */
  Map<String, PublicKey> publicKeys() throws Exception {
    Map<String, PublicKey> keys = new HashMap<>();
    try (Stream<Path> pems = Files.list(gateway.dataDir().resolve("keys/public"))) {
      for (Path pem : pems.toList()) {
        keys.putAll(ReceiptVerifier.publicKeys(Files.readAllBytes(pem)));
      }
    }
    return keys;
  }

  Path ledgerDir() {
    return gateway.ledgerDir();
  }

  /** Every ledger file's bytes as Latin-1 text: what a reader of the files could find in them. */
  String ledgerText() throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.walk(ledgerDir())) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        b.append(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString();
  }

  /**
   * A card value blocked mid-stream left nothing behind: not in the SDK's error message, not in
   * what streamed before the error (not even its first nine characters), not in the ledger, which
   * records the block.
   */
  void assertBlockedMidStreamLeavingNothingOf(String card, JsonNode sdkError) throws IOException {
    String compact = card.replace(" ", "");
    assertThat(sdkError.path("message").asString()).doesNotContain(card, compact);
    assertThat(sdkError.path("streamedBeforeError").asString())
        .doesNotContain(card, compact, card.substring(0, 9));
    assertThat(ledgerText()).contains("warden_response_blocked").doesNotContain(card);
  }

  @Override
  public void close() {
    gateway.stop();
  }
}
