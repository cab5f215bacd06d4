package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in rule proves itself on its own examples, alone and inside the full catalog. */
class RuleCatalogTest {
  private static final List<Rule> RULES = RuleCatalog.builtin();

  static Stream<Arguments> truePositives() {
    List<Arguments> args = new ArrayList<>();
    for (Rule rule : RULES) {
      for (int i = 0; i < rule.truePositives().size(); i++) {
        args.add(Arguments.of(rule.id() + " tp#" + i, rule, rule.truePositives().get(i)));
      }
    }
    return args.stream();
  }

  static Stream<Arguments> falsePositives() {
    List<Arguments> args = new ArrayList<>();
    for (Rule rule : RULES) {
      for (int i = 0; i < rule.falsePositives().size(); i++) {
        args.add(Arguments.of(rule.id() + " fp#" + i, rule, rule.falsePositives().get(i)));
      }
    }
    return args.stream();
  }

  static Stream<Rule> rules() {
    return RULES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truePositives")
  void truePositiveYieldsTheRuleAtTheMarkedSpan(String name, Rule rule, RuleExample example) {
    List<Finding> alone = new RuleDetector(List.of(rule)).detect(example.input());

    assertThat(alone).extracting(Finding::ruleId).containsOnly(rule.id());
    assertThat(alone).extracting(Finding::span).containsExactly(example.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truePositives")
  void truePositiveFitsTheStreamingHoldBack(String name, Rule rule, RuleExample example) {
    // Streams always hold back RuleCatalog.shortSpan() per channel, and hold from a long rule's
    // anchors on top of it; a longer value of a short rule could leak in part.
    assertThat(example.expected().length()).isLessThanOrEqualTo(RuleCatalog.longestSpan());
    assertThat(RuleCatalog.longestSpan()).isGreaterThanOrEqualTo(16_384);
    if (RuleCatalog.longestSpan(rule) <= RuleCatalog.SHORT_SPAN_LIMIT) {
      assertThat(example.expected().length()).isLessThanOrEqualTo(RuleCatalog.shortSpan());
    } else {
      // A long value lies within the reach of one of its rule's anchors.
      String lower = example.text().toLowerCase(java.util.Locale.ROOT);
      boolean anchored = false;
      for (StreamAnchor a : rule.streamAnchors()) {
        for (int at = lower.indexOf(a.literal());
            at >= 0;
            at = lower.indexOf(a.literal(), at + 1)) {
          anchored |=
              example.expected().start() >= at - a.before()
                  && example.expected().end() <= at + a.literal().length() + a.after();
        }
      }
      assertThat(anchored).as("value within an anchor's reach").isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truePositives")
  void truePositiveSurvivesTheFullCatalog(String name, Rule rule, RuleExample example) {
    List<Finding> all = RuleDetector.builtin().detect(example.input());

    assertThat(all)
        .filteredOn(f -> f.type().equals(rule.type()))
        .extracting(Finding::span)
        .contains(example.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("falsePositives")
  void falsePositiveYieldsNothingFromTheRule(String name, Rule rule, String text) {
    List<Finding> alone = new RuleDetector(List.of(rule)).detect(RuleExample.input(text));

    assertThat(alone).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void ruleCarriesEnoughEvidence(Rule rule) {
    assertThat(rule.truePositives()).as(rule.id()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(rule.falsePositives()).as(rule.id()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(rule.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
    assertThat(rule.type()).matches("[a-z0-9]+(_[a-z0-9]+)*");
    assertThat(rule.keywords()).allMatch(k -> k.equals(k.toLowerCase(java.util.Locale.ROOT)));
  }

  @Test
  void jsonKeyGateMatchesTheLastWordOfTheKey() {
    Rule rule = CredentialRules.passwordJsonValue();

    assertThat(rule.jsonKeyMatches("password")).isTrue();
    assertThat(rule.jsonKeyMatches("DB_PASSWORD")).isTrue();
    assertThat(rule.jsonKeyMatches("userPassword")).isTrue();
    assertThat(rule.jsonKeyMatches("smtp.pass")).isTrue();
    assertThat(rule.jsonKeyMatches("새 비밀번호")).isTrue();
    assertThat(rule.jsonKeyMatches("password_hint")).isFalse();
    assertThat(rule.jsonKeyMatches("passwordLength")).isFalse();
    assertThat(rule.jsonKeyMatches("passwords")).isFalse();
    assertThat(rule.jsonKeyMatches("bypass")).isFalse();
    assertThat(rule.jsonKeyMatches("__")).isFalse();
    assertThat(rule.jsonKeyMatches(null)).isFalse();
    assertThat(rule.keywords()).isEmpty();
    assertThat(rule.minDigits()).isZero();
  }

  @Test
  void aRuleHasExactlyOneGate() {
    assertThatThrownBy(() -> minimal("r").jsonKeys("password").build())
        .hasMessageStartingWith("r: keywords/minDigits");
    assertThatThrownBy(() -> minimal("r").jsonKeys("Password").build())
        .hasMessageStartingWith("r: jsonKeys");
    assertThatThrownBy(() -> minimal("r").jsonKeys("db_password").build())
        .hasMessageStartingWith("r: jsonKeys");
  }

  @Test
  void idsAreUnique() {
    assertThat(RULES).extracting(Rule::id).doesNotHaveDuplicates();
  }

  @Test
  void builtinCoversExactlyTheDocumentedTypes() {
    assertThat(RuleDetector.builtin().types())
        .containsExactly(
            "ai_api_key",
            "anthropic_key",
            "aws_access_key",
            "aws_secret_key",
            "azure_key",
            "card",
            "cloud_token",
            "de_steuer_id",
            "discord_token",
            "discord_webhook",
            "email",
            "es_dni",
            "fr_nir",
            "gcp_credentials",
            "generic_secret",
            "github_token",
            "gitlab_token",
            "google_api_key",
            "huggingface_token",
            "iban",
            "in_aadhaar",
            "ip_address",
            "it_codice_fiscale",
            "jp_mynumber",
            "jwt",
            "kr_rrn",
            "nl_bsn",
            "npm_token",
            "openai_key",
            "package_registry_token",
            "password",
            "payment_token",
            "phone",
            "private_key",
            "saas_token",
            "sg_nric",
            "slack_token",
            "slack_webhook",
            "stripe_key",
            "telegram_token",
            "uk_nino",
            "url_credentials",
            "us_ssn",
            "warden_api_key");
  }

  @Test
  void builderErrorsNameTheRuleAndTheField() {
    assertThatThrownBy(() -> minimal("Bad_Id").build()).hasMessageStartingWith("Bad_Id: id");
    assertThatThrownBy(() -> minimal("r").type("Email").build()).hasMessageStartingWith("r: type");
    assertThatThrownBy(() -> minimal("r").keywords("AKIA").build())
        .hasMessageStartingWith("r: keywords");
    assertThatThrownBy(() -> minimal("r").minDigits(3).build())
        .hasMessageStartingWith("r: keywords/minDigits");
    assertThatThrownBy(() -> minimal("r").reach(-1, -1).build()).hasMessageStartingWith("r: reach");
    assertThatThrownBy(() -> minimal("r").secretGroup(2).build())
        .hasMessageStartingWith("r: secretGroup");
    assertThatThrownBy(() -> minimal("r").confidence(1.5).build())
        .hasMessageStartingWith("r: confidence");
    assertThatThrownBy(() -> minimal("r").truePositives("no marker").build())
        .hasMessageStartingWith("r: truePositives");
    assertThatThrownBy(() ->
            Rule.builder("r")
                .type("t")
                .keywords("x")
                .reach(0, 0)
                .pattern("x")
                .confidence(0.5)
                .truePositives("«x»", "«x»")
                .falsePositives("y")
                .build())
        .hasMessageStartingWith("r: falsePositives");
  }

  @Test
  void exampleMarkersParseToASpan() {
    RuleExample example = RuleExample.parse("key «value» end");

    assertThat(example.text()).isEqualTo("key value end");
    assertThat(example.expected().start()).isEqualTo(4);
    assertThat(example.expected().end()).isEqualTo(9);
    assertThatThrownBy(() -> RuleExample.parse("«a» «b»"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RuleExample.parse("«»")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Rule.Builder minimal(String id) {
    return Rule.builder(id)
        .type("t")
        .keywords("x")
        .reach(0, 0)
        .pattern("(x)")
        .confidence(0.5)
        .truePositives("«x»", "a «x»")
        .falsePositives("y", "z");
  }
}
