package dev.warden.engine.detect;

import static dev.warden.engine.detect.RuleExample.keyed;
import static dev.warden.engine.detect.RuleExample.mark;

import java.util.List;

/**
 * Built-in rules for credentials found by where they stand rather than by a vendor format: the
 * password of URL userinfo, a value after a password word, a random-looking value after a
 * credential key or {@code Bearer}, and an AWS secret access key after its key name. The password
 * and generic rules are of the {@linkplain Rule.Tier#GENERIC generic} tier and the URL rule of the
 * {@linkplain Rule.Tier#CONTAINER container} tier: each yields to an overlapping finding of a
 * higher tier (a URL password that is a GitHub token is reported as the {@code github_token}).
 * Every example value is generated or made up; none is a real credential.
 */
final class CredentialRules {
  private CredentialRules() {}

  static List<Rule> all() {
    return List.of(
        urlCredentials(),
        awsSecretAccessKey(),
        passwordAssignment(),
        passwordJsonValue(),
        genericCredentialAssignment(),
        bearerToken());
  }

  /** A key, JSON string or header closing quote, possibly JSON-escaped, then the separator. */
  private static final String ASSIGN =
      "(?:\\\\?[\"'])?[ \\t]{0,3}+(?::=|=>|[=:：])[ \\t]{0,3}+(?:\\\\?[\"'`])?";

  // scheme://user:password@host. The user may be empty (redis://:password@host); a user without a
  // password (ssh://git@host) is a login, not a credential. "anonymous" FTP logins are public.
  static Rule urlCredentials() {
    String pw = FakeValues.base62(201, 16);
    return Rule.builder("url-credentials")
        .type("url_credentials")
        .keywords("://")
        .reach(20, 3 + 128 + 1 + 256 + 1)
        .pattern(
            "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,19}+://(?!anonymous:)"
                + "[^\\s:@/?#\"'<>\\\\]{0,128}+:([^\\s@/\"'<>\\\\]{1,256}+)@(?=[A-Za-z0-9\\[])")
        .secretGroup(1)
        .validator(CredentialValues.URL_PASSWORD)
        .confidence(0.9)
        .tier(Rule.Tier.CONTAINER)
        .placeholderCheck(true)
        .truePositives(
            "git clone https://x-access-token:" + mark(pw) + "@github.com/acme/infra.git",
            "DATABASE_URL=postgres://app:" + mark("Tz8#qLw2vR") + "@db.internal:5432/app",
            "{\\\"url\\\":\\\"redis://:" + mark(FakeValues.base62(202, 24)) + "@cache:6379/0\\\"}",
            "접속 주소 mongodb+srv://admin:" + mark("Xk29vLp0") + "@cluster0.mongodb.net 입니다")
        .falsePositives(
            "ssh://git@github.com/acme/infra.git",
            "postgres://user:password@localhost:5432/db",
            "amqp://guest:${RABBIT_PASSWORD}@rabbit:5672",
            "https://user:<password>@host.example.org",
            "mysql://root:****@db:3306 (masked in logs)",
            "ftp://anonymous:guest@ftp.example.org/pub",
            "see https://example.org:8443/path?x=1 and mail@example.org")
        .build();
  }

