package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Action;
import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.Protector;
import dev.warden.engine.json.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code detection:} — minimum confidence, allowlists and custom rules, end to end. */
class DetectionConfigTest {
  static final String EMAIL = "dana.whitfield@example.org";
  static final String CARD = "4539148803436467";

  static final String EMPLOYEE_RULE =
      """
      detection:
        customRules:
          - id: employee-id
            type: employee_id
            pattern: 'EMP-(?P<value>[0-9]{6})\\b'
            keywords: [emp-]
            confidence: 0.8
            truePositives: ["badge EMP-204311 at gate 4"]
            falsePositives: ["EMP-12 is too short", "TEMP-2043119 is a temperature log"]
      """;

  static final dev.warden.api.KeyedHasher HASHER =
      (domain, value) -> {
        try {
          return java.security.MessageDigest.getInstance("SHA-256")
              .digest((domain + "\0" + value).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      };

  @BeforeAll
  static void registerBuiltinTypes() {
    ConfigLoader.registerTypes(DetectorStack.builtinTypes());
  }

  static List<Finding> scan(WardenConfig config, String text) {
    return DetectorStack.forConfig(config).detect(ScanInput.text(text));
  }

  static List<Finding> scanAt(WardenConfig config, String text, String path) {
    return DetectorStack.forConfig(config).detect(new ScanInput(text, "content", path));
  }

  static List<String> types(List<Finding> findings) {
    return findings.stream().map(Finding::type).toList();
  }

  @Test
  void defaultsFilterBelowOneHalfAndAllowNothing() {
    WardenConfig c = WardenConfig.defaults();
    assertThat(c.detection().customRules()).isEmpty();
    assertThat(c.detection().allowlist().isEmpty()).isTrue();
    assertThat(types(scan(c, "mail " + EMAIL))).containsExactly("email");
    assertThat(scan(c, "call +1 415-555-0172").stream().allMatch(f -> f.confidence() >= 0.5))
        .isTrue();
  }

  @Test
  void minConfidenceGlobalAndPerTypeDropFindingsBelow() {
    String text = "mail " + EMAIL + " or call +1 415-555-0172";
    List<Finding> all = scan(WardenConfig.defaults(), text);
    assertThat(types(all)).contains("email", "phone");
    double phone =
        all.stream().filter(f -> f.type().equals("phone")).findFirst().orElseThrow().confidence();
    double email =
        all.stream().filter(f -> f.type().equals("email")).findFirst().orElseThrow().confidence();

    WardenConfig perType =
        ConfigLoader.fromYaml(
            "detection:\n  minConfidence: {phone: " + Math.min(1.0, phone + 0.01) + "}\n");
    assertThat(types(scan(perType, text))).contains("email").doesNotContain("phone");
    assertThat(perType.policy().minConfidence("phone")).isGreaterThan(phone);
    assertThat(perType.policy().minConfidence("email")).isEqualTo(0.5);

    WardenConfig global =
        ConfigLoader.fromYaml("detection:\n  minConfidence: " + Math.min(1.0, phone + 0.01) + "\n");
    assertThat(types(scan(global, text))).doesNotContain("phone");
    assertThat(global.policy().minConfidence()).isGreaterThan(phone);
    assertThat(email).isGreaterThan(phone);

    WardenConfig mapped =
        ConfigLoader.fromYaml("detection:\n  minConfidence: {default: 1.0, email: 0.1}\n");
    assertThat(types(scan(mapped, text))).containsExactly("email");
  }

  @Test
  void allowlistByValuePathAndPatternDropsOnlyWhatItNames() {
    WardenConfig byValue =
        ConfigLoader.fromYaml("detection:\n  allowlist:\n    - values: ['" + EMAIL + "']\n");
    assertThat(scan(byValue, "mail " + EMAIL)).isEmpty();
    assertThat(types(scan(byValue, "mail priya.raman@northwind-traders.com"))).contains("email");

    WardenConfig byPath =
        ConfigLoader.fromYaml(
            "detection:\n  allowlist:\n    - paths: ['/messages/*/name', '/metadata/**']\n");
    assertThat(scanAt(byPath, EMAIL, "/messages/3/name")).isEmpty();
    assertThat(scanAt(byPath, EMAIL, "/metadata/owner/contact")).isEmpty();
    assertThat(types(scanAt(byPath, EMAIL, "/messages/3/content"))).containsExactly("email");
    assertThat(types(scan(byPath, EMAIL))).as("plain text has no path").containsExactly("email");

    WardenConfig byPattern =
        ConfigLoader.fromYaml(
            "detection:\n  allowlist:\n    - patterns: ['@example\\.org$']\n      types: [email]\n");
    assertThat(scan(byPattern, "mail " + EMAIL)).isEmpty();
    assertThat(types(scan(byPattern, "mail dana@northwind-traders.com"))).contains("email");
  }

  @Test
  void allowlistNeverSuppressesHardBlockTypesAtRuntime() throws Exception {
    String pem = pem();
    WardenConfig everything =
        ConfigLoader.fromYaml(
            """
            detection:
              allowlist:
                - values: ['%s']
                  patterns: ['.']
                  paths: ['/**']
            """
                .formatted(CARD));
    String text = "Refund issued to " + CARD + " and key\n" + pem + "\nmail " + EMAIL;
    assertThat(types(scan(everything, text)))
        .as("card (block) and private_key survive, email is allowlisted")
        .contains("card", "private_key")
        .doesNotContain("email");
    assertThat(types(scanAt(everything, CARD, "/messages/0/content"))).containsExactly("card");

    // A type made block by the operator becomes hard too.
    WardenConfig emailBlocked =
        ConfigLoader.fromYaml(
            "policy: {types: {email: block}}\ndetection:\n  allowlist:\n    - patterns: ['.']\n");
    assertThat(types(scan(emailBlocked, "mail " + EMAIL))).containsExactly("email");
  }

  @Test
  void dottedPathGlobsAndASingleMappingEntryWork() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            "detection:\n  allowlist:\n    paths: ['messages[*].name', '$.metadata.*']\n");
    assertThat(scanAt(c, EMAIL, "/messages/3/name")).isEmpty();
    assertThat(scanAt(c, EMAIL, "/metadata/owner")).isEmpty();
    assertThat(types(scanAt(c, EMAIL, "/metadata/owner/contact")))
        .as("* is one level")
        .containsExactly("email");
    assertThat(types(scanAt(c, EMAIL, "/messages/3/content"))).containsExactly("email");
  }

