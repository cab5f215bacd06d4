package dev.warden.engine.detect;

import static dev.warden.engine.detect.RuleExample.keyed;
import static dev.warden.engine.detect.RuleExample.mark;
import static dev.warden.engine.detect.VendorShapes.ASSIGN;

import java.util.List;

/**
 * Built-in rules for credentials found by where they stand rather than by a vendor format: the
 * password of URL userinfo, a value after a password word, a random-looking value after a
 * credential key or {@code Bearer}, and an AWS secret access key after its key name. The password
 * and generic rules are of the {@linkplain Rule.Tier#GENERIC generic} tier and the URL rule of the
 * {@linkplain Rule.Tier#CONTAINER container} tier: the generic ones yield to an overlapping finding
 * of a higher tier; the URL rule stays beside a specific one (a URL password that is a GitHub token
 * is reported as {@code url_credentials} and as the {@code github_token}). Every example value is
 * generated or made up; none is a real credential.
 */
final class CredentialRules {
  private CredentialRules() {}

  static List<Rule> all() {
    return List.of(
        urlCredentials(),
        goSqlDsnPassword(),
        awsSecretAccessKey(),
        awsSecretAfterKeyId(),
        awsSecretWorded(),
        passwordAssignment(),
        passwordTableColumn(),
        passwordJsonValue(),
        passwordCliFlag(),
        passwordLoginPair(),
        passwordLoginSlash(),
        passwordAdminSlash(),
        passcodeAssignment(),
        genericCredentialAssignment(),
        cjkCredentialAssignment(),
        sessionCookie(),
        namedKeyAssignment(),
        serviceKeyAssignment(),
        secretJsonValue(),
        tokenJsonValue(),
        keyJsonValue(),
        bearerToken(),
        basicAuthHeader(),
        basicAuthConfig(),
        pgpassLine());
  }

  // scheme://user:password@host. The user may be empty (redis://:password@host); a user without a
  // password (ssh://git@host) is a login, not a credential. "anonymous" FTP logins are public. An
  // unencoded '@' belongs to the password: it runs to the last '@' before the host
  // (postgres://admin:S3cr3tP@ss@db), so no part of it is left in clear.
  static Rule urlCredentials() {
    String pw = FakeValues.base62(201, 16);
    return Rule.builder("url-credentials")
        .type("url_credentials")
        .keywords("://")
        .reach(20, 3 + 128 + 1 + 256 + 1)
        .pattern(
            "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,19}+://(?!anonymous:)"
                + "[^\\s:@/?#\"'<>\\\\]{0,128}+:([^\\s/\"'<>\\\\]{1,256})@(?=[A-Za-z0-9\\[])")
        .secretGroup(1)
        .validator(CredentialValues.URL_PASSWORD)
        .confidence(0.9)
        .tier(Rule.Tier.CONTAINER)
        .placeholderCheck(true)
        .truePositives(
            "git clone https://x-access-token:" + mark(pw) + "@github.com/acme/infra.git",
            "DATABASE_URL=postgres://app:" + mark("Tz8#qLw2vR") + "@db.internal:5432/app",
            "{\\\"url\\\":\\\"redis://:" + mark(FakeValues.base62(202, 24)) + "@cache:6379/0\\\"}",
            "접속 주소 mongodb+srv://admin:" + mark("Xk29vLp0") + "@cluster0.mongodb.net 입니다",
            "postgres://admin:" + mark("S3cr3tP@ss") + "@db.internal:5432/prod",
            "amqp://worker:" + mark("pa@@" + FakeValues.base62(203, 10)) + "@rabbit:5672/ failed",
            "DATABASE_URL=postgresql://orders_rw:" + mark("lantern6333.fig") + "@pg:5432/orders",
            "PIP_EXTRA_INDEX_URL=https://deploy:"
                + mark("pk*AC*_2#ZG#nm")
                + "@nexus.example.org/simple")
        .falsePositives(
            "ssh://git@github.com/acme/infra.git",
            "postgres://user:password@localhost:5432/db",
            "amqp://guest:${RABBIT_PASSWORD}@rabbit:5672",
            "https://user:<password>@host.example.org",
            "mysql://root:****@db:3306 (masked in logs)",
            "ftp://anonymous:guest@ftp.example.org/pub",
            "see https://example.org:8443/path?x=1 and mail@example.org",
            "postgres://user:password@db:5432/app?admin=ops@example.org",
            "postgres://app:settings.get(db_pw)@db:5432/app")
        .build();
  }