  // AWS secret access keys have no prefix: 40 base64 characters, recognised only after their key
  // name. The documented example key contains EXAMPLE and is dropped by the allowlist.
  static Rule awsSecretAccessKey() {
    String secret = FakeValues.awsSecret(211);
    return Rule.builder("aws-secret-access-key")
        .type("aws_secret_key")
        .keywords(
            "aws_secret",
            "secret_access_key",
            "secretaccesskey",
            "secret access key",
            "secret-access-key")
        .reach(4, 11 + 16 + 10 + 40)
        .pattern(
            "(?i:aws_secret_access_key|aws_secret_key|aws_secret|secret_access_key|secretaccesskey"
                + "|aws secret access key|secret access key|secret-access-key)"
                + "[\\s\"'`:=：\\\\,]{0,16}+"
                + "(?:(?i:is|ist|lautet)[\\s:：]{1,4}+|[는은は][\\s:：]{0,4}+)?"
                + "(?<![A-Za-z0-9/+])([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])")
        .secretGroup(1)
        .validator(CredentialValues.AWS_SECRET)
        .confidence(0.9)
        .placeholderCheck(true)
        .truePositives(
            "aws_secret_access_key = " + mark(secret),
            "{\\\"AccessKeyId\\\":\\\"AKIA...\\\",\\\"SecretAccessKey\\\":\\\""
                + mark(FakeValues.awsSecret(212))
                + "\\\"}",
            "export AWS_SECRET_ACCESS_KEY=" + mark(FakeValues.awsSecret(213)),
            "AWS secret access key는 " + mark(FakeValues.awsSecret(214)) + " 입니다")
        .falsePositives(
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = " + secret.substring(0, 39),
            "aws_secret_access_key = " + secret + "A",
            "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
            "the bucket path " + secret + " has no key name",
            "aws_secret_access_key = abcdefghijklmnopqrstuvwxyzabcdefghijklmn")
        .build();
  }

  // A bare "pass" is also an English word ("boarding pass: BA123"): on its own it counts only
  // before "=" or before ":" and a quote; as the end of an identifier (smtp_pass, userPass) it
  // takes any separator.
  private static final String PASSWORD_WORD =
      "(?:(?<![A-Za-z])(?i:passphrase|password|passwort|kennwort|passwd|pwd)"
          + "|(?<=[A-Za-z0-9][_.-])(?i:pass)"
          + "|(?<![A-Za-z0-9_.-])(?i:pass)"
          + "(?=\\\\?[\"']?[ \\t]{0,3}+(?:=|:[ \\t]{0,3}+\\\\?[\"'`]))"
          + "|(?<=[a-z0-9])(?:Passphrase|Password|Passwort|Passwd|Pass|Pwd|Kennwort))"
          + "(?![A-Za-z0-9])";

  /** Printable ASCII without quotes, backslash, {@code ; , &} (they end a value in code). */
  private static final String VALUE_CHAR = "[\\x21-\\x7E&&[^\"'`\\\\;,&]]";

  /** The last character: also not trailing punctuation of a sentence. */
  private static final String VALUE_END = "[\\x21-\\x7E&&[^\"'`\\\\;,&.!?)\\]}:]]";

