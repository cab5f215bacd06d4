package dev.warden.it;

import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.receipt.ReceiptVerifier;
import dev.warden.server.Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

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

  @Override
  public void close() {
    gateway.stop();
  }
}
