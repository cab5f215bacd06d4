package dev.warden.engine.detect;

import static dev.warden.engine.detect.RuleExample.keyed;
import static dev.warden.engine.detect.RuleExample.mark;
import static dev.warden.engine.detect.VendorShapes.BASE64URL;
import static dev.warden.engine.detect.VendorShapes.HEX;

import java.util.List;
import java.util.function.LongFunction;

/**
 * The named vendor values ({@link VendorShapes#named}) as walked JSON leaves: a body such as {@code
 * {"datadog_api_key": "…"}} reaches the detector leaf by leaf, so the vendor name is in the leaf's
 * JSON key, not in its text. Each rule here is gated by the key's last word ({@code key}, {@code
 * token}, {@code secret}), requires a vendor word in the key ({@code datadog} in {@code
 * DATADOG_API_KEY}, {@code dd} in {@code DD_API_KEY}: context words fall back to the JSON key when
 * the text has none), and takes the whole leaf when it has the vendor's value shape. Same types,
 * validators and confidence as the text rules; ids end in {@code -json}.
 */
final class VendorJsonRules {
  private VendorJsonRules() {}

  /** One named format: how its value looks, who names it, and two keys a body would use. */
  private record Format(
      String id,
      String type,
      String value,
      Validator validator,
      double confidence,
      List<String> vendorWords,
      String keyA,
      String keyB,
      LongFunction<String> example,
      long seed) {}