  // A password word, a separator (=, :, full-width ：, "is"/"ist"/"lautet", a Korean or Japanese
  // particle), an optional quote, and 6-128 printable ASCII characters. CLI flags --password and
  // --passwd also take a space. The value is ASCII: "パスワードはabc123です" ends before です.
  static Rule passwordAssignment() {
    return Rule.builder("password-assignment")
        .type("password")
        .keywords("pass", "pwd", "passwort", "kennwort", "비밀번호", "암호", "パスワード")
        .reach(2, 6 + 30 + 128)
        .pattern(
            "(?:--(?i:password|passwd)[ \\t=]{1,2}+(?:\\\\?[\"'])?"
                + "|(?:"
                + PASSWORD_WORD
                + "|비밀번호|암호|パスワード)"
                + "(?:"
                + ASSIGN
                + "|[ \\t]{1,3}+(?i:is|was|ist|lautet|war)(?:[ \\t]{0,2}+:)?[ \\t]{1,3}+"
                + "(?:\\\\?[\"'`])?"
                + "|[ \\t]{0,2}+(?:는|은|이|가|は|が|を)[ \\t]{0,3}+(?:[:：][ \\t]{0,3}+)?"
                + "(?:\\\\?[\"'`])?))"
                + "("
                + VALUE_CHAR
                + "{5,127}"
                + VALUE_END
                + ")")
        .secretGroup(1)
        .validator(CredentialValues.PASSWORD)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "DB_PASSWORD=" + mark("Tr0ub4dor#3x"),
            "{\\\"user\\\":\\\"kim\\\",\\\"password\\\":\\\"" + mark("s3cr3t-Pa55") + "\\\"}",
            "mysql -u root --password " + mark("Qw9!zx7Lm") + " appdb",
            "Driver={ODBC};Server=db;UID=sa;PWD=" + mark("H7v#kq2Lp") + ";",
            "Your password is " + mark("mango-42-Tulip") + ".",
            "제 비밀번호는 " + mark("hana0815#") + " 입니다",
            "新しいパスワード：" + mark("Sakura2024x") + "です",
            "Das Passwort lautet " + mark("Blume#7712") + ", bitte ändern")
        .falsePositives(
            "password=${DB_PASSWORD}",
            "password: \"{{ vault_db_password }}\"",
            "\"password\": \"<your-password>\"",
            "password = \"%(db_password)s\"",
            "password: ********",
            "password: null",
            "Password: Required",
            "password is too short",
            "password = config.get(\"db\")",
            "password = os.environ[\"DB_PASSWORD\"]",
            "the bypass=Xk29vLp0 flag",
            "passwords: Xk29vLp0x",
            "POSTGRES_PASSWORD_FILE=/run/secrets/pg",
            "boarding pass: BA12345X gate 4",
            "비밀번호가 틀렸습니다",
            "password: \"\"")
        .build();
  }

  // A JSON leaf whose key ends in a password word ({"password": "…"}, {"dbPassword": "…"}) is a
  // password as a whole: the key is the separator. Same value checks as in text; one token of
  // printable ASCII (a UI label such as "Enter your password" has spaces).
  static Rule passwordJsonValue() {
    return Rule.builder("password-json-value")
        .type("password")
        .jsonKeys(
            "password",
            "passwd",
            "pwd",
            "passphrase",
            "pass",
            "passwort",
            "kennwort",
            "비밀번호",
            "암호",
            "パスワード")
        .pattern("\\A[ \\t]*+([\\x21-\\x7E]{6,128}+)[ \\t]*+\\z")
        .secretGroup(1)
        .validator(CredentialValues.PASSWORD)
        .confidence(0.8)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            keyed("password", mark("Tr0ub4dor#3x")),
            keyed("db_password", mark("s3cr3t-Pa55")),
            keyed("userPassword", mark("sunshine99")),
            keyed("비밀번호", mark("hana0815#")),
            keyed("Passwort", " " + mark("Blume#7712") + " "))
        .falsePositives(
            keyed("password", "${DB_PASSWORD}"),
            keyed("password", "********"),
            keyed("password", "Required"),
            keyed("password", "Enter your password"),
            keyed("password_hint", "Tr0ub4dor#3x"),
            keyed("passwordLength", "12345678"),
            keyed("password", "{{ vault_password }}"),
            "Tr0ub4dor#3x")
        .build();
  }

  /** Credential key names; a longer identifier may end with them ({@code STRIPE_SECRET_KEY}). */
  private static final String SECRET_KEY = "(?i:secret(?:[_-]?key)?)";

  private static final String OTHER_KEY =
      "(?i:x-api-key|api[_-]?key"
          + "|(?<!(?i:page|next|continuation|pagination|sync|cursor)[_-]?)"
          + "(?:access|auth|refresh|bearer|session)?[_-]?token"
          + "|private[_-]?key)";

  /** Generic secret characters (base64, base64url, hex, dotted tokens). */
  private static final String SECRET_CHARS = "[A-Za-z0-9+/=_.~-]";

  /** Formats with their own rules: a value in one of them is left to that rule. */
  private static final String NOT_VENDOR =
      "(?!eyJ|gh[pousr]_|github_pat_|sk-(?!ant-)|AKIA|ASIA|ABIA|ACCA)";

  /** A hex digest (32, 40 or 64 hex digits of one case): a checksum unless the key says secret. */
  private static final String HEX_DIGEST =
      "(?:[0-9a-f]{64}|[0-9A-F]{64}|[0-9a-f]{40}|[0-9A-F]{40}|[0-9a-f]{32}|[0-9A-F]{32})(?!"
          + SECRET_CHARS
          + ")";

  // key = value, where the key is a credential name and the value looks random (≥ 16 characters,
  // ≥ 3 bits of entropy per character, two of upper/lower/digit). A 32/40/64-digit hex value
  // counts only after a "secret" key: after "token" or "api_key" it is as often a checksum,
  // ETag or cache key.
  static Rule genericCredentialAssignment() {
    return Rule.builder("generic-credential-assignment")
        .type("generic_secret")
        .keywords("secret", "api_key", "apikey", "api-key", "token", "private_key", "privatekey")
        // The match starts at the credential word, whatever identifier it ends ("client_secret",
        // "STRIPE_SECRET_KEY", "accessToken"): at most "x-" or "refresh_" before the keyword.
        // Matching the identifier's own start instead cost a lazy prefix loop per attempt.
        .reach(8, 4 + 12 + 512)
        // "secret" + "_key" + closing quote + spaces + the operator: 4 + 2 + 3 + 1 = 10.
        .keywordFollowedBy("=:：>", 12)
        .pattern(
            "(?:"
                + SECRET_KEY
                + "(?![A-Za-z0-9])"
                + ASSIGN
                + "|"
                + OTHER_KEY
                + "(?![A-Za-z0-9])"
                + ASSIGN
                + "(?!"
                + HEX_DIGEST
                + "))"
                + NOT_VENDOR
                + "("
                + SECRET_CHARS
                + "{16,512}+)(?!"
                + SECRET_CHARS
                + ")")
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "secret_key=" + mark("STUBleakQ7w8e9r0t1y2u3i4o5p6notReal"),
            "STRIPE_SECRET_KEY=\"" + mark(FakeValues.base62(221, 32)) + "\"",
            "{\\\"client_secret\\\":\\\"" + mark(FakeValues.base62(222, 40)) + "\\\"}",
            "X-API-Key: " + mark(FakeValues.base62(223, 24)),
            "accessToken: '" + mark(FakeValues.base62(224, 28)) + "'",
            "webhook_secret = "
                + mark("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
        .falsePositives(
            "api_key=${OPENAI_API_KEY}",
            "token: <your-token>",
            "secret_key=changeme-changeme-changeme",
            "session_token=123e4567-e89b-12d3-a456-426614174000",
            "cache_token=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "api_key=aaaaaaaaaaaaaaaaaaaaaaaa",
            "token=settings.SECRET_TOKEN_VALUE",
            "max_tokens: 4096000000000000000",
            "secret: short1A",
            "token=" + FakeValues.githubClassicBadChecksum("ghp_", 225),
            "password_reset_token_url=https://example.org/reset",
            "next_page_token: CiAKGjBpNDd2Nmp2Zml2cXRtcGI0bjBrMTR5ZnI")
        .build();
  }

  // "Bearer <token>" (an Authorization header, a curl command): ≥ 20 random-looking characters.
  // A JWT (eyJ…) is left to the jwt rule.
  static Rule bearerToken() {
    return Rule.builder("bearer-token")
        .type("generic_secret")
        .keywords("bearer")
        .reach(0, 3 + 512)
        .pattern(
            "(?<![A-Za-z0-9])(?i:bearer)[ \\t]{1,3}+"
                + NOT_VENDOR
                + "([A-Za-z0-9._~+/=-]{20,512}+)(?![A-Za-z0-9._~+/=-])")
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "Authorization: Bearer " + mark(FakeValues.base62(231, 40)),
            "curl -H \"Authorization: bearer "
                + mark(FakeValues.base62(232, 32))
                + "\" https://api",
            "헤더 Bearer " + mark(FakeValues.base62(233, 24) + "._-~") + " 를 보냈습니다")
        .falsePositives(
            "Authorization: Bearer <token>",
            "Authorization: Bearer ${TOKEN}",
            "Bearer tokens are short-lived",
            "Authorization: Bearer abcdefghijklmnopqrstuvwxyz",
            "Authorization: Bearer 123e4567-e89b-12d3-a456-426614174000",
            "the bearer of this letter")
        .build();
  }
}