  @Test
  void pathAllowlistAppliesToJsonBodiesInTheProtector() {
    WardenConfig c =
        ConfigLoader.fromYaml("detection:\n  allowlist:\n    - paths: ['/metadata/**']\n");
    Protector protector =
        new Protector(DetectorStack.forConfig(c), c.policy(), HASHER, new JsonBodies(64, 1 << 20));
    String body =
        "{\"metadata\":{\"owner\":\""
            + EMAIL
            + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"mail "
            + EMAIL
            + "\"}]}";
    Protector.Result r = protector.protectJson(body.getBytes(StandardCharsets.UTF_8));
    String out = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.replacements()).hasSize(1);
    assertThat(r.replacements().get(0).path()).isEqualTo("/messages/0/content");
    assertThat(out).contains("\"owner\":\"" + EMAIL + "\"").contains("mail [REDACTED:email]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          card                              | detection.allowlist[0].types[0]
          private_key                       | detection.allowlist[0].types[0]
          email                             | detection.allowlist[0].types[0]
          """)
  void allowlistNamingAHardBlockTypeIsRejectedAtLoad(String type, String path) {
    String yaml =
        "policy: {types: {email: block}}\n"
            + "detection:\n  allowlist:\n    - types: ["
            + type
            + "]\n      values: [x]\n";
    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(path)
        .hasMessageContaining("hard-block");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          detection: {allowlist: [{}]}                                | detection.allowlist[0]: an allowlist entry needs at least one of values, paths, patterns
          detection: {allowlist: [{valeus: [a]}]}                     | detection.allowlist[0].valeus: unknown key; allowed here: types, values, paths, patterns, description
          detection: {allowlist: [{paths: ['$']}]}                    | detection.allowlist[0].paths[0]: must be a path such as
          detection: {allowlist: [{paths: ['/a//b']}]}                | detection.allowlist[0].paths[0]: has an empty segment
          detection: {allowlist: [{patterns: ['(']}]}                 | detection.allowlist[0].patterns[0]: not a valid RE2 pattern
          detection: {allowlist: [{types: [emial], values: [a]}]}     | detection.allowlist[0].types[0]: unknown detection type
          detection: {allowlist: [a]}                                 | detection.allowlist[0]: must be a mapping
          detection: {allowlist: {types: [card], values: [a]}}        | detection.allowlist.types[0]: 'card' is a hard-block type
          detection: {allowlist: [{paths: ['messages[*.name']}]}      | detection.allowlist[0].paths[0]: has an unbalanced [ ]
          detection: {minConfidence: {phnoe: 0.9}}                    | detection.minConfidence.phnoe: unknown detection type; use default or one of
          detection: {minConfidence: {phone: 2}}                      | detection.minConfidence.phone: must be between 0.0 and 1.0
          detection: {minConfidence: high}                            | detection.minConfidence: must be a number from 0 to 1, or a mapping
          detection: {minConfidence: 0.7}\\npolicy: {minConfidence: 0.6} | detection.minConfidence: policy.minConfidence is set too
          detection: {customrules: []}                                | detection.customrules: unknown key; allowed here: customRules, minConfidence, allowlist
          """)
  void badDetectionSectionsNameThePath(String yaml, String message) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void customRuleFindsItsTypeAndTheTypeTakesAPolicyAction() {
    WardenConfig c =
        ConfigLoader.fromYaml(EMPLOYEE_RULE + "policy:\n  types:\n    employee_id: block\n");
    assertThat(c.detection().customRules()).hasSize(1);
    assertThat(c.policy().action("employee_id")).isInstanceOf(Action.Block.class);

    String text = "ticket for emp-204311? no: EMP-204311, and " + EMAIL;
    List<Finding> found = scan(c, text);
    Finding emp =
        found.stream().filter(f -> f.type().equals("employee_id")).findFirst().orElseThrow();
    assertThat(emp.ruleId()).isEqualTo("employee-id");
    assertThat(emp.confidence()).isEqualTo(0.8);
    assertThat(text.substring(emp.span().start(), emp.span().end()))
        .as("the value group, not the prefix")
        .isEqualTo("204311");
    assertThat(types(found)).contains("email");

    Protector protector =
        new Protector(DetectorStack.forConfig(c), c.policy(), HASHER, new JsonBodies(64, 1 << 20));
    Protector.Result r =
        protector.protectJson(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"my badge is EMP-204311\"}]}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(r.outcome()).isEqualTo(Protector.Outcome.BLOCKED);
    assertThat(r.blockedBy().orElseThrow().finding().type()).isEqualTo("employee_id");
  }

  @Test
  void customTypesTakeActionsUnderPolicyActionsToo() {
    WardenConfig c =
        ConfigLoader.fromYaml(EMPLOYEE_RULE + "policy:\n  actions: {employee_id: hash}\n");
    assertThat(c.policy().action("employee_id")).isInstanceOf(Action.Hash.class);
    assertThatThrownBy(() ->
            ConfigLoader.fromYaml("policy:\n  actions: {email: hash}\n  types: {email: mask}\n"))
        .hasMessageStartingWith("policy.actions: policy.types is set too");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("policy:\n  actions: {employee_id: hash}\n"))
        .as("a custom type exists only with its rule")
        .hasMessageStartingWith("policy.actions.employee_id: unknown detection type");
  }

