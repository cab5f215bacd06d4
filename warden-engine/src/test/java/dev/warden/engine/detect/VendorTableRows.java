package dev.warden.engine.detect;

import static dev.warden.engine.detect.DetectorTableTest.hit;
import static dev.warden.engine.detect.DetectorTableTest.miss;
import static dev.warden.engine.detect.VendorShapes.BASE64URL;
import static dev.warden.engine.detect.VendorShapes.HEX;

import dev.warden.engine.detect.DetectorTableTest.Row;
import java.util.List;

/**
 * {@link DetectorTableTest} rows for the vendor credential types: for each, four hits in different
 * surroundings and four near misses (placeholders, publishable keys, identifiers that share the
 * shape). Values come from {@link FakeValues} with seeds of their own (10 000 and up).
 */
final class VendorTableRows {
  private VendorTableRows() {}

  private static String c(long seed, String alphabet, int n) {
    return FakeValues.chars(seed, alphabet, n);
  }

  private static String b62(long seed, int n) {
    return FakeValues.base62(seed, n);
  }

  static List<Row> rows() {
    return List.of(
        // google_api_key
        hit("google_api_key", "GOOGLE_API_KEY=«AIza" + c(10001, BASE64URL, 35) + "»"),
        hit(
            "google_api_key",
            "<script src=\"https://maps.googleapis.com/maps/api/js?key=«AIza"
                + c(10002, BASE64URL, 35)
                + "»\"></script>"),
        hit("google_api_key", "Gemini 키 «AIza" + c(10003, BASE64URL, 35) + "» 유출"),
        hit("google_api_key", "{\\\"apiKey\\\":\\\"«AIza" + c(10004, BASE64URL, 35) + "»\\\"}"),
        miss("google_api_key", "GOOGLE_API_KEY=AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
        miss("google_api_key", "AIza" + c(10005, BASE64URL, 30) + " (truncated)"),
        miss("google_api_key", "the prefix AIza is Google's"),
        miss("google_api_key", "xAIza" + c(10006, BASE64URL, 35)),
        // gcp_credentials
        hit("gcp_credentials", "GOOGLE_CLIENT_SECRET=«GOCSPX-" + c(10011, BASE64URL, 28) + "»"),
        hit("gcp_credentials", "client_secret: «GOCSPX-" + c(10012, BASE64URL, 28) + "»"),
        hit(
            "gcp_credentials",
            "{\"type\": \"service_account\", \"private_key\": \"«"
                + FakeValues.pem("PRIVATE KEY", 10013, 1190, "\\n")
                + "»\\n\"}"),
        hit("gcp_credentials", "OAuth-Secret «GOCSPX-" + c(10014, BASE64URL, 28) + "» löschen"),
        miss("gcp_credentials", "GOOGLE_CLIENT_SECRET=GOCSPX-..."),
        miss("gcp_credentials", "{\"type\": \"service_account\", \"private_key\": \"${KEY}\"}"),
        miss("gcp_credentials", "{\"type\": \"authorized_user\", \"refresh_token\": \"1//x\"}"),
        miss("gcp_credentials", "GOCSPX-" + c(10015, BASE64URL, 12)),
        // azure_key
        hit(
            "azure_key",
            "AZURE_CLIENT_SECRET=«" + c(10021, "abcXYZ012", 3) + "8Q~" + b62(10022, 34) + "»"),
        hit(
            "azure_key",
            "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=«"
                + c(10023, VendorShapes.BASE64, 86)
                + "==»;EndpointSuffix=core.windows.net"),
        hit(
            "azure_key",
            "{\\\"clientSecret\\\":\\\"«"
                + c(10024, "abcXYZ012", 3)
                + "1Q~"
                + b62(10025, 31)
                + "»\\\"}"),
        hit(
            "azure_key",
            "Client Secret は «" + c(10026, "abcXYZ012", 3) + "5Q~" + b62(10027, 32) + "» です"),
        miss("azure_key", "AccountKey=<storage-key>;EndpointSuffix=core.windows.net"),
        miss("azure_key", "UseDevelopmentStorage=true"),
        miss("azure_key", "emoticon Q~ and abcQ~" + b62(10028, 34)),
        miss("azure_key", "AZURE_TENANT_ID=123e4567-e89b-12d3-a456-426614174000"),
        // cloud_token
        hit("cloud_token", "DIGITALOCEAN_TOKEN=«dop_v1_" + c(10031, HEX, 64) + "»"),
        hit("cloud_token", "export VAULT_TOKEN=«hvs." + c(10032, BASE64URL, 95) + "»"),
        hit("cloud_token", "Cloudflare APIトークンは«" + c(10033, BASE64URL, 40) + "»です"),
        hit(
            "cloud_token",
            "{\\\"token\\\":\\\"«"
                + b62(10034, 14)
                + ".atlasv1."
                + c(10035, BASE64URL, 64)
                + "»\\\"}"),
        miss("cloud_token", "HEROKU_APP_ID=123e4567-e89b-12d3-a456-426614174000"),
        miss("cloud_token", "CLOUDFLARE_ZONE_ID=" + c(10036, HEX, 32)),
        miss("cloud_token", "VAULT_ADDR=https://vault.internal:8200"),
        miss("cloud_token", "dop_v1_" + c(10037, HEX, 40) + " (truncated)"),
        // gitlab_token
        hit("gitlab_token", "GITLAB_TOKEN=«glpat-" + c(10041, BASE64URL, 20) + "»"),
        hit(
            "gitlab_token",
            "git clone https://oauth2:«glpat-"
                + c(10042, BASE64URL, 20)
                + "»@gitlab.com/acme/app.git"),
        hit("gitlab_token", "runner token «glrt-" + c(10043, BASE64URL, 20) + "» im Log"),
        hit("gitlab_token", "curl -F token=«glptt-" + c(10044, HEX, 40) + "» -F ref=main"),
        miss("gitlab_token", "GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx"),
        miss("gitlab_token", "tokens start with glpat- or gldt-"),
        miss("gitlab_token", "glpat-" + c(10045, BASE64URL, 12)),
        miss("gitlab_token", "CI_JOB_TOKEN=${CI_JOB_TOKEN}"),
        // slack_token
        hit("slack_token", "SLACK_BOT_TOKEN=«" + SaasRules.slackBot(10051) + "»"),
        hit("slack_token", "Authorization: Bearer «" + SaasRules.slackBot(10052) + "»"),
        hit("slack_token", "슬랙 토큰 «" + SaasRules.slackBot(10053) + "» 입니다"),
        hit(
            "slack_token",
            "{\"token\": \"«xoxp-1234567890-1234567890-1234567890-" + c(10054, HEX, 32) + "»\"}"),
        miss("slack_token", "SLACK_BOT_TOKEN=xoxb-..."),
        miss("slack_token", "SLACK_BOT_TOKEN=${{ secrets.SLACK_BOT_TOKEN }}"),
        miss("slack_token", "xoxb-1234567890-1234567890"),
        miss("slack_token", "hugs xoxo-xoxo"),
        // slack_webhook
        hit("slack_webhook", "SLACK_WEBHOOK_URL=«" + SaasRules.slackHook(10061) + "»"),
        hit("slack_webhook", "curl -X POST «" + SaasRules.slackHook(10064) + "» -d @msg.json"),
        hit("slack_webhook", "Webhook: «" + SaasRules.slackHook(10067) + "»."),
        hit("slack_webhook", "{\\\"url\\\":\\\"«" + SaasRules.slackHook(10070) + "»\\\"}"),
        miss(
            "slack_webhook",
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
        miss("slack_webhook", "see https://api.slack.com/messaging/webhooks"),
        miss("slack_webhook", "https://hooks.slack.com/services/TXXXX/BXXXX/<token>"),
        miss("slack_webhook", SaasRules.slackHook(10073).substring(0, 60)),
        // discord_token
        hit("discord_token", "DISCORD_TOKEN=«" + SaasRules.discordBot(10081) + "»"),
        hit("discord_token", "bot.run(\"«" + SaasRules.discordBot(10085) + "»\")"),
        hit("discord_token", "Discord botのトークンは«" + SaasRules.discordBot(10089) + "»です"),
        hit("discord_token", "{\"discord_token\": \"«" + SaasRules.discordBot(10093) + "»\"}"),
        miss("discord_token", "DISCORD_TOKEN=your-bot-token"),
        miss("discord_token", "DISCORD_CLIENT_ID=123456789012345678"),
        miss("discord_token", "jwt-ish " + SaasRules.discordBot(10097) + " with no name"),
        miss("discord_token", "bot.run(os.getenv('DISCORD_TOKEN'))"),
        // discord_webhook
        hit(
            "discord_webhook",
            "DISCORD_WEBHOOK=«https://discord.com/api/webhooks/"
                + "1234567890123456789/"
                + c(10101, BASE64URL, 68)
                + "»"),
        hit(
            "discord_webhook",
            "웹훅 «https://discordapp.com/api/webhooks/123456789012345678/"
                + c(10102, BASE64URL, 68)
                + "» 삭제"),
        hit(
            "discord_webhook",
            "{\\\"url\\\":\\\"«https://ptb.discord.com/api/v10/webhooks/"
                + "12345678901234567/"
                + c(10103, BASE64URL, 68)
                + "»\\\"}"),
        hit(
            "discord_webhook",
            "Hook «https://canary.discord.com/api/webhooks/"
                + "12345678901234567890/"
                + c(10104, BASE64URL, 68)
                + "» gepostet"),
        miss("discord_webhook", "https://discord.com/api/webhooks/{id}/{token}"),
        miss("discord_webhook", "https://discord.com/api/v10/channels/123456789012345678/messages"),
        miss("discord_webhook", "https://discord.com/api/webhooks/123/short"),
        miss(
            "discord_webhook",
            "https://example.com/api/webhooks/123456789012345678/" + c(10105, BASE64URL, 68)),
        // telegram_token
        hit("telegram_token", "TELEGRAM_BOT_TOKEN=«" + SaasRules.telegram(10111) + "»"),
        hit(
            "telegram_token",
            "https://api.telegram.org/bot«"
                + SaasRules.telegram(10114)
                + "»/sendMessage?chat_id=42"),
        hit("telegram_token", "Telegram 봇 토큰: «" + SaasRules.telegram(10117) + "»"),
        hit("telegram_token", "{\"bot_token\": \"«" + SaasRules.telegram(10120) + "»\"}"),
        miss("telegram_token", "TELEGRAM_BOT_TOKEN=123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"),
        miss("telegram_token", "TELEGRAM_CHAT_ID=-1001234567890"),
        // Without a name only the "AA" hash part of Bot API tokens counts
        // (telegram-bot-token-shape).
        hit("telegram_token", "ratio «" + SaasRules.telegram(10123) + "» without a bot name"),
        miss(
            "telegram_token",
            "ratio " + SaasRules.telegram(10124).replace(":AA", ":AB") + " without a bot name"),
        miss("telegram_token", "https://api.telegram.org/bot<token>/getMe"),
        // stripe_key
        hit("stripe_key", "STRIPE_SECRET_KEY=«sk_live_" + b62(10131, 99) + "»"),
        hit("stripe_key", "stripe.api_key = \"«sk_test_" + b62(10132, 24) + "»\""),
        hit("stripe_key", "제한 키 «rk_live_" + b62(10133, 99) + "» 를 폐기"),
        hit("stripe_key", "Webhook-Secret «whsec_" + b62(10134, 32) + "»"),
        miss("stripe_key", "STRIPE_PUBLISHABLE_KEY=pk_live_" + b62(10135, 99)),
        miss("stripe_key", "Stripe('pk_test_" + b62(10136, 24) + "')"),
        miss("stripe_key", "sk_live_****************" + b62(10137, 4)),
        miss("stripe_key", "STRIPE_SECRET_KEY=sk_live_..."),
        // payment_token
        hit("payment_token", "SQUARE_ACCESS_TOKEN=«EAAA" + c(10141, BASE64URL, 60) + "»"),
        hit("payment_token", "square secret «sq0csp-" + c(10142, BASE64URL, 43) + "»"),
        hit("payment_token", "BRAINTREE=«" + SaasRules.braintree(10143, "production") + "»"),
        hit("payment_token", "{\\\"token\\\":\\\"«sq0atp-" + c(10145, BASE64URL, 22) + "»\\\"}"),
        miss("payment_token", "access_token$production$<merchant>$<secret>"),
        miss("payment_token", "EAAA" + c(10146, BASE64URL, 30) + " truncated"),
        miss("payment_token", "sq0idp-" + c(10147, BASE64URL, 22) + " is an application id"),
        miss("payment_token", "SQUARE_ACCESS_TOKEN=EAAA..."),
        // huggingface_token
        hit("huggingface_token", "HF_TOKEN=«hf_" + c(10151, VendorShapes.LETTERS, 34) + "»"),
        hit(
            "huggingface_token",
            "huggingface-cli login --token «hf_" + c(10152, VendorShapes.LETTERS, 34) + "»"),
        hit("huggingface_token", "허깅페이스 토큰 «hf_" + c(10153, VendorShapes.LETTERS, 34) + "»"),
        hit(
            "huggingface_token",
            "HUGGINGFACEHUB_API_TOKEN=«api_org_" + c(10154, VendorShapes.LETTERS, 34) + "»"),
        miss("huggingface_token", "HF_TOKEN=hf_..."),
        miss("huggingface_token", "hf_abcdefghijklmnopqrstuvwxyzabcdefgh"),
        miss("huggingface_token", "hf_" + b62(10155, 34) + " has digits"),
        miss("huggingface_token", "HF_HOME=~/.cache/huggingface"),
        // ai_api_key
        hit("ai_api_key", "GROQ_API_KEY=«gsk_" + b62(10161, 52) + "»"),
        hit("ai_api_key", "MISTRAL_API_KEY=«" + b62(10162, 32) + "»"),
        hit("ai_api_key", "DeepSeek API 키: «sk-" + c(10163, HEX, 32) + "»"),
        hit("ai_api_key", "{\"cohere_api_key\": \"«" + b62(10164, 40) + "»\"}"),
        miss("ai_api_key", "GROQ_API_KEY=gsk_..."),
        miss("ai_api_key", "MISTRAL_MODEL=mistral-large-latest"),
        miss("ai_api_key", "request sk-" + c(10165, HEX, 32) + " logged"),
        miss("ai_api_key", "XAI_API_KEY=<your-xai-key>"),
        // package_registry_token
        hit("package_registry_token", "TWINE_PASSWORD=«" + DevRules.pypi(10171, 80) + "»"),
        hit("package_registry_token", "GEM_HOST_API_KEY=«rubygems_" + c(10172, HEX, 48) + "»"),
        hit(
            "package_registry_token",
            "docker login -u acme -p «dckr_pat_" + c(10173, BASE64URL, 27) + "»"),
        hit(
            "package_registry_token",
            "nuget push pkg.nupkg -k «oy2" + c(10174, VendorShapes.LOWER_ALNUM, 43) + "»"),
        miss("package_registry_token", "TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc..."),
        miss("package_registry_token", "rubygems_version: 3.5.9"),
        miss("package_registry_token", "dckr_pat_" + c(10175, BASE64URL, 10)),
        miss("package_registry_token", "NUGET_SOURCE=https://api.nuget.org/v3/index.json"),
        // saas_token
        hit(
            "saas_token",
            "SENDGRID_API_KEY=«SG."
                + c(10181, BASE64URL, 22)
                + "."
                + c(10182, BASE64URL, 43)
                + "»"),
        hit("saas_token", "DD_API_KEY=«" + c(10183, HEX, 32) + "»"),
        hit("saas_token", "Shopify 토큰 «shpat_" + c(10184, HEX, 32) + "» 입니다"),
        hit(
            "saas_token",
            "{\\\"key\\\":\\\"«NRAK-"
                + c(10185, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 27)
                + "»\\\"}"),
        miss("saas_token", "DD_TRACE_ID=" + c(10186, HEX, 32)),
        miss("saas_token", "SENDGRID_API_KEY=SG.xxxxxxxx.yyyyyyyy"),
        miss("saas_token", "TWILIO_ACCOUNT_SID=AC" + c(10187, HEX, 32)),
        miss("saas_token", "cache key-" + c(10188, HEX, 32) + " expired"));
  }
}