  private static final List<Format> FORMATS =
      List.of(
          new Format(
              "cohere-api-key-json",
              "ai_api_key",
              "[A-Za-z0-9]{40}",
              VendorValidators.RANDOM,
              0.85,
              List.of("cohere", "co_api_key"),
              "COHERE_API_KEY",
              "co_api_key",
              s -> FakeValues.base62(s, 40),
              8001),
          new Format(
              "mistral-api-key-json",
              "ai_api_key",
              "[A-Za-z0-9]{32}",
              VendorValidators.RANDOM,
              0.85,
              List.of("mistral"),
              "MISTRAL_API_KEY",
              "mistralApiKey",
              s -> FakeValues.base62(s, 32),
              8011),
          new Format(
              "together-legacy-key-json",
              "ai_api_key",
              "[0-9a-f]{64}",
              CredentialValues.HIGH_ENTROPY,
              0.85,
              List.of("together", "togetherai"),
              "TOGETHER_API_KEY",
              "together_key",
              s -> FakeValues.chars(s, HEX, 64),
              8021),
          new Format(
              "heroku-legacy-api-key-json",
              "cloud_token",
              "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
              VendorValidators.VARIED,
              0.85,
              List.of("heroku"),
              "HEROKU_API_KEY",
              "herokuAuthToken",
              FakeValues::uuid,
              8031),
          new Format(
              "cloudflare-api-token-json",
              "cloud_token",
              "[A-Za-z0-9_-]{40}",
              VendorValidators.RANDOM,
              0.85,
              List.of("cloudflare", "cf"),
              "CLOUDFLARE_API_TOKEN",
              "cf_api_token",
              s -> FakeValues.chars(s, BASE64URL, 40),
              8041),
          new Format(
              "cloudflare-global-api-key-json",
              "cloud_token",
              "[0-9a-f]{37}",
              CredentialValues.HIGH_ENTROPY,
              0.85,
              List.of("cloudflare", "cf"),
              "CLOUDFLARE_API_KEY",
              "cfApiKey",
              s -> FakeValues.chars(s, HEX, 37),
              8051),
          new Format(
              "fastly-api-token-json",
              "cloud_token",
              "[A-Za-z0-9_-]{32}",
              VendorValidators.RANDOM,
              0.85,
              List.of("fastly"),
              "FASTLY_API_TOKEN",
              "fastlyToken",
              s -> FakeValues.chars(s, BASE64URL, 32),
              8061),
          new Format(
              "vercel-token-json",
              "cloud_token",
              "[A-Za-z0-9]{24}",
              VendorValidators.RANDOM,
              0.85,
              List.of("vercel"),
              "VERCEL_TOKEN",
              "vercelToken",
              s -> FakeValues.base62(s, 24),
              8071),
          new Format(
              "netlify-token-json",
              "cloud_token",
              "[A-Za-z0-9_-]{40,46}+",
              VendorValidators.RANDOM,
              0.85,
              List.of("netlify"),
              "NETLIFY_AUTH_TOKEN",
              "netlifyToken",
              s -> "nfp_" + FakeValues.base62(s, 36),
              8081),
          new Format(
              "twilio-api-key-json",
              "saas_token",
              "SK[0-9a-fA-F]{32}",
              CredentialValues.HIGH_ENTROPY,
              0.9,
              List.of("twilio"),
              "TWILIO_API_KEY",
              "twilioApiKey",
              s -> "SK" + FakeValues.chars(s, HEX, 32),
              8091),
          new Format(
              "twilio-auth-token-json",
              "saas_token",
              "[0-9a-f]{32}",
              CredentialValues.HIGH_ENTROPY,
              0.85,
              List.of("twilio"),
              "TWILIO_AUTH_TOKEN",
              "twilioAuthToken",
              s -> FakeValues.chars(s, HEX, 32),
              8101),
          new Format(
              "datadog-api-key-json",
              "saas_token",
              "[0-9a-f]{32}",
              CredentialValues.HIGH_ENTROPY,
              0.85,
              List.of("datadog", "dd"),
              "DD_API_KEY",
              "datadogApiKey",
              s -> FakeValues.chars(s, HEX, 32),
              8111),
          new Format(
              "datadog-app-key-json",
              "saas_token",
              "[0-9a-f]{40}",
              CredentialValues.HIGH_ENTROPY,
              0.85,
              List.of("datadog", "dd"),
              "DD_APP_KEY",
              "datadogAppKey",
              s -> FakeValues.chars(s, HEX, 40),
              8121),
          new Format(
              "okta-api-token-json",
              "saas_token",
              "00[A-Za-z0-9_-]{40}",
              VendorValidators.RANDOM,
              0.85,
              List.of("okta"),
              "OKTA_API_TOKEN",
              "oktaToken",
              s -> "00" + FakeValues.chars(s, BASE64URL, 40),
              8131),
          new Format(
              "discord-bot-token-json",
              "discord_token",
              "[MNO][A-Za-z0-9_-]{22,28}+\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}+",
              VendorValidators.DISCORD_BOT,
              0.9,
              List.of("discord"),
              "DISCORD_TOKEN",
              "discordBotToken",
              SaasRules::discordBot,
              8141),
          new Format(
              "telegram-bot-token-json",
              "telegram_token",
              "[0-9]{8,10}+:[A-Za-z0-9_-]{35}",
              VendorValidators.RANDOM,
              0.9,
              List.of("telegram", "tg"),
              "TELEGRAM_BOT_TOKEN",
              "telegramToken",
              SaasRules::telegram,
              8151));

  static List<Rule> all() {
    return FORMATS.stream().map(VendorJsonRules::rule).toList();
  }

  static Rule rule(Format f) {
    String a = f.example().apply(f.seed());
    String b = f.example().apply(f.seed() + 5);
    return Rule.builder(f.id())
        .type(f.type())
        .jsonKeys("key", "token", "secret")
        .pattern("\\A[ \\t]*+(" + f.value() + ")[ \\t]*+\\z")
        .secretGroup(1)
        .validator(f.validator())
        .confidence(f.confidence())
        .placeholderCheck(true)
        .context(ContextWords.requiring(f.vendorWords()))
        .truePositives(keyed(f.keyA(), mark(a)), keyed(f.keyB(), " " + mark(b) + " "))
        .falsePositives(
            keyed("api_key", a),
            keyed(f.keyA() + "_ID", a),
            keyed(f.keyA(), "${" + f.keyA() + "}"),
            keyed(f.keyA(), a + " and more text"),
            a)
        .build();
  }
}
