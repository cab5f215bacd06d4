package dev.warden.engine.detect;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validators for credentials found by their key rather than by their format: passwords, URL
 * passwords, generic secrets and AWS secret access keys. They reject what a key is often followed
 * by in documentation and code but that is not a secret: templates and variables ({@code ${VAR}},
 * {@code {{ var }}}, {@code %(x)s}, {@code $DB_PASSWORD}), masks ({@code ****}), code ({@code
 * config.get(…)}, {@code os.environ[…]}), type names ({@code string}) and words ({@code required}).
 * The {@link Placeholders} allowlist runs in addition.
 */
final class CredentialValues {
  /** A password (6–128 characters after a password word). */
  static final Validator PASSWORD = Validator.of("password-value", CredentialValues::isPassword);

  /**
   * A password where no password word says so: {@link #PASSWORD}, and three of upper case, lower
   * case, digits and symbols, as generated and policy-made passwords have.
   */
  static final Validator MIXED_PASSWORD =
      Validator.of(
          "mixed-password",
          v -> isPassword(v) && classes(v.toString()) + (hasSymbol(v) ? 1 : 0) >= 3);

  /**
   * A passcode or PIN (4–16 letters and digits after a passcode word): not one character repeated
   * nor a run of consecutive digits ({@code 0000}, {@code 1234}, {@code 987654}), which documents
   * show as examples.
   */
  static final Validator PASSCODE = Validator.of("passcode", CredentialValues::isPasscode);