  // Go's database/sql DSN for MySQL, user:password@tcp(host:3306)/db (also unix(…)): no scheme,
  // so url-credentials never sees it, and it is the form every Go MySQL program passes.
  static Rule goSqlDsnPassword() {
    return Rule.builder("go-sql-dsn-password")
        .type("url_credentials")
        .keywords("@tcp(", "@unix(", "@udp(")
        .reach(64 + 1 + 128, 0)
        .pattern(
            "(?<![A-Za-z0-9_.%-])[A-Za-z0-9_.-]{1,64}+:([^\\s:@/\"'<>\\\\]{1,128})"
                + "@(?:tcp|unix|udp)\\(")
        .secretGroup(1)
        .validator(CredentialValues.URL_PASSWORD)
        .confidence(0.9)
        .tier(Rule.Tier.CONTAINER)
        .placeholderCheck(true)
        .truePositives(
            "sql.Open(\"mysql\", \"orders:" + mark("To4a9byDp2ZXGCr") + "@tcp(db:3306)/orders\")",
            "DSN=app_rw:" + mark(FakeValues.base62(204, 18)) + "@unix(/run/mysqld/mysqld.sock)/app")
        .falsePositives(
            "sql.Open(\"mysql\", \"user:password@tcp(localhost:3306)/db\")",
            "dsn := fmt.Sprintf(\"%s:%s@tcp(%s)/%s\", user, pass, host, db)",
            "root:${MYSQL_PASSWORD}@tcp(db:3306)/app",
            "user@tcp(db:3306)/app has no password")
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
            "secret-access-key",
            "aws.",
            "aws-")
        .reach(4, 60 + 16 + 10 + 40)
        .pattern(
            "(?i:aws_secret_access_key|aws_secret_key|aws_secret|secret_access_key|secretaccesskey"
                + "|aws secret access key|secret access key|secret-access-key"
                // dotted property names: aws.s3.secret-key, aws.credentials.secretKey
                + "|aws[.-](?:[a-z0-9]{1,12}+[.-]){0,3}secret[.-]?key)"
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
            "AWS secret access key는 " + mark(FakeValues.awsSecret(214)) + " 입니다",
            "aws.s3.secret-key=" + mark(FakeValues.awsSecret(215)))
        .falsePositives(
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = " + secret.substring(0, 39),
            "aws_secret_access_key = " + secret + "A",
            "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
            "the bucket path " + secret + " has no key name",
            "aws_secret_access_key = abcdefghijklmnopqrstuvwxyzabcdefghijklmn")
        .build();
  }

  /** 40 base64 characters, standalone (also right after a JSON escape such as {@code \n}). */
  private static final String AWS_SECRET_VALUE =
      Boundaries.startNotAfter("[A-Za-z0-9/+=]") + "([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])";

  // A secret access key written next to its access key id, as the pair is usually pasted: the
  // first standalone 40-character base64 value at most 240 characters after an AKIA/ASIA id, on any
  // key or none ("AKIA… / wJalr…", "access_key: AKIA…\n  secret_key: …", two CSV columns).
  static Rule awsSecretAfterKeyId() {
    String id = FakeValues.awsKeyId("AKIA", 215);
    String secret = FakeValues.awsSecret(216);
    return Rule.builder("aws-secret-access-key-paired")
        .type("aws_secret_key")
        .keywords("akia", "asia")
        .reach(0, 20 + 240 + 40)
        .pattern("(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])[\\s\\S]{1,240}?" + AWS_SECRET_VALUE)
        .secretGroup(1)
        .validator(CredentialValues.AWS_SECRET)
        .confidence(0.85)
        .placeholderCheck(true)
        .truePositives(
            "creds for the bucket: " + id + " / " + mark(secret) + " - rotate them",
            "aws:\n  access_key: " + id + "\n  secret_key: " + mark(FakeValues.awsSecret(217)),
            "User name,Access key ID,Secret access key\\nci,"
                + id
                + ","
                + mark(FakeValues.awsSecret(218)))
        .falsePositives(
            "AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            id + " then commit 3f2a9c4e1b7d8a6f5e4c3b2a1f0e9d8c7b6a5f4e",
            id + " and a 41-character value " + secret + "Q",
            "no key id here, only " + secret)
        .build();
  }

  // A secret access key after "secret" (secret key, secret access key) and a separator or "is",
  // when an AWS word comes before it: "The AWS secret key is wJalr…". Without "aws", "amazon" or
  // "iam" nearby, a 40-character secret is a generic_secret.
  static Rule awsSecretWorded() {
    return Rule.builder("aws-secret-key-worded")
        .type("aws_secret_key")
        .keywords("secret")
        .reach(0, 6 + 14 + 16 + 10 + 40)
        .pattern(
            "(?i:secret)(?:[ _-]?(?i:access)?[ _-]?(?i:key))?"
                + "[\\s\"'`:=：\\\\,]{0,16}+"
                + "(?:(?i:is|ist|lautet)[\\s:：]{1,4}+|[는은は][\\s:：]{0,4}+)?"
                + AWS_SECRET_VALUE)
        .secretGroup(1)
        .validator(CredentialValues.AWS_SECRET)
        .confidence(0.85)
        .placeholderCheck(true)
        .context(ContextWords.requiring(List.of("aws", "amazon", "iam", "boto3", "s3")))
        .truePositives(
            "The AWS secret key is " + mark(FakeValues.awsSecret(219)) + ", keep it safe",
            "IAM user ci: secret: " + mark(FakeValues.awsSecret(220)))
        .falsePositives(
            "client secret: " + FakeValues.awsSecret(219),
            "The AWS secret key is wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS secret: abcdefghijklmnopqrstuvwxyzabcdefghijklmn")
        .build();
  }

  // A bare "pass" is also an English word ("boarding pass: BA123"): on its own it counts only
  // before "=" or before ":" and a quote; as the end of an identifier (smtp_pass, userPass) it
  // takes any separator. An upper-case identifier may end in PASSWORD or PWD without a separator
  // (PGPASSWORD, MYSQLPWD). "pw" counts before ":" or "=" ("pw: …", "PW=…"), "is", a particle
  // ("PWは …", "pw는 …"), or a space and a value holding a digit ("user admin, pw dJpPx0coo!I5"):
  // chat shorthand for a password in every language, and hardly anything else as a whole word.
  private static final String PASSWORD_WORD =
      "(?:(?<![A-Za-z])(?i:passphrase|password|passwort|kennwort|passwd|pwd)"
          + "|(?<=[A-Za-z0-9][_.-])(?i:pass)"
          + "|(?<![A-Za-z0-9_.-])(?i:pass)"
          + "(?=\\\\?[\"']?[ \\t]{0,"
          + VendorShapes.ALIGNMENT
          + "}+(?:=|:[ \\t]{0,3}+\\\\?[\"'`]))"
          + "|(?<=[a-z0-9])(?:Passphrase|Password|Passwort|Passwd|Pass|Pwd|Kennwort)"
          // a quoted key glued in lower case: Nextcloud's 'dbpassword', 'mail_smtppassword'
          + "|(?<=[a-z])password(?=\\\\?[\"'])"
          + "|(?<=[A-Z0-9])(?:PASSWORD|PASSWD|PASSPHRASE|PWD)"
          + "|(?<![A-Za-z0-9_.-])(?i:pw)"
          + "(?=[ \\t]{0,2}+[:=：は는은]|[ \\t]{1,3}+(?i:is|ist|lautet)[ \\t]"
          + "|[ \\t]{1,2}+[\\x21-\\x7E]{0,127}[0-9]))"
          + "(?![A-Za-z0-9])";

  /** Password words of other languages, matched as written (CJK) or case-insensitively. */
  private static final String PASSWORD_WORD_INTL =
      "비밀번호|비번|패스워드|암호|パスワード|ぱすわーど|(?i:mot de passe|contraseña|contrasena|wachtwoord)";

  /** Printable ASCII without quotes, backslash, {@code ; , &} (they end a value in code). */
  // An '&' goes on the value unless it opens the next query parameter ("&user=…"):
  // "password=Tr0ub4dor&3xQ984" is one password.
  private static final String VALUE_CHAR =
      "(?:[\\x21-\\x7E&&[^\"'`\\\\;,&]]|&(?![A-Za-z_][\\w.\\-\\[\\]]{0,40}+=))";

  /** The last character: also not trailing punctuation of a sentence. */
  private static final String VALUE_END = "[\\x21-\\x7E&&[^\"'`\\\\;,&.!?)\\]}:]]";

  /**
   * A password value. After an opening quote the whole quoted string is the value, spaces and
   * {@code & ; ,} included ({@code "correct horse battery staple"}, {@code 'Tr0ub4dor&3'}), when
   * the closing quote follows within 128 characters on the same line; otherwise one token of 6–128
   * printable ASCII characters.
   */
  private static final String PASSWORD_VALUE =
      "((?<=[\"'`])(?![ \\t])[\\x20-\\x7E&&[^\"'`\\\\]]{6,128}+(?=\\\\?[\"'`])"
          + "|"
          + VALUE_CHAR
          + "{5,127}"
          + VALUE_END
          + ")";

  /**
   * Header words of a table column that holds passwords; a later suppress word says the column
   * holds something about them ({@code password_changed_at}, {@code Passwort-Hash}, {@code
   * パスワード変更日}).
   */
  private static final ContextWords PASSWORD_COLUMN =
      new ContextWords(
          List.of(
              "password",
              "passwort",
              "kennwort",
              "passwd",
              "passphrase",
              "pw",
              "pwd",
              "비밀번호",
              "패스워드",
              "パスワード",
              "mot de passe",
              "contraseña",
              "wachtwoord"),
          List.of(
              "hash",
              "hashed",
              "digest",
              "salt",
              "changed",
              "change",
              "reset",
              "updated",
              "last",
              "expires",
              "expiry",
              "expiration",
              "age",
              "length",
              "policy",
              "strength",
              "hint",
              "required",
              "set",
              "status",
              "geändert",
              "änderung",
              "ablauf",
              "länge",
              "encrypted",
              "md5",
              "sha",
              "sha1",
              "sha256",
              "sha512",
              "bcrypt",
              "crypt",
              "암호화",
              "해시",
              "ハッシュ",
              "暗号化",
              "변경",
              "변경일",
              "만료",
              "変更",
              "変更日",
              "有効期限"),
          true);

  // A cell of a delimited table (CSV, TSV, semicolon, Markdown, psql) under a password column — an
  // account sheet pasted for review ("서비스\t아이디\t비밀번호", "サービス,URL,ID,パスワード"), where no
  // word stands beside the value. The header decides alone (Rule#byColumn); the pattern is matched
  // against the whole trimmed and unquoted cell: 6–128 printable ASCII characters, no space (a
  // cell of words is a note: "resetting it now").
  static Rule passwordTableColumn() {
    return Rule.builder("password-table-column")
        .type("password")
        .keywords(
            "pw",
            "pwd",
            "비번",
            "암호",
            "password",
            "passwort",
            "kennwort",
            "passwd",
            "passphrase",
            "비밀번호",
            "패스워드",
            "パスワード",
            "mot de passe",
            "contraseña",
            "wachtwoord")
        .reach(0, TableHeader.MAX_ROWS)
        .pattern("([\\x21-\\x7E&&[^\"'`]]{6,128})")
        .secretGroup(1)
        .validator(CredentialValues.PASSWORD)
        .confidence(0.7)
        .placeholderCheck(true)
        .context(PASSWORD_COLUMN)
        .byColumn()
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "서비스\t아이디\t비밀번호\t비고\n카페24\thanbitmall\t" + mark("tiger52$som") + "\t\n",
            "service,login,password,note\nM365,admin@corp.example,"
                + mark("Winter338.fal")
                + ",global admin",
            "| host | user | Passwort |\n|---|---|---|\n| nas01 | root | "
                + mark("Xk9#mQ2!vL")
                + " |",
            "ID;パスワード\nmirai-shop;" + mark("Orbit08_rock"))
        .falsePositives(
            "service,login,password,note\nM365,admin,********,rotated",
            "user,password_changed_at\nbob,2024-01-05T10:00",
            "name;Passwort-Hash\nbob;5f4dcc3b5aa765d61d8327deb882cf99",
            "user,password,note\nbob,(unchanged),see vault",
            "service,login,password,note\nM365,Winter338.fal,,moved")
        .build();
  }

  // A password word, a separator (=, :, full-width ：, "is"/"ist"/"lautet"/"est"/"es", a Korean or
  // Japanese particle), an optional quote, and the value. Also a password word, a space and a
  // quoted value ("with password 'x'"), or, for password/Passwort/Kennwort/passphrase, a space and
  // an unquoted value holding a digit ("ssh as root, password Tr0ub4dor3"). CLI flags --password
  // and --passwd also take a space. An unquoted value is ASCII: "パスワードはabc123です" ends
  // before です.
  static Rule passwordAssignment() {
    return Rule.builder("password-assignment")
        .type("password")
        .keywords(
            "pass",
            "pwd",
            "passwort",
            "kennwort",
            "pw:",
            "pw=",
            "pw :",
            "pw =",
            "pw：",
            "pw ",
            "pwは",
            "pw는",
            "pw은",
            "identified by",
            "requirepass",
            "masterauth",
            "비밀번호",
            "비번",
            "패스워드",
            "암호",
            "パスワード",
            "ぱすわーど",
            "mot de passe",
            "contraseña",
            "contrasena",
            "wachtwoord")
        .reach(2, 12 + 64 + 52 + 30 + 15 + VendorShapes.ASSIGN_MAX + 128)
        .pattern(
            // Redis takes its password as --requirepass / --masterauth, also as the next item of a
            // command array ("--requirepass", "…").
            "(?:--(?i:password|passwd|requirepass|masterauth)"
                + "(?:[ \\t=]{1,2}+|\\\\?[\"'],[ \\t]{0,2}+)(?:\\\\?[\"'])?"
                // redis.conf and CONFIG SET: the directive, then the value
                + "|(?<![A-Za-z0-9_-])(?i:requirepass|masterauth)[ \\t]{1,3}+(?:\\\\?[\"'])?"
                + "|(?<![A-Za-z])(?i:identified[ \\t]{1,3}+by)[ \\t]{1,3}+(?:\\\\?[\"'])?"
                + "|(?:"
                + PASSWORD_WORD
                + "|"
                + PASSWORD_WORD_INTL
                + ")"
                + "(?:"
                + ASSIGN
                // a quoted name, then its value as the next argument: PHP's define('DB_PASSWORD',
                // '…'), setdefault("PASSWORD", "…"), config.set('password', '…')
                + "|\\\\?[\"'][ \\t]{0,3}+,[ \\t]{0,"
                + VendorShapes.ALIGNMENT
                + "}+\\\\?[\"']"
                // not the next key of an object: "ParameterKey": "DBPassword", "ParameterValue": …
                + "(?![^\"'\\n]{1,128}+\\\\?[\"'][ \\t]*+:)"
                + "|(?:[ \\t]{1,3}+(?i:for|on|für|fuer|auf|of|pour|para|voor|del|della|per)[ \\t][^\\n\"'`.,;:=]{1,40}?)?"
                + "[ \\t]{1,3}+(?i:is|was|ist|lautet|war|est|es|era|è)"
                // "is now …", "lautet übrigens …": one adverb between the verb and the value
                + "(?:[ \\t]{1,3}+(?i:now|still|currently|actually|übrigens|uebrigens|jetzt|nun|immer noch|noch"
                + "|aktuell|weiterhin|maintenant|ahora|ora|nu))?"
                + "(?:[ \\t]{0,2}+:)?[ \\t]{1,3}+"
                + "(?:\\\\?[\"'`])?"
                + "|[ \\t]{0,2}+(?:는|은|이|가|は|が|を|って)[ \\t]{0,3}+(?:[:：][ \\t]{0,3}+)?"
                + "(?:\\\\?[\"'`]|「)?"
                + "|[ \\t]{1,3}+\\\\?[\"'`]"
                // "Kennwort für die Oberfläche Winter9071#som": what it is for, then the value
                + "|(?<=(?i:password|passwort|kennwort))[ \\t]{1,3}+(?i:for|für|fuer|zur|zum)"
                + "(?:[ \\t]{1,3}+[A-Za-zÄÖÜäöüß-]{1,24}+){1,3}[ \\t]{1,2}+"
                // a digit and a symbol a user name, host or ticket id does not hold ("for user
                // jdoe_2",
                // "for host srv-01.corp.local")
                + "(?=[\\x21-\\x7E]{0,127}[0-9])(?=[\\x21-\\x7E]{0,127}[^A-Za-z0-9\\s._-])(?![\"'`])"
                // "temp password they emailed me is Nebula0039#winte": a few words, then the verb;
                // the value needs a digit and a symbol, as above
                + "|(?<=(?i:password|passwort|kennwort|passphrase))"
                + "(?:[ \\t]{1,3}+(?!(?i:reset|link|url|expir[a-z]*|date|policy|length|hash|hint|rule"
                + "|changed?|last|manager|version|field|format|requirement)s?(?![A-Za-z']))"
                + "[A-Za-z']{1,12}+){1,4}?"
                + "[ \\t]{1,3}+(?i:is|was|ist|lautet|war)[ \\t]{1,3}+"
                + "(?=[\\x21-\\x7E]{0,127}[0-9])(?=[\\x21-\\x7E]{0,127}[^A-Za-z0-9\\s._-])(?![\"'`])"
                + "|(?<=(?i:password|passwort|kennwort|passphrase|pw)|비밀번호|비번|패스워드|パスワード|ぱすわーど)"
                + "[ \\t]{1,2}+"
                + "(?=[\\x21-\\x7E]{0,127}[0-9])(?![\"'`])(?![A-Za-z_][A-Za-z_.\\-]{0,40}+=(?=[^\\s=]))))"
                + PASSWORD_VALUE)
        .secretGroup(1)
        .validator(CredentialValues.PASSWORD)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "login with password " + mark("Vm0xNFlXWT0=") + " then",
            "ssh as root, password " + mark("Summer2024=Fun"),
            "DB_PASSWORD=" + mark("Tr0ub4dor#3x"),
            "  username       = \"app\"\n  password       = \"" + mark("Wq7!rTz2pLm") + "\"",
            "redis-server --requirepass " + mark("FvM7YTXogj9sUPZ"),
            "# redis.conf\nrequirepass " + mark("Foobared123x"),
            "CONFIG SET requirepass \"" + mark("Kq2!vLp9xRt") + "\"",
            "define( 'DB_PASSWORD', '" + mark("river6544_tiger") + "' );",
            "os.environ.setdefault(\"SMTP_PASSWORD\", \"" + mark("Kq2!vLp9xRt") + "\")",
            "command: [\"redis-server\", \"--requirepass\", \"" + mark("Kq2!vLp9xRt") + "\"]",
            "{\\\"user\\\":\\\"kim\\\",\\\"password\\\":\\\"" + mark("s3cr3t-Pa55") + "\\\"}",
            "mysql -u root --password " + mark("Qw9!zx7Lm") + " appdb",
            "Driver={ODBC};Server=db;UID=sa;PWD=" + mark("H7v#kq2Lp") + ";",
            "Your password is " + mark("mango-42-Tulip") + ".",
            "Kennwort für die Oberfläche " + mark("Winter9071#som") + ". Die NAS hat",
            "제 비밀번호는 " + mark("hana0815#") + " 입니다",
            "공유기 비번은 " + mark("Kx29vLp0#") + " 이에요",
            "新しいパスワード：" + mark("Sakura2024x") + "です",
            "Das Passwort lautet " + mark("Blume#7712") + ", bitte ändern",
            "\tpassword........................" + mark("F_k030vs3An%$TIs"),
            "      DB_PASSWORD:    " + mark("v$k6nw4P7yMHNHEUu$U5"),
            "Das WLAN-Passwort für die Ferienwohnung lautet übrigens "
                + mark("Sommer4721.river")
                + ".",
            "the admin password is now " + mark("Kx7#pLm2qR") + " until Friday",
            "das neue Passwort für den Testserver lautet: " + mark("qwe!Rty7Uio2") + " – danke",
            "the wifi password for the office is " + mark("maple77#Tr") + ".",
            "The root password on the staging box is " + mark("WpNimbus6987!x") + ", thanks",
            "La password del server è " + mark("Quartz_7124zQ") + ", cambiala",
            "Wi-Fiのパスワードは「" + mark("tulip+2845Lm") + "」です。",
            "{\"password\": \"" + mark("correct horse battery staple") + "\"}",
            "ssh root@bastion with password '" + mark("Tr0ub4dor&3") + "' then sudo",
            "export PGPASSWORD=" + mark("Hunter2Pg!x"),
            "POST /login?user=kim&password=" + mark("Tr0ub4dor&3xQ984") + "&remember=1",
            "wifi: CorpGuest / pw: " + mark("Orbit42#Kx"),
            "Le mot de passe est " + mark("Falcon77!Lm") + ", change-le.",
            "La contraseña es " + mark("tulip2024$Vb") + " y el usuario es soporte",
            "login as admin, password " + mark("Quartz9*zQ") + " and reboot",
            "staging panel: user admin, pw " + mark("dKx0coo!I5") + " (change it)",
            "共有アカウントのPWは " + mark("otter4471!Lm") + " です",
            "테스트 계정 pw는 " + mark("Nebula77#k") + " 입니다",
            "CREATE USER 'report'@'%' IDENTIFIED BY '" + mark("Maple#2291xq") + "';",
            "ALTER USER app IDENTIFIED BY " + mark("Orbit55Lm9") + ";",
            "공용 계정: 아이디 team01 / 비밀번호 " + mark("Falcon7074@ot"),
            "ログイン用 パスワード " + mark("kiwi5512#Rk") + " で入れます",
            "Wi-Fiのぱすわーどって" + mark("Rocket3926#kiwi") + "であってますか？",
            "smb.conf: Password=" + mark("Winter64.som"),
            "login is mkhan@example.com, temp password they emailed me is "
                + mark("Nebula0039#winte"),
            "'mail_smtppassword' => '" + mark("otter16.orbi") + "',")
        .falsePositives(
            "read -rs -p \"DB password: \" DB_PW && export MYSQL_PWD=\"$DB_PW\"",
            "Password for user jdoe_2 has expired.",
            "Password for host srv-01.corp.local expires tomorrow",
            "labels = {'password', 'Password', 'confirm', 'Confirm'}",
            "t('password', 'Passwort')",
            "初期パスワードは1Passwordの「新入社員用」ボールトに入れてあります",
            "login.failure reason=bad_password attempt=1",
            "-- パスワードはargon2idでハッシュ化済み",
            "authToken = os.Getenv(\"TOKEN\") // password is authToken",
            "your password is now expired, reset it in the portal",
            "conn = psycopg2.connect(host=\"db\", password=DB_PASSWORD)",
            "$cred = New-Object PSCredential($user, $env:DB_PASSWORD)",
            "'password' => $this->password,",
            "SMTP_PASSWORT=bitte-eintragen",
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
            "password: \"\"",
            "{\"placeholder\": \"Enter your password\"}",
            "password: \"Enter your password here\"",
            "a password like 'correct horse battery staple' is the classic example",
            "password reset link sent to the user",
            "the password for this account is incorrect",
            "hardcode the password 'admin123' in config.js",
            "cd $(pwd) && make",
            "the pw is short",
            "pw reset link expires in 30 minutes",
            "비밀번호 변경 주기는 90일입니다",
            "パスワード 8文字以上",
            "IDENTIFIED BY '${DB_PASSWORD}'",
            "CREATE USER app IDENTIFIED BY VALUES 'S:9A…' -- hash, not the password",
            "password: !vault |",
            "wifi_password: !secret wifi_pw",
            "db_password: ENC[AES256_GCM,data:Qm9vZ2xlU2VjcmV0,iv:kQ1Ww==,type:str]",
            "password = Base64.decode",
            "the password for the demo account is on the wiki",
            "{ \"ParameterKey\": \"DBMasterPassword\", \"ParameterValue\": \"${DbPass}\" }",
            "the password they use is stored in vault_01",
            "Your password reset link is https://app.example.com/reset?token=ab12cd",
            "Password expiry date is 2024/12/31",
            "the password policy version is v2.1+beta",
            "in the users table the password column is $2b$12$sVhhR9S0360ifwJfPA4aC0.UjP4r2za8RaO")
        .build();
  }

  // A JSON leaf whose key ends in a password word ({"password": "…"}, {"dbPassword": "…"}) is a
  // password as a whole, spaces included ("correct horse battery staple"): the key is the
  // separator. Same value checks as in text (a UI label such as "Enter your password" names a
  // password instead of being one).
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
        .pattern("\\A[ \\t]*+([\\x21-\\x7E][\\x20-\\x7E]{4,126}[\\x21-\\x7E])[ \\t]*+\\z")
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
            keyed("Passwort", " " + mark("Blume#7712") + " "),
            keyed("password", mark("correct horse battery staple")))
        .falsePositives(
            keyed("password", "${DB_PASSWORD}"),
            keyed("password", "********"),
            keyed("password", "Required"),
            keyed("password", "Enter your password"),
            keyed("password_hint", "Tr0ub4dor#3x"),
            keyed("passwordLength", "12345678"),
            keyed("password", "{{ vault_password }}"),
            keyed("password", "none"),
            keyed("password", "Password must be at least 8 characters"),
            "Tr0ub4dor#3x")
        .build();
  }

  // Passwords given to a command on its command line. Each command has its own flag, and the value
  // follows it: mysql -pSECRET (glued: "-p SECRET" prompts and SECRET is the database), sshpass -p,
  // curl -u user:SECRET, htpasswd -b FILE USER SECRET, docker/podman/helm login -p, redis-cli -a,
  // ldapsearch -w, mongo -p, sqlcmd -P, openssl -pass pass:SECRET. --password=… and PGPASSWORD=…
  // are password-assignment's.
  static Rule passwordCliFlag() {
    // Arguments before the flag, at most 160 characters (the rule's reach counts on it); an & that
    // a space or another & does not follow is inside a URL's query string, not a shell operator.
    String args = "(?:[^\\n|;&]|&(?![&\\s])){0,160}?[ \\t]";
    String quote = "(?:\\\\?[\"'])?";
    return Rule.builder("password-cli-flag")
        .type("password")
        .keywords(
            "mysql",
            "mariadb",
            "sshpass",
            "curl",
            "wget",
            "htpasswd",
            "login",
            "redis-cli",
            "ldap",
            "mongo",
            "sqlcmd",
            "openssl",
            "net user",
            "convertto-securestring",
            "chpasswd",
            "password-stdin")
        .reach(16 + 64 + 140 + 180, 16 + 160 + 80 + 128)
        .pattern(
            "(?<![A-Za-z0-9_.-])(?:"
                + "(?i:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlsh|mariadb"
                + "|mariadb-dump)(?![A-Za-z0-9_.-])"
                + args
                + "-p(?:[ \\t]{1,3}+(?=\\\\?[\"']))?"
                + quote
                + "|sshpass[ \\t]{1,3}+-p[ \\t]{0,3}+"
                + quote
                + "|(?:curl|wget)(?![A-Za-z0-9_.-])"
                + args
                + "(?:-u|--user)[ \\t=]{1,3}+"
                + quote
                + "[^\\s:\"'@]{1,64}+:"
                + "|htpasswd[ \\t]{1,3}+-[A-Za-z]{0,4}b[A-Za-z]{0,4}(?:[ \\t]{1,3}+-[A-Za-z]{1,6})?"
                + "(?:[ \\t]{1,3}+[^\\s-][^\\s]{0,255}+){1,2}[ \\t]{1,3}+"
                + quote
                + "|(?:docker|podman|helm|nerdctl|buildah|skopeo)[ \\t]{1,3}+(?:registry[ \\t]+)?login"
                + args
                + "-p[ \\t]{1,3}+"
                + quote
                + "|redis-cli"
                + args
                + "-a[ \\t]{1,3}+"
                + quote
                + "|ldap(?:search|add|modify|delete|passwd|whoami|compare)"
                + args
                + "-w[ \\t]{1,3}+"
                + quote
                + "|(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport)"
                + args
                + "-p[ \\t]{1,3}+"
                + quote
                + "|sqlcmd"
                + args
                + "-P[ \\t]{1,3}+"
                + quote
                + "|openssl"
                + args
                + "-pass(?:in|out)?[ \\t]{1,3}+"
                + quote
                + "pass:"
                + "|(?i:net)[ \\t]{1,3}+(?i:user)[ \\t]{1,3}+[^\\s/\"']{1,64}+[ \\t]{1,3}+(?![/*])"
                + quote
                + "|(?i:ConvertTo-SecureString)(?=[^\\n]{0,160}?[ \\t]-(?i:AsPlainText))[ \\t]{1,3}+"
                + "(?:-(?i:String)[ \\t]{1,3}+)?(?=\\\\?[\"'])"
                + quote
                + "|(?i:echo)[ \\t]{1,3}+(?:-[en]{1,2}+[ \\t]{1,3}+)?"
                + quote
                + "[A-Za-z0-9_.-]{1,64}+:(?=[^\\n|]{1,130}\\|[ \\t]{0,3}+(?:sudo[ \\t]{1,3}+)?chpasswd)"
                // a password piped to a registry login: echo "…" | docker login … --password-stdin
                + "|(?i:echo|printf)[ \\t]{1,3}+(?:-[en]{1,2}+[ \\t]{1,3}+)?"
                + quote
                + "(?![$`])(?=[^\\s|`]{1,128}+\\\\?[\"']?[ \\t]{0,3}+\\|[ \\t]{0,3}+(?:sudo[ \\t]{1,3}+)?"
                + "(?:docker|podman|helm|nerdctl|buildah|skopeo|oras)[ \\t]{1,3}+(?:registry[ \\t]{1,3}+)?"
                + "login(?![A-Za-z0-9_-])[^\\n|;&]{0,160}?--password-stdin)"
                + ")"
                + PASSWORD_VALUE)
        .secretGroup(1)
        .validator(CredentialValues.PASSWORD)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "mysql -u root -p" + mark("MyS3cretPass") + " shop",
            "mysql -u root -p '" + mark("MyS3cret Pass") + "' shop",
            "sshpass -p '" + mark("Zx9vQw2Lk") + "' ssh deploy@build-07",
            "curl -u admin:" + mark("Qw9zx7Lm3") + " https://jenkins.internal/api/json",
            "curl --user 'svc-ci:" + mark("N3bula#77kp") + "' -X POST https://nexus.internal",
            "htpasswd -b /etc/nginx/.htpasswd alice " + mark("Pa55w0rdX"),
            "htpasswd -nb bob " + mark("river42!Kx") + " > users",
            "docker login -u ci-bot -p " + mark("Cobalt99$Tr") + " registry.internal",
            "redis-cli -h cache -a " + mark("ember2024#Wp") + " PING",
            "ldapsearch -x -D 'cn=admin,dc=corp' -w " + mark("Nimbus7_Lm") + " -b dc=corp",
            "openssl pkcs12 -export -in c.pem -passout pass:" + mark("saffron88+Vb"),
            "net user backupsvc " + mark("tulip8549!Vb") + " /add /domain",
            "$s = ConvertTo-SecureString \"" + mark("maple5419$Kx") + "\" -AsPlainText -Force",
            "ConvertTo-SecureString -String '" + mark("Nimbus#4471zQ") + "' -AsPlainText -Force",
            "echo 'deploy:" + mark("emberzQ9891%") + "' | sudo chpasswd",
            "echo \""
                + mark("P0SGxiY4Q-Y#kD*WTaL0")
                + "\" | docker login reg.io -u ci --password-stdin",
            "echo '" + mark("Kq7$zP2!mW9x") + "' | podman login quay.io -u bot --password-stdin",
            "curl -s \"https://api.example.net/v1?status=open&limit=50\" -u 'svc:"
                + mark("Rocket277?tig")
                + "'")
        .falsePositives(
            "mysql -u root -p shop",
            "mkdir -p /var/lib/app && docker run -p 8080:80 nginx",
            "mysql -u root -p\"$MYSQL_ROOT_PASSWORD\" -e 'show databases'",
            "echo \"$TOKEN\" | docker login -u ci-bot --password-stdin registry.internal",
            "ssh -p 2222 deploy@bastion",
            "curl -u \"$USER:$PASS\" https://api.internal",
            "mysql -u root -ppassword shop",
            "sshpass -p ${SSH_PASS} ssh host",
            "net user backupsvc * /add",
            "net user administrator /active:yes",
            "$s = ConvertTo-SecureString $plain -AsPlainText -Force",
            "ConvertTo-SecureString \"01000000d08c9ddf0115d1118c7a\" -Key $key",
            "echo 'deploy:x' > notes.txt",
            "echo \"$REGISTRY_PASSWORD\" | docker login -u ci --password-stdin reg.io")
        .build();
  }

  // A login and a password given as a pair on one line ("Login: admin / Pass: …", "user=bob,
  // pass=…"): "pass" alone is also a boarding or bus pass, so it needs the login before it.
  // password/pwd/pw pairs are password-assignment's.
  static Rule passwordLoginPair() {
    return Rule.builder("password-login-pair")
        .type("password")
        .keywords("pass")
        .reach(12 + 3 + 3 + 64 + 3 + 4, 4 + 3 + 3 + 1 + 128)
        .pattern(
            "(?<![A-Za-z0-9_])(?i:login|log-in|user(?:name)?|user[ _]id|uid|account|benutzer(?:name)?)"
                + "[ \\t]{0,2}+[:=][ \\t]{0,3}+[^\\s/|,;:=]{1,64}+[ \\t]{0,3}+[/|,;][ \\t]{0,3}+"
                + "(?i:pass)[ \\t]{0,2}+[:=][ \\t]{0,3}+(?:\\\\?[\"'])?"
                + PASSWORD_VALUE)
        .secretGroup(1)
        .validator(CredentialValues.PASSWORD)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "Login: admin / Pass: " + mark("mapleTr8652-") + " (please change after first login)",
            "user=svc-backup, pass=" + mark("Orbit42#Kx9"),
            "Username: kim | Pass: '" + mark("hana 0815 #x") + "'")
        .falsePositives(
            "boarding pass: BA12345X gate 4",
            "Login: admin / Pass: ********",
            "user: bob / pass: ${BOB_PASS}",
            "Login: admin / Pass: <your password>",
            "account: 12345 / pass: required")
        .build();
  }

  /** Credential key names; a longer identifier may end with them ({@code STRIPE_SECRET_KEY}). */
  // A dot joins the words of Java-properties and Hadoop names: fs.s3a.secret.key, oss.access.key.
  private static final String SECRET_KEY = "(?i:secret(?:[_.-]?key)?)";

  /**
   * Credential key names other than {@link #SECRET_KEY}. {@code guarded} puts a lookahead for the
   * token word before the lookbehind that excludes pagination and digest tokens: the lookbehind
   * tries each of its lengths at every start, and most starts are not followed by a token word at
   * all (on {@code key1=secret1 key2=…} it was nine tenths of the rule's cost). The lookahead only
   * repeats what the alternative itself requires next, so it changes no match.
   */
  private static String otherKey(boolean guarded) {
    return "(?i:x-api-key|(?<!(?i:search[_-]?only|publishable|public)[_-]?)api[_.-]?key"
        + "|access[_.-]?key|auth(?:[_-]?key)?|"
        + (guarded ? "(?=(?:access|auth|refresh|bearer|session)?[_-]?token)" : "")
        + "(?<!(?i:page|next|continuation|pagination|sync|cursor"
        + "|etag|hash|sha|sha1|sha256|md5|checksum|digest|commit|integrity)[_-]?)"
        + "(?:access|auth|refresh|bearer|session)?[_-]?token"
        + "|private[_-]?key)";
  }

  /**
   * The characters a generic credential match starts with: the first letter of each key name in
   * {@link #SECRET_KEY} and {@link #otherKey}, or the {@code _}/{@code -} before a bare {@code
   * token}. As a leading lookahead it lets {@link FirstChars} skip every other start for one array
   * read; the rest of the pattern requires the same, so it changes no match.
   */
  private static final String CREDENTIAL_FIRST_CHAR = "(?=[SsXxAaPpRrBbTt_-])";

  /** Generic secret characters (base64, base64url, hex, dotted tokens). */
  private static final String SECRET_CHARS = "[A-Za-z0-9+/=_.~-]";

  /** Formats with their own rules: a value in one of them is left to that rule. */
  // pk.eyJ…: a Mapbox public token, published in every page that shows a map.
  // projects/…/secrets/…: a Google Secret Manager resource name, which names a secret. Ag + 600
  // base64: a Sealed Secrets ciphertext (version byte 2), readable only by the cluster's key.
  private static final String NOT_VENDOR =
      "(?!eyJ|pk\\.eyJ|gh[pousr]_|github_pat_|sk-(?!ant-)|AKIA|ASIA|ABIA|ACCA"
          + "|projects/[A-Za-z0-9-]{1,64}+/secrets/|Ag[A-Za-z0-9+/]{600})";

  /**
   * A generic credential's value after its key: 16 or more secret characters (the rule's reach
   * bounds them), no vendor format. Unbounded but possessive: a run longer than any secret still
   * matches, and is refused by the validator, so the keywords inside it are not tried again — a
   * bounded run followed by "not another secret character" failed at every {@code secret=} of a 1
   * MB repetition (≈ 2 s per MiB; now ≈ 0.25 s).
   */
  private static final String GENERIC_VALUE = NOT_VENDOR + "(" + SECRET_CHARS + "{16,}+)";

  /**
   * The generic credential pattern; {@code guarded = false} is the reference without the two
   * lookaheads that only skip doomed attempts ({@code GenericCredentialGuardTest} compares both).
   */
  static String genericCredentialPattern(boolean guarded) {
    return (guarded ? CREDENTIAL_FIRST_CHAR : "")
        // not a resource type in an ARN: arn:aws:secretsmanager:eu-west-1:482913740215:secret:…
        + "(?!(?<=:[0-9]{12}:)secret:)"
        + "(?:"
        + SECRET_KEY
        + "(?![A-Za-z0-9])"
        + ASSIGN
        + "|"
        + otherKey(guarded)
        + "(?![A-Za-z0-9])"
        + ASSIGN
        + ")"
        + GENERIC_VALUE;
  }

  // key = value, where the key is a credential name and the value looks random (≥ 16 characters,
  // ≥ 3 bits of entropy per character, two of upper/lower/digit). A hex value counts like any
  // other: many API keys are 32 or 40 hex digits. A digest or commit SHA is not in a credential
  // position (sha256=, checksum:, ETag:, integrity=, commit …): the key names it, and this rule
  // never sees it because its key is not a credential key.
  static Rule genericCredentialAssignment() {
    return Rule.builder("generic-credential-assignment")
        .type("generic_secret")
        .keywords(
            "secret",
            "api_key",
            "apikey",
            "api-key",
            "token",
            "private_key",
            "privatekey",
            "access_key",
            "accesskey",
            "access-key",
            "access.key",
            "api.key",
            "auth")
        // The match starts at the credential word, whatever identifier it ends ("client_secret",
        // "STRIPE_SECRET_KEY", "accessToken"): at most "x-" or "refresh_" before the keyword.
        // Matching the identifier's own start instead cost a lazy prefix loop per attempt.
        .reach(8, 4 + 12 + VendorShapes.ASSIGN_MAX + 512)
        // "secret" + "_key" + closing quote + spaces + the operator: 4 + 2 + 3 + 1 = 10, and the
        // spaces of an aligned block.
        .keywordFollowedBy("=:：>", 12 + VendorShapes.ALIGNMENT)
        .pattern(genericCredentialPattern(true))
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "CHANNEL_ACCESS_TOKEN = \""
                + mark("/" + FakeValues.chars(233, VendorShapes.BASE64, 171))
                + "\"",
            "secret_key=" + mark("STUBleakQ7w8e9r0t1y2u3i4o5p6notReal"),
            "fs.s3a.secret.key=" + mark(FakeValues.base62(2351, 40)),
            "oss.access.key: " + mark(FakeValues.base62(2361, 30)),
            "\tapiKey          = \"" + mark(FakeValues.base62(234, 32)) + "\"",
            "STRIPE_SECRET_KEY=\"" + mark(FakeValues.base62(221, 32)) + "\"",
            "{\\\"client_secret\\\":\\\"" + mark(FakeValues.base62(222, 40)) + "\\\"}",
            "X-API-Key: " + mark(FakeValues.base62(223, 24)),
            "accessToken: '" + mark(FakeValues.base62(224, 28)) + "'",
            "webhook_secret = "
                + mark("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            "api_key = \"" + mark("a1b2c3d4e5f60718293a4b5c6d7e8f90") + "\"",
            "-H 'X-API-Key: " + mark(FakeValues.chars(226, "0123456789abcdef", 32)) + "'",
            "access_key: " + mark(FakeValues.chars(227, "0123456789ABCDEF", 40)))
        .falsePositives(
            "\"ARN\": \"arn:aws:secretsmanager:ap-northeast-1:482913740215:secret:prod/jp/db-Xy7Q2a\"",
            "client_secret_file = /etc/warden/secrets/client-secret-production.json",
            "mapboxToken: \"pk.eyJ1IjoibWFwcy1kZW1vIiwiYSI6ImNrM2U0eGl6eDAwMWUzam1qNGR4In0."
                + FakeValues.base62(2371, 22)
                + "\"",
            "algolia: { searchOnlyApiKey: \""
                + FakeValues.chars(2372, "0123456789abcdef", 32)
                + "\" }",
            "api_key=${OPENAI_API_KEY}",
            "token: <your-token>",
            "secret_key=changeme-changeme-changeme",
            "session_token=123e4567-e89b-12d3-a456-426614174000",
            "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "token_checksum: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "ETag: \"a1b2c3d4e5f60718293a4b5c6d7e8f90\"",
            "$secret   = ConvertTo-SecureString $plain -AsPlainText -Force",
            "commit a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
            "etag_token=da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "authority: login.microsoftonline.com/common/oauth2",
            "api_key=aaaaaaaaaaaaaaaaaaaaaaaa",
            "token=settings.SECRET_TOKEN_VALUE",
            "max_tokens: 4096000000000000000",
            "secret: short1A",
            "token=" + FakeValues.githubClassicBadChecksum("ghp_", 225),
            "password_reset_token_url=https://example.org/reset",
            "next_page_token: CiAKGjBpNDd2Nmp2Zml2cXRtcGI0bjBrMTR5ZnI",
            "+ secret      = \"projects/661246189301/secrets/tracking-dsn\"")
        .build();
  }

  // Session cookies and session ids: Cookie and Set-Cookie headers, HAR entries, logs
  // ("JSESSIONID=0ABF…", "sessionid=Mw2h…", "laravel_session=…", "_oauth2_proxy=…"). Whoever holds
  // one is logged in as its user. The cookie names of the common frameworks (Java, PHP, ASP.NET,
  // Django, Flask, Rails and Laravel's "<app>_session", Express, NextAuth, oauth2-proxy), then a
  // random value. A "session_id" or "sessionId" field is a log's correlation id, not a cookie;
  // OpenSSL's "Session-ID:" is a TLS session, sent in clear in the handshake.
  static Rule sessionCookie() {
    return Rule.builder("session-cookie")
        .type("generic_secret")
        .keywords("sess", "connect.sid", "_oauth2_proxy")
        .reach(32, 24 + 4 + VendorShapes.ASSIGN_MAX + 4096)
        .keywordFollowedBy("=:：", 24 + VendorShapes.ALIGNMENT)
        .pattern(
            "(?<![A-Za-z0-9_.-])"
                + "(?i:jsessionid|phpsessid|aspsessionid[a-z]{0,8}+|asp\\.net_sessionid|sessionid"
                + "|session|[A-Za-z0-9_.-]{0,24}?_session|(?:__secure-)?next-auth\\.session-token"
                + "|connect\\.sid|_oauth2_proxy)"
                + "(?![A-Za-z0-9_.-])"
                + ASSIGN
                // Unbounded but possessive: a run longer than any cookie still matches (and is
                // refused by the validator), so the keywords inside it are not tried again — a
                // bounded run followed by "not another value character" failed at every "session="
                // of a 1 MB repetition, 2.5 s per MiB.
                + "([A-Za-z0-9+/=_.%~-]{16,}+)")
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "Cookie: JSESSIONID="
                + mark(
                    FakeValues.chars(2306, VendorShapes.HEX, 32).toUpperCase(java.util.Locale.ROOT))
                + "; PCID=3305",
            "\"value\": \"sessionid=" + mark(FakeValues.base62(2307, 48)) + "; consent=necessary\"",
            "set-cookie: bw_session=" + mark(FakeValues.base62(2308, 43)) + "; Path=/; HttpOnly",
            "Cookie: connect.sid="
                + mark("s%3A" + FakeValues.base62(2309, 32) + "." + FakeValues.base62(2310, 43)))
        .falsePositives(
            "sessionTimeout=3600000000000000000",
            "session_id=a70a752d1049d3dea92dece051ecbfba user_agent=Mozilla/5.0",
            "session_id=123e4567-e89b-12d3-a456-426614174000",
            "Cookie: sessionid=<session-id>; csrftoken=<token>",
            "assessment=comprehensive-quarterly-review",
            "orig_sid=scheduler__admin__SearchSuite__RMD579d97aa692d6e243_at_1764024000_3144",
            "Session-ID: 70A1974DF05E5AACECC33CD3E50E1C57AC4E5920985D1A2C767FD34D18D16091")
        .build();
  }

  // Meeting passcodes, door codes and PINs: "Passcode: 128942", "Kenncode: 3fQKVi", "パスコード:
  // P1XsAe", "暗証番号は 3941". Short and often digits alone, which the password rules refuse (a
  // number is no password without a word saying so); here the word says it. PIN only in capitals:
  // a lower-case "pin: 13" is a GPIO pin.
  static Rule passcodeAssignment() {
    return Rule.builder("passcode-assignment")
        .type("password")
        .keywords("passcode", "pass code", "kenncode", "zugangscode", "パスコード", "暗証番号", "pin")
        .reach(0, 10 + 24 + 16)
        .pattern(
            "(?:(?<![A-Za-z])(?i:pass[ -]?code|kenncode|zugangscode)"
                + "|(?<![A-Za-z])(?-i:PIN)(?:[ -]?(?i:code|nummer))?|パスコード|暗証番号)"
                + "(?![A-Za-z])"
                + VendorShapes.SEPARATOR
                + "(?=[A-Za-z]{0,15}[0-9])([A-Za-z0-9]{4,16}+)(?![A-Za-z0-9@._/:-])")
        .secretGroup(1)
        .validator(CredentialValues.PASSCODE)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "Meeting ID: 856 5546 5662\nPasscode: " + mark("128942") + "\n",
            "Besprechungs-ID: 980 758 054 460\nKenncode: " + mark("3fQKVi"),
            "会議 ID: 598 063 000 508\nパスコード: " + mark("P1XsAe"),
            "キャッシュカードの暗証番号は " + mark("3941") + " だから",
            "SIM PIN: " + mark("4821") + ", PUK in the drawer")
        .falsePositives(
            "Passcode: required for external guests",
            "PIN: ****",
            "gpio pin: 1342",
            "Passcode: 2024-11-05",
            "Kenncode: siehe Einladung",
            "PIN-Länge: 6")
        .build();
  }

  // The credential words of Japanese and Korean, written in katakana and Hangul: チャネルシークレット,
  // クライアントシークレット, アクセストークン, 시크릿 키, 액세스 토큰. A rule of its own, so the common
  // credential rule keeps its one-array-read start guard of ASCII letters.
  static Rule cjkCredentialAssignment() {
    return Rule.builder("generic-credential-cjk")
        .type("generic_secret")
        .keywords("シークレット", "トークン", "시크릿", "토큰")
        .reach(0, 6 + 3 + VendorShapes.ASSIGN_MAX + 512)
        .keywordFollowedBy("=:：>", 3 + VendorShapes.ALIGNMENT)
        .pattern("(?:シークレット|トークン|시크릿(?: ?키)?|토큰)" + ASSIGN + GENERIC_VALUE)
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "署名検証用チャネルシークレット: " + mark(FakeValues.chars(2302, VendorShapes.HEX, 32)),
            "クライアントシークレット：" + mark(FakeValues.base62(2303, 40)),
            "네이버 클라이언트 시크릿 키 = " + mark(FakeValues.base62(2304, 24)),
            "액세스 토큰: \"" + mark(FakeValues.base62(2305, 36)) + "\"")
        .falsePositives(
            "トークン: <ここにトークンを貼る>",
            "시크릿: ${NAVER_CLIENT_SECRET}",
            "トークン数: 4096",
            "토큰: 만료됨 (2024-11-05)")
        .build();
  }

  // "admin / 1VtN4tMdg$#2" after a word naming a login (account, Zugang, 계정, ログイン): user and
  // password as people paste them into chats and tickets, with no password word. Spaces around
  // the slash (a path or URL has none) and a value mixing three character classes.
  static Rule passwordLoginSlash() {
    return Rule.builder("password-login-slash")
        .type("password")
        .keywords(
            "account", "login", "zugang", "konto", "credentials", "계정", "아이디", "ログイン", "アカウント")
        .reach(0, 16 + 40 + 32 + 8 + 64)
        .pattern(
            "(?:(?<![A-Za-z])(?i:account|login|zugang(?:sdaten)?|konto|credentials)(?![A-Za-z])"
                + "|계정|아이디|ログイン|アカウント)"
                + "[^\\n/]{0,40}?(?<![A-Za-z0-9._@-])[A-Za-z0-9._@-]{2,32}+[ \\t]{1,2}+/[ \\t]{1,2}+"
                + "([\\x21-\\x7E]{6,64}+)(?![\\x21-\\x7E])")
        .secretGroup(1)
        .validator(CredentialValues.MIXED_PASSWORD)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "관리자 계정 admin / " + mark("1VtN4tMdg$#2") + " 로 들어가면 됨",
            "Zugang Router: admin / " + mark("%KJRJTQ8HYk") + " – bitte ändern",
            "login for the kiosk: kiosk01 / " + mark("Tr4m!line9") + " (temporary)")
        .falsePositives(
            "Account / Settings / Security",
            "login: github.com/MyOrg-2024",
            "account admin / password",
            "Konto 12345678 / 2024-11",
            "login / logout buttons")
        .build();
  }

  // "root / XDD1svDg9h2-sg": a well-known administrative account, a spaced slash and the password,
  // as a handover note lists hosts ("db-master 10.10.2.35 — root / …", "FortiGate …, admin / …");
  // the account name says what follows, so no login word is needed. The value mixes three
  // character classes and holds no slash (a path would).
  static Rule passwordAdminSlash() {
    return Rule.builder("password-admin-slash")
        .type("password")
        .keywords("root", "admin", "administrator", "postgres", "ubuntu", "ec2-user", "oracle")
        .reach(0, 13 + 4 + 64)
        .pattern(
            "(?<![A-Za-z0-9._@/-])(?i:root|admin|administrator|postgres|ubuntu|ec2-user|oracle)"
                + "[ \\t]{1,2}+/[ \\t]{1,2}+"
                + "([\\x21-\\x7E&&[^/]]{6,64}+)(?![\\x21-\\x7E])")
        .secretGroup(1)
        .validator(CredentialValues.MIXED_PASSWORD)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "- db-master 10.10.2.35 — root / " + mark("XDD1svDg9h2-sg"),
            "FortiGate 100F, admin UI on https://10.60.0.1:8443, admin / " + mark("otter622.Nebul"),
            "Postgres: postgres / " + mark("Kq2!vLp9xRt") + " (rotate)")
        .falsePositives(
            "Admin / Settings / Users",
            "cd /root / ls",
            "root / home2/user",
            "admin / password",
            "sysroot / Tr4m!line9",
            "admin / 2024-11-05")
        .build();
  }

  // Keys that name what the secret does rather than saying "secret": JWT_SIGNING_KEY,
  // SESSION_ENCRYPTION_KEY, hmacKey, MASTER_KEY. A rule of its own, gated by these rare names, so
  // that the common credential rule above does not try every "e", "h", "m" and "j" of a text.
  static Rule namedKeyAssignment() {
    return Rule.builder("generic-named-key-assignment")
        .type("generic_secret")
        .keywords(
            "signing_key",
            "signing-key",
            "signingkey",
            "encryption_key",
            "encryption-key",
            "encryptionkey",
            "hmac_key",
            "hmac-key",
            "hmackey",
            "admin_key",
            "admin-key",
            "adminkey",
            "master_key",
            "master-key",
            "masterkey",
            "jwt_key",
            "jwt-key",
            "jwtkey",
            "schluessel",
            "schlüssel",
            "secret_key_base",
            "key_derivation_salt",
            "preshared",
            "pre-shared",
            "pre_shared",
            "pre shared",
            "事前共有鍵",
            "사전 공유 키",
            "사전공유키",
            "사전공유 키",
            "사전 공유키")
        .reach(0, 14 + 12 + VendorShapes.ASSIGN_MAX + 512)
        .keywordFollowedBy("=:：>", 12 + VendorShapes.ALIGNMENT)
        .pattern(
            "(?:(?i:signing|encryption|hmac|admin|master|jwt)[_-]?(?i:key)"
                + "|(?i:schl(?:ue|ü)ssel)|(?i:secret_key_base|key_derivation_salt)"
                + "|(?i:pre[ _-]?shared)[ _-]?(?i:key|secret)|事前共有鍵|사전 ?공유 ?키)"
                + "(?![A-Za-z0-9])"
                + ASSIGN
                + GENERIC_VALUE)
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "  JWT_SIGNING_KEY: \"" + mark(FakeValues.base62(228, 48)) + "\"",
            "SESSION_ENCRYPTION_KEY=" + mark(FakeValues.base62(229, 43) + "="),
            "hmacKey: '" + mark(FakeValues.base62(230, 32)) + "'",
            "static let algoliaAdminKey = \""
                + mark(FakeValues.chars(2301, VendorShapes.HEX, 32))
                + "\"",
            "DOKUMENTE_SCHLUESSEL=" + mark(FakeValues.chars(231, VendorShapes.HEX, 64)),
            "Verschlüsselungsschlüssel: " + mark(FakeValues.base62(232, 44)),
            "- Pre-Shared Key: " + mark(FakeValues.base62(293, 32)),
            "IKE 事前共有鍵：" + mark(FakeValues.base62(294, 36)),
            "secret_key_base: " + mark(FakeValues.chars(295, VendorShapes.HEX, 128)))
        .falsePositives(
            "pre-shared key: see the vault entry",
            "DOKUMENTE_SCHLUESSEL=<hier-den-schluessel-eintragen>",
            "Schlüssel: AES-256 (siehe Handbuch)",
            "encryption_key: aes-256-gcm",
            "master_key_path=/etc/warden/keys/master.pem",
            "admin_key: ~/.ssh/admin_key_ed25519",
            "signing_key = load_signing_key(settings.SIGNING_KEY_FILE)",
            "JWT_SIGNING_KEY=${JWT_SIGNING_KEY}")
        .build();
  }

  // Keys of a service's client that name no secret either: Datadog's app_key (40 hex), PagerDuty's
  // routing_key and integration_key (32 hex). The same names hold identifiers elsewhere (a
  // RabbitMQ routing key "orders.eu-west-1.created", an app's key name), so only a value of 32–40
  // letters and digits, nothing else, counts.
  static Rule serviceKeyAssignment() {
    return Rule.builder("generic-service-key-assignment")
        .type("generic_secret")
        .keywords(
            "app_key",
            "app-key",
            "appkey",
            "routing_key",
            "routing-key",
            "routingkey",
            "integration_key",
            "integration-key",
            "integrationkey")
        .reach(0, 15 + VendorShapes.ASSIGN_MAX + 40)
        .keywordFollowedBy("=:：>", 12 + VendorShapes.ALIGNMENT)
        .pattern(
            "(?i:app|routing|integration)[_-]?(?i:key)(?![A-Za-z0-9])"
                + ASSIGN
                + "([A-Za-z0-9]{32,40})(?![A-Za-z0-9._/+=-])")
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC)
        .truePositives(
            "  app_key: " + mark(FakeValues.chars(291, VendorShapes.HEX, 40)),
            "      - routing_key: " + mark(FakeValues.chars(292, VendorShapes.HEX, 32)),
            "PAGERDUTY_INTEGRATION_KEY=" + mark(FakeValues.chars(296, VendorShapes.HEX, 32)))
        .falsePositives(
            "routing_key: orders.eu-west-1.created",
            "app_key: my-application",
            "routingKey = \"" + FakeValues.chars(297, VendorShapes.HEX, 32) + ".v2\"",
            "app_key: " + "0".repeat(40))
        .build();
  }

  // A JSON leaf under a credential key ({"client_secret": "…"}, {"metadata": {"api_key": "…"}},
  // a tool call's {"token": "…"}): in a walked body the key is the assignment, and the text rule
  // above never sees it. Three rules because the three last words need different care: any
  // "…secret" is one; a "…token" is one unless the key says pagination or digest; a "…key" only
  // when the key says which kind (api, access, signing: not cache, sort, idempotency, public).
  static Rule secretJsonValue() {
    return jsonCredential("generic-secret-json-value", ContextWords.NONE, "secret")
        .truePositives(
            keyed("client_secret", mark(FakeValues.base62(231, 40))),
            keyed("webhookSecret", " " + mark(FakeValues.chars(232, "0123456789abcdef", 64))))
        .falsePositives(
            keyed("client_secret", "${CLIENT_SECRET}"),
            keyed("secret", "true"),
            keyed("secret_name", FakeValues.base62(233, 40)),
            keyed("client_secret", "not set yet, ask the admin"))
        .build();
  }

  static Rule tokenJsonValue() {
    return jsonCredential(
            "generic-token-json-value",
            ContextWords.of(
                List.of(),
                List.of(
                    "page",
                    "next",
                    "continuation",
                    "pagination",
                    "sync",
                    "cursor",
                    "resume",
                    "etag",
                    "hash",
                    "checksum",
                    "digest",
                    "commit")),
            "token",
            "auth")
        .truePositives(
            keyed("access_token", mark(FakeValues.base62(234, 32))),
            keyed("token", mark(FakeValues.base62(235, 28)) + " "),
            keyed("auth", mark(FakeValues.base62(236, 36))))
        .falsePositives(
            keyed("next_page_token", FakeValues.base62(237, 40)),
            keyed("nextPageToken", FakeValues.base62(238, 40)),
            keyed("continuation_token", FakeValues.base62(239, 40)),
            keyed("access_token", "<your-token>"),
            keyed("token", "123e4567-e89b-12d3-a456-426614174000"),
            keyed("max_tokens", FakeValues.base62(240, 32)))
        .build();
  }

  static Rule keyJsonValue() {
    return jsonCredential(
            "generic-key-json-value",
            ContextWords.requiring(
                List.of(
                    "api",
                    "apikey",
                    "secret",
                    "private",
                    "access",
                    "auth",
                    "signing",
                    "encryption",
                    "hmac",
                    "master",
                    "license",
                    "subscription",
                    "webhook",
                    "client")),
            "key",
            "apikey")
        .truePositives(
            keyed("api_key", mark(FakeValues.base62(241, 32))),
            keyed("x-api-key", mark(FakeValues.chars(242, "0123456789abcdef", 32))),
            keyed("encryptionKey", mark(FakeValues.base62(243, 43) + "=")))
        .falsePositives(
            keyed("idempotency_key", FakeValues.base62(244, 32)),
            keyed("prompt_cache_key", FakeValues.base62(245, 32)),
            keyed("public_key", FakeValues.base62(246, 44)),
            keyed("api_key", "sk-..."),
            keyed("api_key", FakeValues.githubClassicBadChecksum("ghp_", 247)),
            keyed("key", FakeValues.base62(248, 32)))
        .build();
  }

  /**
   * A generic credential read from the whole leaf under a key ending in one of {@code lastWords}:
   * the characters, length and entropy of generic-credential-assignment's values, and not a value
   * that another rule's format claims.
   */
  private static Rule.Builder jsonCredential(String id, ContextWords context, String... lastWords) {
    return Rule.builder(id)
        .type("generic_secret")
        .jsonKeys(lastWords)
        .pattern("\\A[ \\t]*+" + NOT_VENDOR + "(" + SECRET_CHARS + "{16,512}+)[ \\t]*+\\z")
        .secretGroup(1)
        .validator(CredentialValues.HIGH_ENTROPY)
        .confidence(0.7)
        .context(context)
        .placeholderCheck(true)
        .tier(Rule.Tier.GENERIC);
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

  // HTTP Basic authentication: "Basic " and base64 of user:password. The credentials are only
  // encoded, so the header carries the password itself; the validator decodes it.
  static Rule basicAuthHeader() {
    return Rule.builder("basic-auth-header")
        .type("password")
        .keywords("basic")
        .reach(0, 6 + 3 + 344)
        .pattern(
            "(?<![A-Za-z0-9])(?i:basic)[ \\t]{1,3}+([A-Za-z0-9+/]{8,340}+={0,2})(?![A-Za-z0-9+/=])")
        .secretGroup(1)
        .validator(BASIC_CREDENTIALS)
        .confidence(0.85)
        .placeholderCheck(true)
        .truePositives(
            "Authorization: Basic " + mark(basic("admin:Orbit84_orbit")),
            "curl -H 'authorization: basic " + mark(basic("svc-ci:Tr0ub4dor#3x")) + "' https://ci",
            "> Authorization: Basic " + mark(basic("deploy:" + FakeValues.base62(235, 16))))
        .falsePositives(
            "Authorization: Basic " + basic("user:password"),
            "Authorization: Basic <base64(user:pass)>",
            "Basic " + basic("no colon here at all"),
            "basic usage instructions follow",
            "Basic " + basic("admin:"))
        .build();
  }

  // A PostgreSQL password file line (~/.pgpass, PGPASSFILE): host:port:database:user:password,
  // each field may be *, a colon or backslash inside a field escaped by a backslash. Nothing names
  // the password; the five-field shape with a port does. Only PostgreSQL's and PgBouncer's
  // default ports and * are looked for: every match holds its keyword.
  static Rule pgpassLine() {
    String field = "(?:[^:\\s\\\\]|\\\\.){1,63}+";
    return Rule.builder("pgpass-line")
        .type("password")
        .keywords(":5432:", ":5433:", ":6432:", ":*:")
        .reach(260, 300)
        .pattern(
            // the host: *, a name of one or more labels (an address is one), its colons escaped
            "(?m)^[ \\t]*+(?:\\*|[A-Za-z][A-Za-z0-9-]{0,62}+(?:\\.[A-Za-z0-9-]{1,63}+){0,8}+"
                + "|[0-9]{1,3}+(?:\\.[0-9]{1,3}+){3}+|(?:[0-9A-Fa-f]{0,4}+\\\\:){2,7}+[0-9A-Fa-f]{0,4}+)"
                + ":(?:5432|5433|6432|\\*):"
                + field
                + ":"
                + field
                + ":((?:[^:\\s\\\\]|\\\\.){4,128}+)[ \\t]*+\\r?$")
        .secretGroup(1)
        .validator(CredentialValues.PASSWORD)
        .confidence(0.8)
        .placeholderCheck(true)
        .truePositives(
            "$ cat ~/.pgpass\n10.0.3.12:5432:app:svc:" + mark("Mm55!trees"),
            "db.internal.example.com:5432:orders:app_rw:" + mark("Vq7#pLm2xZ9!"),
            "*:*:*:replicator:" + mark("Kx9\\:river-42") + "\n",
            "# pgbouncer\npool-01.corp.local:6432:billing:billing_ro:" + mark("tulip+2845Lm"))
        .falsePositives(
            "db.internal.example.com:5432:orders:app_rw:*",
            "localhost:5432:*:postgres:${PGPASSWORD}",
            "12:30:45:123:5432:start",
            "postgres:x:105:111:PostgreSQL administrator:/var/lib/postgresql:/bin/bash")
        .build();
  }

  // The same base64 of user:password kept in a config: a Docker config.json "auth" entry, an
  // .npmrc "_auth", kintone's X-Cybozu-Authorization header.
  static Rule basicAuthConfig() {
    return Rule.builder("basic-auth-config")
        .type("password")
        // the key names themselves, not "auth": that is in every "author" and "authentication"
        .keywords("\"auth\"", "_auth", "x-cybozu-authorization")
        .reach(0, 24 + 344)
        .pattern(
            "(?<![A-Za-z0-9_-])(?i:\"auth\"|_auth|x-cybozu-authorization)[ \\t]*+[:=][ \\t]*+[\"']?"
                + "([A-Za-z0-9+/]{8,340}+={0,2})(?![A-Za-z0-9+/=])")
        .secretGroup(1)
        .validator(BASIC_CREDENTIALS)
        .confidence(0.85)
        .placeholderCheck(true)
        .truePositives(
            "\"auths\": {\"registry.example.com\": {\"auth\": \""
                + mark(basic("deploy:K$TNu_n435AGqPVC"))
                + "\"}}",
            "_auth=" + mark(basic("ci-bot:Orbit84_orbit")),
            "-H \"X-Cybozu-Authorization: " + mark(basic("kintone-bot:river21#neb")) + "\"")
        .falsePositives(
            "\"auth\": \"" + basic("no colon here at all") + "\"",
            "\"auth\": \"" + basic("user:password") + "\"",
            "\"oauth\": \"" + basic("deploy:K$TNu_n435AGqPVC") + "\"")
        .build();
  }

  /** Base64 of {@code user:password}, what both Basic-credential rules hold. */
  private static final Validator BASIC_CREDENTIALS =
      Validator.of("basic-credentials", CredentialRules::isBasicCredentials);

  private static String basic(String credentials) {
    return java.util.Base64.getEncoder()
        .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Base64 of printable {@code user:password} whose password is a password ({@link
   * CredentialValues#PASSWORD}).
   */
  private static boolean isBasicCredentials(CharSequence value) {
    byte[] decoded;
    try {
      decoded = java.util.Base64.getDecoder().decode(value.toString());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    String text = new String(decoded, java.nio.charset.StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1 || text.contains("\uFFFD")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 || text.charAt(i) == 0x7F) {
        return false;
      }
    }
    return CredentialValues.PASSWORD.test(text.substring(colon + 1));
  }
}
