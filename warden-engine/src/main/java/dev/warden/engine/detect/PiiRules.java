package dev.warden.engine.detect;

import java.util.List;

/** Built-in rules for personal data: e-mail addresses, payment cards, phone numbers. */
final class PiiRules {
  private PiiRules() {}

  static List<Rule> all() {
    return List.of(email(), card(), phoneInternational(), phoneNanp(), phoneKorea());
  }

  // Local part, "@", then 2–9 labels. Every repeated piece is possessive and the label group is
  // bounded, so a hostile "a.a.a.a…" cannot make the matcher backtrack or recurse deeply. The
  // trailing lookahead refuses a prefix of a longer domain and "git@host:path" remotes.
  private static final String EMAIL =
      Boundaries.startNotAfter("[A-Za-z0-9._%+\\\\-]")
          + "[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){1,8}+"
          + "(?![A-Za-z0-9-]|\\.[A-Za-z0-9-]|:[\\w/~])";

  static Rule email() {
    return Rule.builder("email")
        .type("email")
        .keywords("@")
        .pattern(EMAIL)
        .validator(TextValidators.EMAIL)
        .confidence(0.9)
        .context(
            ContextWords.of(
                List.of("email", "e-mail", "mail", "contact", "이메일", "메일", "연락처"), List.of()))
        .truePositives(
            "Contact: «jane.doe@example.org», phone +1 415-555-0172.",
            "연락처: «kim.minsu@company.co.kr» 로 보내주세요",
            "{\\\"email\\\":\\\"«ops+alerts@warden.dev»\\\"}",
            "E-Mail-Adresse: «max.mustermann@beispiel.de».")
        .falsePositives(
            "retina asset icon@2x.png",
            "npm install left-pad@1.3.0",
            "git clone git@github.com:warden/warden.git",
            "ping user@localhost",
            "broken a..b@example.com",
            "thanks @warden-bot")
        .build();
  }

  // Groupings a card is written in: 4-4-4-4(-3), 4-6-5 (Amex), 4-6-4 (Diners), or unbroken.
  // One separator kind per number (backreference). The number must not continue into a larger
  // one: no digit or word character on either side, no further 4-digit group in the same style.
  private static final String CARD =
      Boundaries.startNotAfter("[\\w.]|\\d[ -]")
          + "(?:\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?"
          + "|\\d{4}([ -])\\d{6}\\2\\d{4,5}|\\d{13,19}+)"
          + "(?!\\w|[-.]\\d|\\1\\d{4}|\\2\\d{4})";

  static Rule card() {
    return Rule.builder("credit-card")
        .type("card")
        .minDigits(13)
        .pattern(CARD)
        .validator(CardValidator.INSTANCE)
        .confidence(0.8)
        .context(
            ContextWords.of(
                List.of(
                    "card",
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
                    "신용카드",
                    "결제",
                    "karte",
                    "kreditkarte",
                    "kredit",
                    "zahlung"),
                List.of(
                    "order",
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
                    "주문",
                    "송장",
                    "운송장",
                    "일련번호",
                    "bestellung",
                    "rechnung",
                    "sendung",
                    "auftrag")))
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
            "UnionPay «6200000000000005»")
        .falsePositives(
            "Order number 4111 1111 1111 1111 has shipped",
            "masked **** **** **** 4242",
            "Luhn fails: 4111 1111 1111 1112",
            "mixed separators 4111-1111 1111-1111",
            "IMEI 490154203237518",
            "tracking 4111111111111111",
            "Rechnung 4242424242424242 bezahlt",
            "digits 41111111111111111111111 are one number",
            "serial 1234 4111 1111 1111 1111")
        .build();
  }

  // "+" country code, then 2–7 digit groups with at most one separator and optional
  // parentheses each. Bounded and possessive: a long digit run is grouped once, never re-split.
  private static final String E164 =
      Boundaries.startNotAfter("[\\w+]")
          + "\\+[1-9](?:[ .-]?+\\(?+\\d{1,4}+\\)?+){2,7}+(?![\\w]|[-.]\\d)";

  private static final List<String> PHONE_WORDS =
      List.of(
          "phone",
          "tel",
          "call",
          "mobile",
          "cell",
          "fax",
          "contact",
          "whatsapp",
          "sms",
          "전화",
          "휴대폰",
          "핸드폰",
          "연락처",
          "telefon",
          "handy",
          "mobil",
          "rufnummer");
  private static final List<String> NOT_PHONE_WORDS =
      List.of("isbn", "version", "ver", "serial", "build");

  static Rule phoneInternational() {
    return Rule.builder("phone-e164")
        .type("phone")
        .minDigits(8)
        .pattern(E164)
        .validator(PhoneValidators.E164)
        .confidence(0.8)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "Contact: jane.doe@example.org, phone «+1 415-555-0172».",
            "Call «+82 10-1234-5678» tomorrow",
            "서울 사무실 «+82-2-312-3456» 으로 연락",
            "Telefon «+49 30 901820», Durchwahl 12",
            "UK office «+44 (0)20 7946 0958»",
            "{\\\"phone\\\":\\\"«+14155550172»\\\"}")
        .falsePositives(
            "temperature +2.5 degrees",
            "offset +0900 from UTC",
            "score 3+14155550172",
            "+1 123-555-0172 has an invalid area code",
            "+1234567890123456789 is too long",
            "+49 000 0000 filler")
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
        .pattern(NANP)
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

  // Korean national numbers: mobile 010-1234-5678 (also unbroken), Seoul 02-123-4567, regions
  // 031-123-4567, 070/080. One separator kind; the numbering plan is checked by the validator.
  private static final String KOREA =
      Boundaries.startNotAfter("[\\w+.()-]")
          + "0(?:1[016789]|2|[3-6][1-5]|[78]0)([-. ]?)\\d{3,4}\\1\\d{4}(?![\\w]|[-.]\\d)";

  static Rule phoneKorea() {
    return Rule.builder("phone-kr")
        .type("phone")
        .minDigits(9)
        .pattern(KOREA)
        .validator(PhoneValidators.KR)
        .confidence(0.75)
        .context(ContextWords.of(PHONE_WORDS, NOT_PHONE_WORDS))
        .truePositives(
            "휴대폰 «010-1234-5678» 로 연락 주세요",
            "본사 대표번호는 «02-123-4567» 입니다",
            "경기 사무소 «031 987 6543»",
            "mobile «01098765432»")
        .falsePositives(
            "날짜 2021-123-4567 형식 아님",
            "0212345678 unbroken landline is not enough",
            "010-0123-4567 exchange starts with 0",
            "version 1.010.1234.5678",
            "code 099-123-4567")
        .build();
  }
}
