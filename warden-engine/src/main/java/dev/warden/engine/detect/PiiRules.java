package dev.warden.engine.detect;

import java.util.List;
import java.util.stream.Stream;

/** Built-in rules for personal data: e-mail addresses, payment cards, phone numbers. */
final class PiiRules {
  private PiiRules() {}

  static List<Rule> all() {
    return List.of(
        email(),
        emailObfuscated(),
        emailSpelledOut(),
        card(),
        phoneInternational(),
        phoneInternationalDialled(),
        phoneEpp(),
        phoneNanp(),
        phoneNanpBare(),
        phoneNationalWorded(),
        phoneKorea(),
        phoneKoreaRepresentative(),
        phoneUk(),
        phoneGermany(),
        phoneGermanyGrouped(),
        phoneJapan());
  }

  // Letters, marks and digits of space-separated scripts (Latin with diacritics, Cyrillic, Greek,
  // …), and of CJK scripts. RFC 6531 allows both in the local part and IDNA in the domain. A local
  // part or a domain label stays within one of the two groups, because Japanese text has no spaces
  // and Korean glues particles on ("hong@company.kr입니다", "宛先はjane@acme.jp"): a change of
  // group ends the address. Digits belong to both.
  // ASCII letters and digits first: a class is a chain of predicates, and most text is ASCII.
  private static final String WORD_CHARS =
      "[a-zA-Z0-9[\\p{L}\\p{M}\\p{Nd}&&[^" + Boundaries.CJK + "]]]";
  private static final String CJK_CHARS = "[" + Boundaries.CJK + "\\p{M}\\p{Nd}]";
  private static final String LOCAL_PUNCT = "._%+\\-";

  private static final String LOCAL =
      "(?:"
          + Boundaries.startNotAfter("[\\\\" + LOCAL_PUNCT + WORD_CHARS + "]")
          + "["
          + LOCAL_PUNCT
          + WORD_CHARS
          + "]{1,64}+"
          + "|(?<![\\\\"
          + LOCAL_PUNCT
          + CJK_CHARS
          + "])"
          + "["
          + LOCAL_PUNCT
          + CJK_CHARS
          + "]{1,64}+)";

  private static final String LABEL =
      "(?:[\\-" + WORD_CHARS + "]{1,63}+|[\\-" + CJK_CHARS + "]{1,63}+)";

  /** Longest URL user name, and longest password, read before an "@" as userinfo. */
  private static final int MAX_USERINFO_PART = 330;

  /**
   * URL userinfo ("https://user:pass@host", "https://key@o1.ingest.sentry.io/1", "ssh://git@host")
   * is a credential or a login, not a mailbox: an "@" preceded by "//" and userinfo characters only
   * does not start a domain. A '#' counts as userinfo: people put it in passwords unescaped; so
   * does a ',' after the ':' of a password, but not in a user name
   * ("https://host.example,admin@corp.com" is a CSV row's URL cell, then its e-mail cell), nor a
   * port before one ("…:8080,admin@…").
   *
   * <p>Read from the "@" backwards in code, not as a lookbehind: Java tries a bounded lookbehind at
   * every length, ≈ 660 steps at every "@" whether or not a "//" is near (1 MiB of "@a." took 3 s).
   */
  static boolean isUrlUserinfo(String text, int start, int end) {
    int at = text.indexOf('@', start);
    if (at < 0 || at >= end) {
      return false;
    }
    int k = at;
    while (k > 0 && at - k <= 2 * MAX_USERINFO_PART + 1 && isUserinfoChar(text.charAt(k - 1))) {
      k--;
    }
    if (k < 2 || k == at || text.charAt(k - 1) != '/' || text.charAt(k - 2) != '/') {
      return false;
    }
    int comma = firstIn(text, ',', k, at);
    int colon = firstIn(text, ':', k, at);
    boolean userOnly = comma < 0 && at - k <= MAX_USERINFO_PART; // may hold a ':' too
    boolean userAndPassword =
        colon >= 0
            && (comma < 0 || comma > colon)
            && colon - k <= MAX_USERINFO_PART
            && at - colon - 1 <= MAX_USERINFO_PART
            && !portBeforeComma(text, colon + 1, at);
    return userOnly || userAndPassword;
  }

