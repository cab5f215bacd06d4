package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vendor rule files as a whole (size of the catalog, policy coverage of their types) and the
 * validators behind them, against independent vectors: BIP-173's bech32 test strings, keys written
 * by the real {@code ssh-keygen}, and hand-built encodings.
 */
class VendorRulesTest {
  private static final List<Rule> VENDOR_RULES =
      Stream.of(
              SecretRules.all(),
              CloudRules.all(),
              DevRules.all(),
              SaasRules.all(),
              AiVendorRules.all(),
              VendorJsonRules.all(),
              KeyFileRules.all())
          .flatMap(List::stream)
          .toList();

  @Test
  void theCatalogShipsAtLeastSixtyVendorRules() {
    assertThat(VENDOR_RULES).hasSizeGreaterThanOrEqualTo(60);
    assertThat(RuleCatalog.builtin().stream().map(Rule::id))
        .containsAll(VENDOR_RULES.stream().map(Rule::id).toList());
  }

  @Test
  void everyDetectedTypeHasADefaultActionAndIsAcceptedByConfig() {
    Set<String> types = RuleDetector.builtin().types();
    assertThat(Policy.DEFAULT_ACTIONS.keySet()).containsAll(types);
    ConfigLoader.registerTypes(types);
    String policy =
        types.stream().map(t -> t + ": block").collect(Collectors.joining(", ", "{", "}"));
    WardenConfig config = ConfigLoader.fromYaml("policy: {types: " + policy + "}\n");

    assertThat(config.policy().actions().keySet()).containsAll(types);
  }

  @Test
  void theConfigTemplateListsEveryDetectedType() throws IOException {
    Path template = Path.of("..", "warden-cli", "src", "main", "resources", "warden.yaml.template");
    String text = Files.readString(template, StandardCharsets.UTF_8);

    for (String type : RuleDetector.builtin().types()) {
      assertThat(text).as(type).contains("    " + type + ": ");
    }
  }

  @Test
  void namedRulesNeedACredentialWordBeforeTheValue() {
    String hex = FakeValues.chars(9001, VendorShapes.HEX, 32);
    RuleDetector datadog = new RuleDetector(List.of(SaasRules.datadogApiKey()));

    assertThat(datadog.detect(ScanInput.text("DATADOG_API_KEY=" + hex))).hasSize(1);
    assertThat(datadog.detect(ScanInput.text("datadog: {\"api_key\": \"" + hex + "\"}")))
        .hasSize(1);
    assertThat(datadog.detect(ScanInput.text("DATADOG_TRACE_ID=" + hex))).isEmpty();
    assertThat(datadog.detect(ScanInput.text("datadog: {\"trace\": \"" + hex + "\"}"))).isEmpty();
  }

  @Test
  void namedValuesAreFoundAsJsonLeavesUnderAVendorKey() {
    String hex = FakeValues.chars(9013, VendorShapes.HEX, 32);
    RuleDetector detector = RuleDetector.builtin();

    assertThat(detector.detect(new ScanInput(hex, "datadog_api_key", "/config/datadog_api_key")))
        .extracting(Finding::type)
        .containsExactly("saas_token");
    assertThat(detector.detect(new ScanInput(hex, "trace_key", "/trace_key"))).isEmpty();
    assertThat(detector.detect(new ScanInput(hex, "datadog_trace_id", "/datadog_trace_id")))
        .isEmpty();
  }

  @Test
  void publishableStripeKeysAreNotSecrets() {
    String pk = "pk_live_" + FakeValues.base62(9002, 99);
    String sk = "sk_live_" + FakeValues.base62(9003, 99);

    List<Finding> found = RuleDetector.builtin().detect(ScanInput.text(pk + " " + sk));

    assertThat(found).extracting(Finding::type).containsExactly("stripe_key");
    assertThat(found.get(0).span().start()).isEqualTo(pk.length() + 1);
  }