  static boolean isPasscode(CharSequence value) {
    int n = value.length();
    boolean same = true;
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < n; i++) {
      int step = value.charAt(i) - value.charAt(i - 1);
      same &= step == 0;
      up &= step == 1 && Character.isDigit(value.charAt(i));
      down &= step == -1 && Character.isDigit(value.charAt(i));
    }
    return n >= 4 && !same && !up && !down;
  }

  /** The password of URL userinfo ({@code scheme://user:password@host}). */
  static final Validator URL_PASSWORD =
      Validator.of("url-password", CredentialValues::isUrlPassword);

  /** A random-looking secret: entropy, character classes, not a UUID or an identifier. */
  static final Validator HIGH_ENTROPY =
      Validator.of("high-entropy", CredentialValues::isHighEntropySecret);

  /** 40 base64 characters with upper case, lower case and digits and high entropy. */
  static final Validator AWS_SECRET = Validator.of("aws-secret", CredentialValues::isAwsSecret);

  /** Minimum Shannon entropy, in bits per character, of a generic secret. */
  static final double MIN_ENTROPY = 3.0;

  private static final double MIN_AWS_ENTROPY = 4.0;

  /** Values that name or describe a password instead of being one. */
  private static final Set<String> WORDS =
      Set.of(
          "password",
          "passwd",
          "passphrase",
          "passwort",
          "kennwort",
          "pass",
          "pwd",
          "secret",
          "null",
          "none",
          "nil",
          "undefined",
          "true",
          "false",
          "empty",
          "required",
          "optional",
          "string",
          "hidden",
          "masked",
          "redacted",
          "changeme",
          "changeit",
          "example",
          "sample",
          "dummy",
          "xxx",
          "test",
          "guest",
          "anonymous",
          "username",
          "mypassword",
          "yourpassword",
          "secretpassword",
          "password123",
          "p@ssw0rd",
          "p@ssword",
          // Factory defaults and the most common weak passwords: named as examples, not secrets.
          "admin",
          "admin123",
          "root",
          "toor",
          "123456",
          "12345678",
          "123456789",
          "qwerty",
          "qwerty123",
          "letmein",
          "welcome",
          "welcome1",
          // the documented defaults of PostgreSQL images and MinIO
          "postgres",
          "minioadmin");

  /** Variables, templates, format specifiers and bracketed markers. */
  private static final Pattern TEMPLATE =
      Pattern.compile(
          // a variable and its members ($DB_PASS, $env:PW, $this->pw), not "$i$NdZ_vc4$Qm9MZ";
          // %(pw)s, %{pw}, %DB_PASS% and %s, not "%KJRJTQ8HYk"
          "[$][({].*|[$][A-Za-z_][A-Za-z0-9_]*(?:(?:->|::?|\\.)[A-Za-z_][A-Za-z0-9_]*)*"
              + "|%[({].*|%[A-Za-z_][A-Za-z0-9_]*%.*|%[a-z]"
              + "|[{\\[(<].*|.*[}\\]>]|:[A-Za-z_].*"
              // a SOPS-encrypted value, cut at its first comma: ENC[AES256_GCM,data:…]
              + "|ENC\\[.*"
              // a modular-crypt hash of a password ($2b$12$…, $argon2id$…, $6$…), not the password
              + "|[$](?:2[abxy]?|[156y7]|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\\d{1,3})?)[$].*");

  /** A dotted identifier or a call/index: {@code config.password}, {@code getenv(}, {@code a[}. */
  private static final Pattern CODE =
      Pattern.compile(
          "[A-Za-z_][A-Za-z0-9_]{0,64}(?:\\.[A-Za-z_][A-Za-z0-9_]{0,64}){1,8}(?:[(\\[].*)?"
              + "|[A-Za-z_][A-Za-z0-9_]{0,64}[(\\[].*");

  /**
   * A constant's name in code ({@code password=DB_PASSWORD}, {@code pass: SMTP_PASS}): upper-case
   * words joined by underscores that name a credential, no digit. The value is elsewhere; an
   * all-caps passphrase ({@code CORRECT_HORSE_BATTERY_STAPLE}) is not such a name.
   */
  private static final Pattern CONSTANT =
      Pattern.compile("[A-Z_]*(?:PASS|PASSWORD|PASSWD|PWD|PW|SECRET|KEY|TOKEN)(?:_[A-Z]+)*");

  /**
   * A variable's or a resource's name that names a credential, in snake or camel case and without a
   * digit: {@code random_password} (a Terraform resource type), {@code password_hash}, {@code
   * authToken}, {@code dbPassword}. The value is elsewhere.
   */
  private static final Pattern CREDENTIAL_IDENTIFIER =
      Pattern.compile("[a-z]+(?:[A-Z][a-z]+)*(?:Password|Passwd|Secret|Token|Key)(?:[A-Z][a-z]+)*");

  /**
   * Hash and key-derivation algorithm names ({@code password hashed with argon2id}) and password
   * managers ({@code the password is in 1Password}): where the password is, not what it is.
   */
  private static final Pattern ALGORITHM =
      Pattern.compile(
          "(?i)argon2(?:id|i|d)?|bcrypt|scrypt|yescrypt|pbkdf2(?:[-_]sha-?\\d{1,3})?"
              + "|sha-?(?:1|224|256|384|512)|md5|sha3-?(?:256|512)"
              + "|1password|bitwarden|lastpass|keepass(?:xc)?|dashlane|keeper");

  /**
   * Three digits in a row: {@code Sommer4721.river} is a password with a dot in it, not a field
   * access — identifiers rarely carry a number that long ({@code s3.bucket}, {@code v2.key} do
   * not).
   */
  private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{3}");

  /**
   * A word and a two-digit number, the way people build passwords ({@code Winter64.som}, {@code
   * otter16.orbi}) first: kept as a password although dotted ({@code self.pass01} is code). Class
   * names with digits ({@code Base64.decode}, {@code Vector3.zero}) are not such words.
   */
  private static final Pattern WORD_AND_YEAR =
      Pattern.compile(
          "^(?!(?i:base|int|uint|float|utf|sha|crc|http|ipv|win|md|x|arm)[0-9])"
              + "[A-Za-z][a-z]{2,}[0-9]{2}(?:\\.|$)");

  /**
   * A call or index, dotted or not: {@code os.environ[…]}, {@code getenv(…)}. Inside URL userinfo
   * this is the only code form: a literal URL interpolates with {@code ${…}}, {@code {…}} or {@code
   * %s} (see {@link #TEMPLATE}), so {@code river6333.ott} there is a password, not a field access.
   */
  private static final Pattern CALL =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,64}(?:\\.[A-Za-z_][A-Za-z0-9_]{0,64}){0,8}[(\\[].*");

  /**
   * A YAML tag standing where the value would be: {@code password: !vault |} (Ansible Vault),
   * {@code password: !secret wifi_pw} (Home Assistant), {@code !Ref DbPassword} (CloudFormation).
   * The value is elsewhere; the tag is a bang and one word without digits.
   */
  private static final Pattern YAML_TAG = Pattern.compile("![A-Za-z][A-Za-z_]*");

  /** A word: letters only, at most an initial capital, or all capitals ({@code Required}). */
  private static final Pattern WORD = Pattern.compile("[A-Za-z][a-z]*|[A-Z]+");

  /** A PowerShell cmdlet ({@code ConvertTo-SecureString}, {@code Get-Secret}): a verb, a noun. */
  private static final Pattern CMDLET =
      Pattern.compile("[A-Z][a-z]{1,11}(?:To|From)?-[A-Z][A-Za-z]{1,40}");

  /** Paths: {@code /etc/…}, {@code ~/…}, {@code ./…}. */
  private static final Pattern PATH = Pattern.compile("(?:/|~/|\\./|\\.\\./).*");

  /** Mask characters: a value made only of these is a mask ({@code ****}, {@code xxxxxx}). */
  private static final String MASK = "*•●xX#.-_?";

  private CredentialValues() {}

  static boolean isPassword(CharSequence value) {
    String v = value.toString();
    return isLiteralValue(v)
        && !(CODE.matcher(v).matches() && !DIGIT_RUN.matcher(v).find() && !wordAndYear(v))
        && !CONSTANT.matcher(v).matches()
        && !CREDENTIAL_IDENTIFIER.matcher(v).matches()
        && !ALGORITHM.matcher(v).matches()
        && !WORD.matcher(v).matches()
        && !PATH.matcher(v).matches()
        && !isDescription(v);
  }

  /**
   * Words that make a value of several words a label, a hint or a message about a password rather
   * than a passphrase: {@code Enter your password}, {@code Password must be at least 8 characters},
   * {@code The password you entered is incorrect}.
   */
  private static final Set<String> DESCRIPTION_WORDS =
      Set.of(
          "password",
          "passwords",
          "passwort",
          "kennwort",
          "passphrase",
          "enter",
          "your",
          "here",
          "required",
          "must",
          "least",
          "characters",
          "invalid",
          "incorrect",
          "please",
          "field",
          "forgot");

  private static final Pattern SPACES = Pattern.compile("[ \\t]+");

  /** A value of several words, one of which is a {@link #DESCRIPTION_WORDS description word}. */
  private static boolean isDescription(String v) {
    if (v.indexOf(' ') < 0 && v.indexOf('\t') < 0) {
      return false;
    }
    for (String word : SPACES.split(v.strip())) {
      String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
      if (DESCRIPTION_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean wordAndYear(String v) {
    return v.indexOf('(') < 0 && v.indexOf('[') < 0 && WORD_AND_YEAR.matcher(v).find();
  }

  static boolean isUrlPassword(CharSequence value) {
    String v = value.toString();
    return isLiteralValue(v) && !CALL.matcher(v).matches();
  }

  /** Not empty, a mask, a placeholder word, a template or a YAML tag. */
  private static boolean isLiteralValue(String v) {
    if (v.isEmpty() || isMask(v) || WORDS.contains(v.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return !TEMPLATE.matcher(v).matches() && !YAML_TAG.matcher(v).matches();
  }

  static boolean isHighEntropySecret(CharSequence value) {
    String v = value.toString();
    return v.length() >= 16
        && classes(v) >= 2
        && entropy(v) >= MIN_ENTROPY
        && !TextValidators.isUuid(v)
        && !CODE.matcher(v).matches()
        && !CMDLET.matcher(v).matches()
        && !(PATH.matcher(v).matches() && !isRandomBase64(v));
  }

  /**
   * Long standard base64 that happens to start with {@code /} (a LINE channel token, a key): all
   * three character classes and an entropy no file path reaches (a path is words).
   */
  private static boolean isRandomBase64(String v) {
    return v.length() >= 40 && classes(v) == 3 && entropy(v) >= 4.8;
  }

  static boolean isAwsSecret(CharSequence value) {
    String v = value.toString();
    return v.length() == 40 && classes(v) == 3 && entropy(v) >= MIN_AWS_ENTROPY;
  }

  private static boolean isMask(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (MASK.indexOf(v.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** How many of upper case, lower case and digits occur. */
  static int classes(String v) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
    }
    return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
  }

  private static boolean hasSymbol(CharSequence v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c)) {
        return true;
      }
    }
    return false;
  }

  /** Shannon entropy of the characters of {@code v}, in bits per character. */
  static double entropy(String v) {
    if (v.isEmpty()) {
      return 0;
    }
    java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
    for (int i = 0; i < v.length(); i++) {
      counts.merge(v.charAt(i), 1, Integer::sum);
    }
    double bits = 0;
    for (int n : counts.values()) {
      double p = (double) n / v.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }
}