  /** The first {@code c} in {@code text[from, to)}, or -1. */
  private static int firstIn(String text, char c, int from, int to) {
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == c) {
        return k;
      }
    }
    return -1;
  }

  private static boolean isUserinfoChar(char c) {
    return !Character.isWhitespace(c) && c != '/' && c != '?' && c != '@';
  }

  /** Whether {@code text[from, to)} starts with 1–5 digits and a comma (a port, then a cell). */
  private static boolean portBeforeComma(String text, int from, int to) {
    int k = from;
    while (k < to && k - from < 5 && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
      k++;
    }
    return k > from && k < to && text.charAt(k) == ',';
  }

  // Local part, "@", then 2–9 labels. Every repeated piece is possessive and the label group is
  // bounded, so a hostile "a.a.a.a…" cannot make the matcher backtrack or recurse deeply. The
  // trailing lookaheads refuse a prefix of a longer domain (a further label, or a label character
  // of the same group) and "git@host:path" remotes.
  private static final String EMAIL =
      LOCAL
          + "@"
          + LABEL
          + "(?:\\."
          + LABEL
          + "){1,8}+"
          // A domain followed by "(" is a method call on an operand: q@k.transpose(-2, -1). A
          // colon and a path is a git or scp remote (git@github.com:org/repo, host:~/dir), a colon
          // and a port a URL's authority (…@db.shop.intern:3306\/shop); a colon and a token is
          // "curl -u user@corp.com:<api token>", whose user is an address.
          + "(?!-|\\.[\\-\\p{L}\\p{M}\\p{Nd}]|:(?:[\\w.~-]{0,64}+\\\\?/|~|\\d{1,5}(?![\\w.-]))|\\()"
          + "(?!(?<="
          + WORD_CHARS
          + ")"
          + WORD_CHARS
          + ")(?!(?<="
          + CJK_CHARS
          + ")"
          + CJK_CHARS
          + ")";

  private static final ContextWords EMAIL_CONTEXT =
      ContextWords.of(
          List.of(
              "email",
              "emails",
              "e-mail",
              "mail",
              "mailto",
              "contact",
              "kontakt*",
              "이메일",
              "메일",
              "연락처",
              "メール",
              "連絡先"),
          // A mail's Message-ID is an id, not an address (<CAF3x…@mail.gmail.com>); so is a MIME
          // part's Content-ID (<logo.c80d…@mailer.local>). Not "cid": logs name client and
          // correlation ids so ("cid=42 login ok user=jane@…").
          List.of(
              "message-id",
              "message_id",
              "messageid",
              "msg-id",
              "msgid",
              "in-reply-to",
              "content-id"));

  /**
   * A superset of the characters of {@link #LOCAL}'s two alternatives (letters, marks and digits of
   * any script, the local-part punctuation), for {@link Rule#runBeforeKeyword()}. Surrogates count,
   * so letters outside the BMP never cut a run short.
   */
  static boolean mayBeInLocalPart(int c) {
    if (Character.isLetterOrDigit(c) || Character.isSurrogate((char) c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || "._%+-".indexOf(c) >= 0;
  }

  static Rule email() {
    return Rule.builder("email")
        .type("email")
        .keywords("@")
        // Local part up to 64 before the "@"; 2–9 labels of up to 63 after it.
        .reach(64, 9 * 64)
        .pattern(EMAIL)
        .runBeforeKeyword(PiiRules::mayBeInLocalPart)
        .refusal(PiiRules::isUrlUserinfo)
        .validator(TextValidators.EMAIL)
        .confidence(0.9)
        .context(EMAIL_CONTEXT)
        .truePositives(
            "Contact: «jane.doe@example.org», phone +1 415-555-0172.",
            "연락처: «kim.minsu@company.co.kr» 로 보내주세요",
            "{\\\"email\\\":\\\"«ops+alerts@warden.dev»\\\"}",
            "E-Mail-Adresse: «max.mustermann@beispiel.de».",
            "Bitte an «jürgen.klein@firma.de» schreiben",
            "Bestellungen an «info@bücher.de»",
            "kontakt «kontakt@xn--e1afmkfd.xn--p1ai»",
            "お問い合わせ: «山田太郎@例え.jp»まで",
            "Microsoft 365,https://admin.microsoft.com,«admin@contoso.onmicrosoft.com»,global",
            "Grafana,https://grafana.corp:3000,«admin@corp-mail.com»,viewer",
            "curl -s -u «devops@daon-shop.co.kr»:ATATT3xFfGF08z5erdjtcHtetfihvQ https://x",
            "문의 «문의@회사.한국» 로",
            "담당자 «hong@company.kr»입니다",
            "担当は«jane@acme.jp»です")
        .falsePositives(
            "PIP_EXTRA_INDEX_URL=https://deploy:pk*AC*_2#ZG#nm@nexus.example.org/simple",
            "scores = q@k.transpose(-2, -1) / math.sqrt(d_k)",
            "retina asset icon@2x.png",
            "npm install left-pad@1.3.0",
            "git clone git@github.com:warden/warden.git",
            "ping user@localhost",
            "broken a..b@example.com",
            "thanks @warden-bot",
            "git remote https://x-access-token:s3cretvalue@github.com/acme/infra.git",
            "SENTRY_DSN=https://0123abcd0123abcd@o1.ingest.sentry.io/1",
            "clone ssh://git@github.com/acme/infra.git",
            "postfix/cleanup: message-id=<CAF3x9kQArk4xfY2GTZamig86H8e@mail.gmail.com>",
            "[spam] score=1.2 msgid=<20251118091302.4F1A6699@mail.example-logis.co.kr>",
            "Content-ID: <logo.c80d0cdf@mailer.example.net>",
            "rspamd_task_write_log: id: <a435b092-99f0-44c6-af61-aad1fb6a3ee6@mail.example.de>",
            "scp build.tgz deploy@build.example.com:~/releases")
        .build();
  }

  // Obfuscated and full-width addresses: "jane [at] example [dot] com", "jane(at)example.com",
  // "jane {at} example dot com", "jane[@]example.com", "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ". The at must be
  // bracketed (or a full-width ＠): a plain " at " is ordinary prose. A spelled-out " dot " is
  // accepted only after such an at. A bracketed dot may also be spelled in German ([punkt]), French
  // ([point]), Spanish or Italian ([punto]), Japanese ([ドット]) or Korean ([닷], [점]). ASCII and
  // full-width letters only; the validator folds the value back to a plain address and checks its
  // syntax.
  private static final String OB_CHARS = "A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A";
  private static final String OB_OPEN = "[\\[({<]";
  private static final String OB_CLOSE = "[\\])}>]";
  private static final String OB_AT =
      "(?:\\s{0,2}+"
          + OB_OPEN
          + " ?(?:[aA][tT]|@|\uFF20) ?"
          + OB_CLOSE
          + "\\s{0,2}+|\\s?\uFF20\\s?|\\s{0,2}+(?:\uACE8\uBC45\uC774|\u30A2\u30C3\u30C8\u30DE\u30FC\u30AF)\\s{0,2}+)";
  private static final String OB_DOT =
      "(?:\\s{0,2}+"
          + OB_OPEN
          + " ?(?:[dD][oO][tT]|[pP][uU][nN][kK][tT]|[pP][oO][iI][nN][tT]|[pP][uU][nN][tT][oO]"
          + "|[.\uFF0E]|\u30C9\u30C3\u30C8|\uB2F7|\uC810) ?"
          + OB_CLOSE
          + "\\s{0,2}+|[.\uFF0E]| [dD][oO][tT] )";
  private static final String EMAIL_OBFUSCATED =
      Boundaries.startNotAfter("[" + OB_CHARS + "._%+\\-\uFF0E\uFF3F\uFF0D\uFF0B]")
          + "["
          + OB_CHARS
          + "._%+\\-\uFF0E\uFF3F\uFF0D\uFF0B]{1,64}+"
          + OB_AT
          + "["
          + OB_CHARS
          + "\\-\uFF0D]{1,63}+(?:"
          + OB_DOT
          + "["
          + OB_CHARS
          + "\\-\uFF0D]{1,63}+){1,8}+"
          + "(?![\\w\\-"
          + OB_CHARS
          + "]|[.\uFF0E]["
          + OB_CHARS
          + "])";

  static Rule emailObfuscated() {
    return Rule.builder("email-obfuscated")
        .type("email")
        .keywords(
            "[at]",
            "(at)",
            "{at}",
            "<at>",
            "[ at ]",
            "( at )",
            "[@]",
            "(@)",
            "\uFF20",
            "\uACE8\uBC45\uC774", // 골뱅이, what Koreans call the @
            "\u30A2\u30C3\u30C8\u30DE\u30FC\u30AF") // アットマーク
        // Local part (64) and up to two spaces before the keyword; 9 labels with their dots after.
        .reach(66, 9 * 72)
        .startsAfterNone(NetworkRules.WORD_NOT_NRT + "._%+-")
        .pattern(EMAIL_OBFUSCATED)
        .validator(EmailForms.OBFUSCATED)
        .confidence(0.9)
        .context(EMAIL_CONTEXT)
        .truePositives(
            "write to «jane.doe [at] example [dot] com» for access",
            "Kontakt: «max.mustermann(at)beispiel.de»",
            "mail «kim {at} company dot co dot kr» please",
            "E-Mail «info [@] firma.de»",
            "全角で«ｓｕｐｐｏｒｔ＠ｅｘａｍｐｌｅ．ｃｏｍ»に送ってください",
            "reply to «ops＠warden.dev»",
            "«J.Smith (AT) Example (DOT) ORG»",
            "Schreib an «max.mustermann [at] beispiel-gmbh [punkt] de»",
            "contact «marie.dupont (at) exemple (point) fr»",
            "メール «tanaka[at]example[ドット]co[ドット]jp» まで",
            "메일 «kim(at)company[닷]kr» 로",
            "메일 «jiwoo_han 골뱅이 kakao.com» 으로 보내줘",
            "アドレスは«sato.k アットマーク example.co.jp»です")
        .falsePositives(
            "meet me at the station at noon",
            "jane at example dot com",
            "look [at] this",
            "price (at) 5.99 each",
            "file [at] report.png",
            "Beispiel: vorname.nachname(at)firma(dot)de",
            "Treffpunkt [at] Bahnhof [punkt] 12 Uhr",
            "score (at) 3 [point] 5",
            "골뱅이 무침이랑 맥주 한잔 하자",
            "メールアドレスのアットマークを全角で書かないでください")
        .build();
  }

  private static final String SPELLED_TLDS =
      "com|net|org|edu|gov|io|co|uk|us|de|at|ch|fr|es|it|nl|jp|kr|cn|in|au|ca|info|biz|dev|ai|me";

  // An address spelled out with plain words, as people write it to dodge scrapers: "tom dot becker
  // at gmail dot com", "jane at example dot co dot uk". A plain " at " is ordinary prose, so the
  // domain must end in " dot " and a top-level domain, and its first label must not be an article
  // or pronoun ("worked at a dot com startup", "at the dot com boom"), nor the word before " at "
  // one that takes a place ("find us at example dot com" names a website).
  private static final String EMAIL_SPELLED =
      Boundaries.startNotAfter("[A-Za-z0-9._%+-]")
          + "(?!(?i:us|me|you|him|her|them|it|out|in|on|up|back|here|there|look|find|visit|online"
          + "|available|reach|contact|email|mail|write) at )"
          + "[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}+(?: (?i:dot) [A-Za-z0-9_%+-]{1,64}+){0,4}+"
          + " (?i:at) "
          + "(?!(?i:a|an|the|this|that|my|our|your|their|his|her|its|one|some|any) )"
          + "[A-Za-z0-9][A-Za-z0-9-]{0,62}+(?: (?i:dot) [A-Za-z0-9][A-Za-z0-9-]{0,62}+){0,3}"
          + " (?i:dot) (?i:"
          + SPELLED_TLDS
          + ")(?![A-Za-z0-9])";

  static Rule emailSpelledOut() {
    return Rule.builder("email-spelled-out")
        .type("email")
        .keywords(" dot ")
        // Local part (64, four spelled dots), " at ", up to five labels and their " dot "s.
        .reach(64 + 4 * 70 + 4, 5 * 69 + 10)
        .pattern(EMAIL_SPELLED)
        .validator(EmailForms.OBFUSCATED)
        .confidence(0.8)
        .context(EMAIL_CONTEXT)
        .truePositives(
            "reach out at «tom dot becker at gmail dot com» if you need to",
            "my address is «jane at example dot co dot uk»",
            "mail «s.kim99 at hanmail dot net» please",
            "Schreib mir: «anna dot schulz at posteo dot de»")
        .falsePositives(
            "I worked at a dot com startup",
            "back at the dot com boom",
            "meet me at the station at noon",
            "look at this dot com address",
            "rates at 5 dot 5 percent",
            "find us at acme dot com or visit us at acme dot de",
            "Beispiel: vorname dot nachname at firma dot de")
        .build();
  }

  // Groupings a card is written in: 4-4-4-4(-3), 4-6-5 (Amex), 4-6-4 (Diners), or unbroken.
  // One separator kind per number (backreference). The number must not continue into a larger
  // one: no digit or word character on either side, no further 4-digit group in the same style.
  // Not followed by a fraction ("4111111111111111.5" is a decimal), but a whole number written as
  // a float ("4111111111111111.0", how Python prints a float) is the number itself.
  // After "+" only 16 digits or more, or a grouped form: "+4915112345678" is an international
  // phone number whatever Luhn says (E.164 allows at most 15 digits), while "+4111 1111 1111 1111"
  // is still a card written to look like one.
  private static final String CARD =
      Boundaries.startNotAfter("[\\w.]|\\d[ -]")
          + "(?:(?<!\\+)|(?=\\d{16}|\\d{4}[ -]\\d))"
          + "(?:\\d{4}([ .-])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?"
          + "|\\d{4}([ -])\\d{6}\\2\\d{4,5}|\\d{13,19}+)"
          + "(?!\\w|-\\d|\\.(?!0++(?![\\w.]))\\d|\\1\\d{4}|\\2\\d{4})";

  private static final List<String> CARD_WORDS =
      List.of(
          "card",
          "cards",
          "cardholder",
          "credit",
          "debit",
          "visa",
          "mastercard",
          "amex",
          "american express",
          "discover",
          "jcb",
          "diners",
          "unionpay",
          "payment",
          "pan",
          "cc",
          "카드",
          "카드번호",
          "신용카드",
          "결제",
          "karte*",
          "kreditkarte*",
          "kredit*",
          "zahlung*",
          "クレジットカード",
          "カード",
          "カード番号",
          "決済");

  // Numbers that pass Luhn but name something else: orders, invoices, shipments, devices, and
  // anything called an id ("refund_id=…", "transaction ID …": an identifier, not a card number).
  // German compounds (Bestellnummer, Rechnungsnummer) are matched by their first part, declared
  // as stems; Japanese and Korean words match anywhere.
  private static final List<String> NOT_CARD_WORDS =
      List.of(
          "order",
          "orders",
          "invoice",
          "imei",
          "tracking",
          "track",
          "shipment",
          "awb",
          "serial",
          "reference",
          "ref",
          "account",
          "acct",
          "id",
          "ids",
          "주문",
          "주문번호",
          "송장",
          "송장번호",
          "운송장",
          "일련번호",
          "계좌",
          "계좌번호",
          "청구서",
          "인보이스",
          "배송",
          "bestell*",
          "rechnung*",
          "sendung*",
          "auftrag*",
          "konto*",
          "kundennummer",
          "seriennummer",
          "注文",
          "注文番号",
          "請求書",
          "請求書番号",
          "追跡番号",
          "伝票番号",
          "口座",
          "口座番号",
          "製造番号",
          "シリアル",
          "問い合わせ番号");

  static Rule card() {
    return Rule.builder("credit-card")
        .type("card")
        .minDigits(13)
        .startShape(StartShape.digitsThen(4, 4, " .-").or(StartShape.digits(13, 19)))
        .pattern(CARD)
        .startsAfterNone(Boundaries.ASCII_WORD + ".")
        .validator(CardValidator.INSTANCE)
        .confidence(0.8)
        .context(ContextWords.of(CARD_WORDS, NOT_CARD_WORDS))
        .truePositives(
            "Card: «4111 1111 1111 1111» exp 12/27",
            "{\\\"card_number\\\":\\\"«5500-0000-0000-0004»\\\"}",
            "Amex «3782 822463 10005» on file",
            "Mastercard 2-series «2223003122003222»",
            "Diners «30569309025904» on file",
            "Discover «6011111111111117»",
            "JCB «3530111333300000»",
            "카드번호 «4242-4242-4242-4242» 입니다",
            "Kreditkarte: «4242 4242 4242 4242», gültig bis 12/27",
            "UnionPay «6200000000000005»",
            "Refund issued to «4539148803436467»",
            "VISAカード «4111111111111111»",
            "{\"card\": \"«4111111111111111».0\"} (a float printed by a tool)",
            "クレジットカード番号 «4242 4242 4242 4242»",
            "Visa test number «4222222222222»",
            "pay +«4111 1111 1111 1111» now",
            "card «4111.1111.1111.1111» (dots)")
        .falsePositives(
            "Order number 4111 1111 1111 1111 has shipped",
            "masked **** **** **** 4242",
            "Luhn fails: 4111 1111 1111 1112",
            "mixed separators 4111-1111 1111-1111",
            "IMEI 490154203237518",
            "tracking 4111111111111111",
            "Rechnung 4242424242424242 bezahlt",
            "digits 41111111111111111111111 are one number",
            "serial 1234 4111 1111 1111 1111",
            "Bestellnummer 4242424242424242 ist unterwegs",
            "Ihre Rechnungsnummer: 4111111111111111",
            "Auftragsnummer 4111 1111 1111 1111",
            "注文番号 4111111111111111 を確認",
            "請求書番号: 4242424242424242",
            "송장번호 4242-4242-4242-4242",
            "ref 4111111111111111",
            "event=chargeback chargeback_id=4539148803436467 status=ok",
            "Ref: 4111 1111 1111 1111",
            "card ending **** 4242",
            "card 4242 **** **** 4242",
            "Kontonummer 4111111111111111",
            "계좌번호 4242-4242-4242-4242",
            "口座番号 4111111111111111",
            "IMEI: 4111 1111 1111 1111",
            "4901234567894\tボールペン 黒\t¥120",
            "TWILIO_FROM=+4915112345678",
            "account number 4539148803436467",
            "card total 4111111111111111.05 after rounding",
            "card build 4111111111111111.0.3",
            "version 4111.1111.1111.1112",
            "mixed 4111.1111 1111.1111")
        .build();
  }

  // "+" country code, then 2–7 digit groups with at most one separator and optional
  // parentheses each. Bounded and possessive: a long digit run is grouped once, never re-split.
  /**
   * One group of an international number after its country code's first digit, with the separator
   * before it. A bracket holds a whole group ("(0)", "(415)"): a ")" that closes the sentence's own
   * bracket after the number is not the number's.
   */
  private static final String INTERNATIONAL_GROUP =
      "(?:(?:[ ]?/[ ]?|[ .-])?+(?:\\(\\d{1,4}+(?: \\d{1,4}+)?\\)|\\d{1,4}+))";

  private static final String E164 =
      Boundaries.startNotAfter("[\\w+]")
          + "\\+[1-9]"
          + INTERNATIONAL_GROUP
          + "{2,7}+(?![\\w]|[-.]\\d)";

  // "tel" also covers "Tel.", "TEL:"; German compounds (Telefonnummer, Handynummer,
  // Mobilnummer) by declared stems.
  private static final List<String> PHONE_WORDS =
      List.of(
          "phone",
          "phones",
          "telephone",
          "tel",
          "call",
          "mobile",
          "cell",
          "fax",
          "contact",
          "kontakt*",
          "whatsapp",
          "sms",
          "전화",
          "전화번호",
          "폰", // 휴대폰, 핸드폰, and alone: "폰은 010-…"
          "연락처",
          "電話",
          "電話番号",
          "携帯",
          "連絡先",
          "折返し",
          "折り返し",
          "telefon*",
          "handy*",
          "mobil*",
          "rufnummer",
          "durchwahl",
          "rückruf*",
          "anruf*",
          "erreichbar",
          "téléphone",
          "tél",
          "cellulaire",
          "cellulare",
          "teléfono",
          "móvil",
          "movil",
          "celular",
          "mobiel",
          "telefoon",
          "joignable",
          "recapito",
          "gsm");
  // Names of other numbers. Order words are specific ("order number", not "order"): "call us
  // about your order: 030 …" is a phone number, and the nearest word decides.
  private static final List<String> NOT_PHONE_WORDS =
      List.of(
          "isbn",
          "version",
          "ver",
          "serial",
          "build",
          "order number",
          "order no",
          "order #",
          "order id",
          "invoice number",
          "invoice no",
          "tracking number",
          "control number",
          "case number",
          "claim number",
          "policy number",
          "reference number",
          "bestellnummer",
          "aktenzeichen",
          "vertragsnummer",
          "auftragsnummer",
          "rechnungsnummer",
          "kundennummer",
          "sendungsnummer",
          "버전",
          "일련번호",
          "주문번호",
          "송장번호",
          "バージョン",
          "シリアル",
          "注文番号",
          "伝票番号",
          "seriennummer",
          // a national id's name: a My Number written 4-4-4 has a German phone number's shape
          "個人番号",
          "マイナンバー",
          "my_number",
          "mynumber",
          "주민등록번호",
          "주민번호",
          "identifikationsnummer",
          "steuer-id",
          // an identifier's key: a Telegram chat id or a LINE channel id has ten digits too
          "channel_id",
          "chat_id",
          "client_id",
          "app_id",
          "user_id",
          "account_id",
          "project_id",
          "tenant_id",
          "group_id");

  static Rule phoneInternational() {
    return Rule.builder("phone-e164")
        .type("phone")
        .minDigits(8)
        .pattern(E164)
        .digitRegionNeeds("+")
        .startsAfterNone(Boundaries.ASCII_WORD + "+")
        .validator(PhoneValidators.E164)
        .confidence(0.8)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "Contact: jane.doe@example.org, phone «+1 415-555-0172».",
            "Call «+82 10-1234-5678» tomorrow",
            "서울 사무실 «+82-2-312-3456» 으로 연락",
            "Telefon «+49 30 901820», Durchwahl 12",
            "UK office «+44 (0)20 7946 0958»",
            "Kunde (WhatsApp, «+49 157 3829 1046»): Hallo",
            "{\\\"phone\\\":\\\"«+14155550172»\\\"}",
            "Sehr verehrte Kundin, Ihre Nummer «+49 30 901822»",
            "Vertrieb: «+49 30 901822»",
            "Building B reception: «+1 415-555-0161»",
            "電話番号は«+81 3-1234-5678»です")
        .falsePositives(
            "temperature +2.5 degrees",
            "offset +0900 from UTC",
            "score 3+14155550172",
            "+1 123-555-0172 has an invalid area code",
            "+1234567890123456789 is too long",
            "+49 000 0000 filler",
            "gps fix lat=+48.858370",
            "build +49 30 901822",
            "ver. +49 30 901822")
        .build();
  }

  // An international number dialled with 00 instead of "+" ("0044 7946 221830", "0049 (0)40 3287
  // 1150"), as Europeans write it. Any digit run may start with 00, so a phone word must say it;
  // the digits after the 00 pass the E.164 checks.
  private static final String DIALLED_00 =
      Boundaries.startNotAfter("[\\w+.]")
          + "00[1-9]\\d{0,2}+"
          + INTERNATIONAL_GROUP
          + "{2,6}+(?![\\w]|[-.]\\d)";

  static Rule phoneInternationalDialled() {
    return Rule.builder("phone-e164-dialled")
        .type("phone")
        .minDigits(9)
        .startShape(StartShape.digitsThen(3, 29, " .-/(").or(StartShape.digits(9, 29)))
        .pattern(DIALLED_00)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.")
        .validator(
            Validator.of(
                "e164-dialled",
                v -> PhoneValidators.isInternational("+" + v.subSequence(2, v.length()))))
        .confidence(0.8)
        .context(new ContextWords(PHONE_WORDS, NOT_PHONE_WORDS, true))
        .truePositives(
            "Tel. «0044 7946 221830» (UK office)",
            "Telefon: «0049 (0)40 3287 1150»",
            "mobil unter «0043 664 2381094» erreichbar")
        .falsePositives(
            "Rechnung 0044 7946 221830 vom Mai", "Telefon 0000 1234 5678", "phone 0049 12")
        .build();
  }

  // The EPP / WHOIS form "+1.4155550172" (RFC 5733): country code, one dot, the national number.
  // The same shape is a signed decimal ("lat=+48.858370"), so it counts only next to a phone word
  // ("Registrant Phone: +1.4155550172").
  private static final String EPP =
      Boundaries.startNotAfter("[\\w+.]") + "\\+[1-9]\\d{0,2}\\.\\d{4,14}+(?![\\w]|[-.,]\\d)";

  static Rule phoneEpp() {
    return Rule.builder("phone-epp")
        .type("phone")
        .minDigits(8)
        .pattern(EPP)
        .digitRegionNeeds("+")
        .startsAfterNone(Boundaries.ASCII_WORD + "+.")
        .validator(PhoneValidators.EPP)
        .confidence(0.8)
        .context(new ContextWords(PHONE_WORDS, NOT_PHONE_WORDS, true))
        .truePositives(
            "Registrant Phone: «+1.4155550172»", "Tech Fax: «+49.30901820»", "전화 «+82.1012345678»")
        .falsePositives(
            "gps fix lat=+48.858370 lon=+2.294481",
            "delta +12.3456789 since yesterday",
            "Registrant Phone: +1.1235550172",
            "Phone: +49.0000000000")
        .build();
  }

  // US/Canada national: (415) 555-0172, 415-555-0172, 415.555.0172, 1-800-555-0199. One
  // separator kind between the exchange groups; no digit or dot-digit on either side, so dates,
  // versions and IP addresses do not fit.
  private static final String NANP =
      Boundaries.startNotAfter("[\\w+.()-]")
          + "(?:1[ .-]?)?(?:\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}|\\d{3}([-. ])\\d{3}\\1\\d{4})"
          + "(?![\\w]|[-.]\\d)";

  static Rule phoneNanp() {
    return Rule.builder("phone-nanp")
        .type("phone")
        .minDigits(10)
        .startShape(
            StartShape.digitsThen(0, 0, "(")
                .or(StartShape.digitsThen(1, 1, " .-("))
                .or(StartShape.digitsThen(3, 4, "-. ")))
        .pattern(NANP)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.()-")
        .validator(PhoneValidators.NANP)
        .confidence(0.7)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "Call me at «(415) 555-0172» after 5",
            "support line «1-800-555-0199»",
            "tel: «415.555.0172»",
            "Rufnummer in den USA: «212-555-0123»")
        .falsePositives(
            "date 2024-01-15 and 15.03.2024",
            "version 10.415.555.0172",
            "IP 192.168.100.200",
            "area code 123-555-0172 is not assigned",
            "exchange 415-155-0172 starts with 1",
            "part number 9415-555-01723")
        .build();
  }

  private static final String NANP_BARE =
      Boundaries.startNotAfter("[\\w+.()-]") + "[2-9]\\d{9}(?![\\w]|[-.,]\\d)";

  // Words that introduce one's own number in a chat ("my number is …", "text me at …"): a bare
  // ten-digit run is a phone number only after one of these or a phone word.
  private static final List<String> BARE_PHONE_WORDS =
      Stream.concat(PHONE_WORDS.stream(), Stream.of("my number", "text me", "reach me", "ring me"))
          .toList();

  // Ten unbroken digits, as people type a US number into a form or a chat ("My number is
  // 3125550164"). Timestamps, ids and amounts have the same shape, so a phone word must come
  // first, and the numbering plan must hold.
  static Rule phoneNanpBare() {
    return Rule.builder("phone-nanp-bare")
        .type("phone")
        .minDigits(10)
        .startShape(StartShape.digits(10, 10))
        .pattern(NANP_BARE)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.()-")
        .validator(PhoneValidators.NANP)
        .confidence(0.7)
        .context(new ContextWords(BARE_PHONE_WORDS, NOT_PHONE_WORDS, true))
        .truePositives(
            "My number is «3125550164», text is fine.",
            "cell: «6465550148»",
            "{\"phone\": \"«4155550172»\"}",
            "text me at «9175550123» when you land")
        .falsePositives(
            "created_at=1763971200 user=4155550172",
            "my number is 1234567890",
            "order number 4155550172 shipped",
            "call ref 41555501723",
            "phone 415555017")
        .build();
  }

  // National numbers of the countries without a rule of their own, as people write them: French
  // 06 12 34 56 78 / 01.55.27.28.09 / 0612345678, Swiss 079 709 24 96, Italian mobiles 306
  // 2120194, Japanese mobiles typed unbroken 09012345678, German mobiles 015241289573, and any
  // 10–12 digit number starting with a trunk 0. Dates, amounts and ids take these shapes too, so a
  // phone word must say it: before the number, after it on its line, or as its table column.
  private static final String NATIONAL =
      Boundaries.startNotAfter("[\\w+.()-]")
          + "(?:0[1-9]([ .-])\\d{2}\\1\\d{2}\\1\\d{2}\\1\\d{2}"
          + "|0\\d{2}([ .-])\\d{3}\\2\\d{2}\\2\\d{2}"
          + "|3\\d{2}[ -]\\d{6,7}"
          // Spanish: 672 37 69 50, 900 386 439, 91 668 13 72 (nine digits unbroken are as often a
          // Dutch BSN or a US SSN: not read)
          + "|[6789]\\d{2}([ .])\\d{2}\\3\\d{2}\\3\\d{2}|[6789]\\d{2}([ .])\\d{3}\\4\\d{3}"
          + "|[89]\\d \\d{3} \\d{2} \\d{2}"
          // Dutch: 06-12972123, 010-1234567
          + "|0\\d-\\d{8}|0\\d{2}-\\d{7}"
          + "|0\\d{9,11}+)"
          + "(?![\\w]|[-.,]\\d|[ ]\\d)";

  static Rule phoneNationalWorded() {
    return Rule.builder("phone-national-worded")
        .type("phone")
        .minDigits(9)
        .startShape(StartShape.digitsThen(2, 3, " .-").or(StartShape.digits(10, 12)))
        .pattern(NATIONAL)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.()-")
        .confidence(0.7)
        .context(new ContextWords(PHONE_WORDS, NOT_PHONE_WORDS, true))
        .truePositives(
            "nom;prenom;telephone\nLefebvre;Julie;«0720778940»",
            "Tél. «01.55.27.28.09» (standard)",
            "mobile : «07 38 46 85 35»",
            "Rückruf bitte unter «079 709 24 96». Danke",
            "| Name | Phone |\n|---|---|\n| Giulia Romano | «306 2120194» |",
            "携帯電話\t«08028608877»",
            "«0612345678» is my mobile",
            "Er ist unter «015241289573» erreichbar.",
            "Mi teléfono es «672 37 69 50» y mi correo",
            "llamar a nuestro teléfono de atención al cliente «900 386 439» (gratuito)",
            "Mobiel: «06-12972123»",
            "Telefoon «06 48 51 32 92», mail",
            "ospite=\"Chiara\" tel=\"«321-0317514»\"")
        .falsePositives(
            "invoice 07 38 46 85 35 paid",
            "order number 0720778940",
            "ids 0720778940 and 0612345678",
            "phone 07 38 46 85 3",
            "phone version 01.55.27.28.09",
            "tel 0720778940123")
        .build();
  }

  // Korean national numbers: mobile 010-1234-5678 (also unbroken), Seoul 02-123-4567, regions
  // 031-123-4567, 070/080. One separator kind; the numbering plan is checked by the validator.
  // Not the head of a longer code: a part or model number continues with "-KR", "-A1".
  private static final String KOREA =
      Boundaries.startNotAfter("[\\w+.)-]")
          + "0(?:1[016789]|2|[3-6][1-5]|[78]0)([-. ]?)\\d{3,4}\\1\\d{4}"
          + "(?![\\w]|[-.]\\d|-[A-Za-z])";

  static Rule phoneKorea() {
    return Rule.builder("phone-kr")
        .type("phone")
        .minDigits(9)
        .startShape(StartShape.digitsThen(2, 3, "-. ").or(StartShape.digits(9, 11)))
        .pattern(KOREA)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.)-")
        .validator(PhoneValidators.KR)
        .confidence(0.75)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "휴대폰 «010-1234-5678» 로 연락 주세요",
            "본사 대표번호는 «02-123-4567» 입니다",
            "경기 사무소 «031 987 6543»",
            "mobile «01098765432»",
            "고객 최O영 님(«010-7098-0963») 오늘 오전",
            "주문번호는 20261122-0048813 이고 폰은 «010-5120-7736» 이요")
        .falsePositives(
            "날짜 2021-123-4567 형식 아님",
            "part_no=010-2231-7781-KR 재고 12",
            "0212345678 unbroken landline is not enough",
            "010-0123-4567 exchange starts with 0",
            "version 1.010.1234.5678",
            "code 099-123-4567")
        .build();
  }

  // Korean representative numbers (대표번호): 1588-1234, 1644-5678 — eight digits, no area code,
  // a company's customer line that callers dial as is. The shape is as common as any 4-4 code
  // (a tracking or order number's tail), so a phone or customer-line word must say it.
  private static final String KOREA_REPRESENTATIVE =
      Boundaries.startNotAfter("[\\w+.)-]|\\d[ ]") + "1[568]\\d{2}-\\d{4}(?![\\w]|[-.]\\d|[ ]\\d)";

  private static final List<String> KOREA_REPRESENTATIVE_WORDS =
      Stream.concat(
              PHONE_WORDS.stream(),
              Stream.of(
                  "고객센터",
                  "대표번호",
                  "대표전화",
                  "콜센터",
                  "상담",
                  "문의",
                  "hotline",
                  "helpline",
                  "customer service",
                  "customer center"))
          .toList();

  static Rule phoneKoreaRepresentative() {
    return Rule.builder("phone-kr-representative")
        .type("phone")
        .minDigits(8)
        .startShape(StartShape.digitsThen(4, 4, "-"))
        .pattern(KOREA_REPRESENTATIVE)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.)-")
        .confidence(0.7)
        .context(new ContextWords(KOREA_REPRESENTATIVE_WORDS, NOT_PHONE_WORDS, true))
        .truePositives(
            "고객센터 «1588-1234» 로 문의하세요",
            "대표번호: «1644-5678»",
            "문의 «1599-0000»",
            "Hotline (Korea): «1577-1000»")
        .falsePositives(
            "운송장번호 5120-1588-4471 확인",
            "order 1588-1234 shipped",
            "고객센터 1588-12345",
            "문의 1234-5678",
            "범위 1588-1234-5678")
        .build();
  }

  // UK national: 020 7946 0958, 0161 496 0000, 01632 960123, 07700 900123 (or 07700 900 123);
  // unbroken only for mobile numbers (validator). Not part of a longer digit sequence.
  private static final String UK =
      "(?=0)"
          + Boundaries.startNotAfter("[\\w+.()-]|\\d[ ]")
          + "0(?:[1-9]\\d{3} ?\\d{6}|[1-9]\\d{3} \\d{3} \\d{3}|[1-9]\\d{2} ?\\d{3} ?\\d{4}"
          + "|[1-9]\\d ?\\d{4} ?\\d{4})"
          + "(?![\\w]|[-.]\\d|[ ]\\d)";

  static Rule phoneUk() {
    return Rule.builder("phone-uk")
        .type("phone")
        .minDigits(10)
        .startShape(
            StartShape.digitsThen(3, 5, " ")
                .or(StartShape.digitsThen(7, 7, " "))
                .or(StartShape.digits(11, 11)))
        .startsAfterNone(IntlIdRules.ALNUM + "_+.()-")
        .pattern(UK)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.()-")
        .validator(PhoneValidators.UK)
        .confidence(0.7)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "London desk: «020 7946 0123»",
            "call me on «07700 900123» after six",
            "Manchester office «0161 496 0000»",
            "mobile «07700900456»",
            "Birmingham branch «0121496 0018»")
        .falsePositives(
            "02079460123 unbroken landline is not enough",
            "version 020 7946 0123",
            "order number 0161 496 0000",
            "code 04 1234 5678 90",
            "reference 0161 496 0000 12")
        .build();
  }

  /** A German area code with its trunk 0, set off: {@code (030) }, {@code 030/}, {@code 030 }. */
  private static final String GERMAN_AREA =
      "(?:\\(0[1-9]\\d{1,4}\\) ?|0[1-9]\\d{1,4}(?: ?/ ?|[ -]))";

  // German national: 030 1234567, 030/1234567, 030-12345678, (030) 1234567, 0171 2345678,
  // 089 12345678, with an optional extension "-12". The area code must be set off, so an
  // unbroken run of digits is not taken for a phone number.
  private static final String GERMANY =
      "(?=[0(])"
          + Boundaries.startNotAfter("[\\w+.()/-]|\\d[ ]")
          + GERMAN_AREA
          + "\\d{3,8}(?:[ -]\\d{1,5})?"
          + "(?![\\w/]|[-.]\\d|[ ]\\d)";

  static Rule phoneGermany() {
    return Rule.builder("phone-de")
        .type("phone")
        .minDigits(9)
        .startShape(StartShape.digitsThen(0, 0, "(").or(StartShape.digitsThen(3, 6, " /-")))
        .startsAfterNone(IntlIdRules.ALNUM + "_+.()/-")
        .pattern(GERMANY)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.()/-")
        .validator(PhoneValidators.DE)
        .confidence(0.7)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "Sie erreichen mich mobil unter «0171 2345678».",
            "Tel. «089 12345678» (Zentrale München)",
            "Büro Berlin «030/9018220»",
            "Rückruf unter «(0351) 4567890»",
            "Durchwahl «030 901820-12»")
        .falsePositives(
            "個人番号: 0533-1543-5222 を確認してください",
            "Öffnungszeiten 0900-1700",
            "Bestellnummer 0301 2345678",
            "Letter ID: L0917-22 ; Control number: 0348 2217 5569",
            "Datum 01.02.2024",
            "Filler 030 0000000",
            "Version 0.30.1234567")
        .build();
  }

  // German national with the subscriber in three or four groups, as offices print them: 06221 18
  // 37 40, 0221/47 80 22 10, 0171 / 553 82 17, 0176-44 82 91 03. Meter readings and lot numbers
  // take that shape too, so a phone word must say it.
  private static final String GERMANY_GROUPED =
      "(?=[0(])"
          + Boundaries.startNotAfter("[\\w+.()/-]|\\d[ ]")
          + GERMAN_AREA
          + "\\d{1,4}+(?:[ ]\\d{2,4}+){2,3}+(?:-\\d{1,5})?"
          + "(?![\\w/]|[-.]\\d|[ ]\\d)";

  static Rule phoneGermanyGrouped() {
    return Rule.builder("phone-de-grouped")
        .type("phone")
        .minDigits(9)
        .startShape(StartShape.digitsThen(0, 0, "(").or(StartShape.digitsThen(3, 6, " /-")))
        .pattern(GERMANY_GROUPED)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.()/-")
        .validator(PhoneValidators.DE)
        .confidence(0.7)
        .context(new ContextWords(PHONE_WORDS, NOT_PHONE_WORDS, true))
        .truePositives(
            "Tel. «06221 18 37 40» · Praxis Dr. Roth",
            "Büro, Tel. «0221/47 80 22 10»",
            "Mobil «0176-44 82 91 03»")
        .falsePositives(
            "Zählerstand 04711 22 33 44", "IBAN NL91 ABNA 0417 1643 00", "Telefon 0300 00 00 00")
        .build();
  }

  // Japanese national: 03-1234-5678, 045-123-4567, 090-1234-5678, 0120-123-456, with hyphens
  // (ASCII or full-width), spaces, or the area code's parentheses "03(1234)5678".
  private static final String JAPAN =
      "(?=0)"
          + Boundaries.startNotAfter("[\\w+.()-]|\\d[ ]")
          + "0\\d{1,4}(?:([-\\uFF0D ])\\d{1,4}\\1|\\(\\d{1,4}\\))\\d{3,4}"
          + "(?![\\w]|[-.\\uFF0D ]\\d)";

  static Rule phoneJapan() {
    return Rule.builder("phone-jp")
        .type("phone")
        .minDigits(10)
        .startShape(StartShape.digitsThen(2, 5, "-\uFF0D ("))
        .startsAfterNone(IntlIdRules.ALNUM + "_+.()-")
        .pattern(JAPAN)
        .startsAfterNone(Boundaries.ASCII_WORD + "+.()-")
        .validator(PhoneValidators.JP)
        .confidence(0.7)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "電話番号は«03-1234-5678»です。",
            "携帯：«090-1234-5678»、平日のみ対応。",
            "フリーダイヤル«0120-123-456»へお電話ください。",
            "横浜支店 «045(123)4567»")
        .falsePositives(
            "日付 05-12-2024",
            "注文番号 03-1234-5678",
            "バージョン 03-1234-5678",
            "03-1234-56789 は長すぎる",
            "010-1234-5678 is not a Japanese number")
        .build();
  }
}