  @Test
  void aServiceAccountKeyIsBothGcpCredentialsAndAPrivateKey() {
    String pem = FakeValues.pem("PRIVATE KEY", 9004, 1190, "\\n");
    String json =
        "{\"type\": \"service_account\", \"private_key_id\": \"abc\", \"private_key\": \""
            + pem
            + "\\n\"}";

    List<Finding> found = RuleDetector.builtin().detect(ScanInput.text(json));

    assertThat(found)
        .extracting(Finding::type)
        .containsExactlyInAnyOrder("gcp_credentials", "private_key");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // BIP-173 valid and invalid bech32 strings (the checksum is what age keys carry).
    "A12UEL5L, true",
    "a12uel5l, true",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw, true",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w, true",
    "A12UEL5M, false",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx, false",
    "a1b2c3, false"
  })
  void bech32ChecksumMatchesBip173(String value, boolean valid) {
    assertThat(VendorValidators.isAgeSecretKey(value)).isEqualTo(valid);
  }

  @Test
  void generatedAgeKeysCarryAValidChecksumAndOneChangedCharacterBreaksIt() {
    String key = FakeValues.ageSecretKey(9005);
    assertThat(key).startsWith("AGE-SECRET-KEY-1").hasSize(74);
    assertThat(VendorValidators.isAgeSecretKey(key)).isTrue();
    for (int i = 16; i < key.length(); i++) {
      char swapped = key.charAt(i) == 'Q' ? 'P' : 'Q';
      String changed = key.substring(0, i) + swapped + key.substring(i + 1);
      assertThat(VendorValidators.isAgeSecretKey(changed)).as("position %d", i).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
  void realSshKeygenKeysPassTheOpenSshLayoutCheck(String type, @TempDir Path dir) throws Exception {
    for (String passphrase : List.of("", "correct horse battery")) {
      Path key = dir.resolve(type + passphrase.length());
      sshKeygen(type, passphrase, key);
      String block = Files.readString(key, StandardCharsets.US_ASCII);
      assertThat(block).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
      assertThat(PemValidator.isKeyBlock(block))
          .as("%s passphrase=%s", type, !passphrase.isEmpty())
          .isTrue();

      List<Finding> found = RuleDetector.builtin().detect(ScanInput.text("key:\n" + block));
      assertThat(found).extracting(Finding::type).contains("private_key");
    }
  }

  @Test
  void openSshBlocksWithARandomBodyFailTheLayoutCheck() {
    byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[magic.length + 300];
    new java.util.SplittableRandom(9006).nextBytes(bytes);
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    String block =
        FakeValues.wrap(
            "OPENSSH PRIVATE KEY", java.util.Base64.getEncoder().encodeToString(bytes), "\n");

    assertThat(PemValidator.isKeyBlock(block)).isFalse();
    assertThat(PemValidator.isKeyBlock(FakeValues.openssh(9007, "\n"))).isTrue();
  }

  @Test
  void discordTokensDecodeToANumericUserId() {
    String id =
        java.util.Base64.getEncoder()
            .withoutPadding()
            .encodeToString("123456789012345678".getBytes(StandardCharsets.US_ASCII));
    String notId =
        java.util.Base64.getEncoder()
            .withoutPadding()
            .encodeToString("12345678901234567x".getBytes(StandardCharsets.US_ASCII));

    assertThat(VendorValidators.isDiscordBotToken(id + ".AbCdEf." + "x".repeat(38))).isTrue();
    assertThat(VendorValidators.isDiscordBotToken(notId + ".AbCdEf." + "x".repeat(38))).isFalse();
    assertThat(VendorValidators.isDiscordBotToken("MTIz.AbCdEf.xyz")).isFalse();
  }

  @Test
  void pypiTokensMustHoldAVersionTwoMacaroon() {
    assertThat(VendorValidators.isPypiToken(DevRules.pypi(9008, 80))).isTrue();
    String valid = DevRules.pypi(9009, 80);
    String cut = valid.substring(0, valid.length() - 8);
    assertThat(VendorValidators.isPypiToken(cut)).isFalse();
    assertThat(
            VendorValidators.isPypiToken(
                "pypi-AgEIcHlwaS5vcmc" + FakeValues.chars(9010, VendorShapes.BASE64URL, 120)))
        .isFalse();
  }

  @Test
  void sentryOrgTokensCarryBase64JsonClaims() {
    assertThat(VendorValidators.isSentryOrgToken(DevRules.sentryOrg(9011))).isTrue();
    assertThat(VendorValidators.isSentryOrgToken("sntrys_bm90IGpzb24_" + "a".repeat(43))).isFalse();
  }

  @Test
  void puttyLineCountsMustMatchTheHeaders() {
    String ppk = FakeValues.putty(9012, "\n");
    assertThat(VendorValidators.isPuttyKey(ppk)).isTrue();
    assertThat(VendorValidators.isPuttyKey(ppk.replace("\n", "\\n"))).isTrue();
    assertThat(VendorValidators.isPuttyKey(ppk.replace("Private-Lines: 1", "Private-Lines: 2")))
        .isFalse();
  }

  private static void sshKeygen(String type, String passphrase, Path out) throws Exception {
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                type,
                "-N",
                passphrase,
                "-C",
                "warden-test",
                "-f",
                out.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ssh-keygen finished").isTrue();
    assertThat(p.exitValue()).as("ssh-keygen (openssh-client) output: %s", output).isZero();
  }
}