  @Test
  void customRuleKeywordsGateThePattern() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            """
            detection:
              customRules:
                - id: ticket-ref
                  type: ticket_ref
                  pattern: '[0-9]{8}'
                  keywords: [ticket]
                  truePositives: ["Ticket 20431199 reopened"]
                  falsePositives: ["build 20431199 passed"]
            """);
    Detector d = DetectorStack.forConfig(c);
    assertThat(types(d.detect(ScanInput.text("TICKET: 55512345")))).containsExactly("ticket_ref");
    assertThat(d.detect(ScanInput.text("order 55512345"))).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          truePositives: ["EMP-204311", "badge EMP-20431"]                    | detection.customRules[0].truePositives[1]: custom rule 'employee-id': the rule does not find this example
          falsePositives: ["nothing", "old badge EMP-204311"]                 | detection.customRules[0].falsePositives[1]: custom rule 'employee-id': the rule finds this near miss
          falsePositives: []                                                  | detection.customRules[0].falsePositives: custom rule 'employee-id': needs at least one near miss
          pattern: 'EMP-([0-9]{6}'                                            | detection.customRules[0].pattern: custom rule 'employee-id': not a valid RE2 pattern
          pattern: 'x*'                                                       | detection.customRules[0].pattern: custom rule 'employee-id': matches the empty string
          pattern: '(a+)+\\1'                                                 | detection.customRules[0].pattern: custom rule 'employee-id': not a valid RE2 pattern
          type: Employee                                                      | detection.customRules[0].type: custom rule 'employee-id': 'Employee' must be lower_snake
          id: Employee_ID                                                     | detection.customRules[0].id: custom rule 'Employee_ID': 'Employee_ID' must be kebab-case
          id: aws-access-key-id                                               | detection.customRules[0].id: rule id 'aws-access-key-id' is already taken (built-in)
          colour: red                                                         | detection.customRules[0].colour: unknown key
          """)
  void badCustomRulesNameTheRuleAndTheField(String override, String message) {
    String key = override.substring(0, override.indexOf(':'));
    String rule =
        """
          - id: employee-id
            type: employee_id
            pattern: 'EMP-[0-9]{6}'
            truePositives: ["EMP-204311"]
            falsePositives: ["EMP-12"]
        """;
    StringBuilder yaml = new StringBuilder("detection:\n  customRules:\n");
    boolean replaced = false;
    for (String line : rule.split("\n")) {
      String trimmed = line.strip().replaceFirst("^- ", "");
      if (trimmed.startsWith(key + ":")) {
        yaml.append(line, 0, line.indexOf(trimmed)).append(override).append('\n');
        replaced = true;
      } else {
        yaml.append(line).append('\n');
      }
    }
    if (!replaced) {
      yaml.append("    ").append(override).append('\n');
    }
    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void duplicateCustomRuleIdsAreRejected() {
    String one =
        """
          - id: employee-id
            type: employee_id
            pattern: 'EMP-[0-9]{6}'
            truePositives: ["EMP-204311"]
            falsePositives: ["EMP-12"]
        """;
    assertThatThrownBy(() -> ConfigLoader.fromYaml("detection:\n  customRules:\n" + one + one))
        .hasMessageStartingWith(
            "detection.customRules[1].id: rule id 'employee-id' is already taken");
  }

  @Test
  void errorsAndToStringNeverShowExamplesOrAllowlistedValues() {
    WardenConfig c =
        ConfigLoader.fromYaml(EMPLOYEE_RULE + "  allowlist:\n    - values: ['" + EMAIL + "']\n");
    assertThat(c.detection().toString()).doesNotContain("204311", EMAIL);
    assertThatThrownBy(() ->
            ConfigLoader.fromYaml(
                EMPLOYEE_RULE.replace("badge EMP-204311 at gate 4", "sekret-9f8e7d6c")))
        .hasMessageNotContaining("sekret-9f8e7d6c");
  }

  /** A freshly generated throwaway key, so the corpus of tests never holds a real one. */
  static String pem() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    byte[] der = g.generateKeyPair().getPrivate().getEncoded();
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----";
  }
}
