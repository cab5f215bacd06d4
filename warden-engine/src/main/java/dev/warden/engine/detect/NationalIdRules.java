package dev.warden.engine.detect;

import java.util.List;

/**
 * Built-in rules for bank accounts and national identity numbers: IBAN, US Social Security number,
 * Korean resident registration number, Japanese My Number, Indian Aadhaar. Each is found by its
 * shape, confirmed by a validator in {@link NationalIdValidators}, and, where the bare shape is
 * common (nine or thirteen unbroken digits), only reported next to a word that names it.
 */
final class NationalIdRules {
  private NationalIdRules() {}

  static List<Rule> all() {
    return List.of(
        iban(),
        usSsn(),
        usSsnBare(),
        krRrn(),
        krRrnBare(),
        jpMyNumber(),
        jpMyNumberBare(),
        inAadhaar(),
        inAadhaarBare());
  }

  // Country code, check digits, then the BBAN: in groups of four separated by single spaces (the
  // print form, last group 1–4 characters), or unbroken. Upper case only, as IBANs are printed.
  // Groups are bounded, so backtracking is too.
  private static final String IBAN =
      Boundaries.startNotAfter("[A-Za-z0-9]")
          + "[A-Z]{2}\\d{2}(?:(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?|[A-Z0-9]{11,30}+)"
          + "(?![A-Za-z0-9])";

  static Rule iban() {
    return Rule.builder("iban")
        .type("iban")
        // The check digits and the BBAN's leading digits make a run of at least 7 in every
        // supported country whose bank code is numeric (CH, LI: 2 + 5, then an account number
        // that may hold letters); where the bank code is letters (GB "WEST", NL "ABNA") a run of 10
        // or more follows within the digit margin. An account number may go on in letters for up
        // to 30 characters after the run.
        .minDigits(7)
        .digitReachAfter(34)
        .startShape(StartShape.uppercaseThenDigits(2, "", 2, 32))
        .pattern(IBAN)
        .startsAfterNone(Boundaries.ASCII_ALNUM)
        .validator(NationalIdValidators.IBAN)
        .confidence(0.9)
        .context(
            ContextWords.of(
                List.of(
                    "iban",
                    "bank",
                    "account",
                    "konto",
                    "bankverbindung",
                    "überweis*",
                    "계좌",
                    "계좌번호",
                    "口座",
                    "口座番号",
                    "振込"),
                List.of()))
        .truePositives(
            "Bitte überweisen Sie auf IBAN «DE79 6209 6654 2870 7229 71» bis Freitag",
            "payee account «GB53 FTFJ 7411 6677 3731 97» (sort code inside)",
            "iban=«NL52PPDW8033738746»",
            "RIB / IBAN «FR51 6179 3754 1882 0020 8723 355»",
            "Konto «CH23 6849 0591 2573 9746 7»",
            "海外送金先 «PL95896107854149246576075980» へ振込",
            "Camille Martin\t«FR02 7954 6294 33RJ O2C1 2FXB B98»\tFinance",
            "Konto meiner Vermieterin: «CH743808480LTIW1KQJPS», nicht meins")
        .falsePositives(
            "IBAN DE79 6209 6654 2870 7229 72 has a wrong check digit",
            "part no. XY12 3456 7890 1234 56",
            "BE56 8071 7109 5658 99 is too long for Belgium",
            "template DE00 0000 0000 0000 0000 00",
            "hash AB1234567890ABCDEF12")
        .build();
  }

  private static final List<String> SSN_WORDS =
      List.of(
          "ssn",
          "ssns",
          "social security",
          "social security number",
          "social-security",
          "sozialversicherungsnummer",
          "사회보장번호",
          "社会保障番号");

  private static final List<String> NOT_SSN_WORDS =
      List.of(
          "phone",
          "tel",
          "fax",
          "zip",
          "order",
          "invoice",
          "ticket",
          "tracking",
          "serial",
          "part",
          "ref",
          "itin",
          "bestell*",
          "rechnung*",
          "주문",
          "注文");

  // AAA-GG-SSSS with one separator kind (hyphen or space); not part of a longer number.
  private static final String SSN =
      Boundaries.startNotAfter("[\\w.\\-/*#]|\\d[ ]")
          + "\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\w]|[-.]\\d|\\1\\d)";

  static Rule usSsn() {
    return Rule.builder("us-ssn")
        .type("us_ssn")
        .minDigits(9)
        .startShape(StartShape.digitsThen(3, 3, "- "))
        .pattern(SSN)
        .startsAfterNone(Boundaries.ASCII_WORD + ".-/*#")
        .validator(NationalIdValidators.US_SSN)
        .confidence(0.75)
        .context(ContextWords.of(SSN_WORDS, NOT_SSN_WORDS))
        .truePositives(
            "My SSN is «455-84-4778», do I need it for the W-9?",
            "social security number: «505-07-2248»",
            "employee record ssn «313 82 7713» hired 2021",
            "Sozialversicherungsnummer (USA) «260-92-1793»")
        .falsePositives(
            "ITIN 912-70-1234 is not an SSN",
            "area 666-12-3456 is never assigned",
            "group 455-00-4778 is never assigned",
            "masked ***-**-4778 only",
            "SSN XXX-XX-4778 on the printout",
            "ZIP+4 98052-6399",
            "serial 455-84-4778 on the label",
            "phone 455-84-4778-2 ext")
        .build();
  }

  static Rule usSsnBare() {
    return Rule.builder("us-ssn-bare")
        .type("us_ssn")
        .minDigits(9)
        .startShape(StartShape.digits(9, 9))
        .pattern(Boundaries.startNotAfter("[\\w.\\-]") + "\\d{9}(?![\\w]|[-.]\\d)")
        .startsAfterNone(Boundaries.ASCII_WORD + ".-")
        .validator(NationalIdValidators.US_SSN)
        .confidence(0.6)
        .context(ContextWords.requiring(SSN_WORDS))
        .truePositives("SSN: «380993008»", "social security number «352869671» on file")
        .falsePositives(
            "routing number 380993008", "SSN 912701234 is an ITIN", "order 352869671 shipped")
        .build();
  }

  private static final List<String> RRN_WORDS =
      List.of(
          "주민등록번호",
          "주민번호",
          "주민",
          "rrn",
          "resident registration",
          "住民登録番号",
          "jumin",
          "jumin_no",
          "juminno",
          "jumin_number");

  private static final List<String> NOT_RRN_WORDS =
      List.of(
          "법인등록번호",
          "법인번호",
          "법인",
          "등기번호",
          "사업자등록번호",
          "사업자",
          "corporate",
          "corporation",
          "corp",
          "company",
          "business registration");

  // YYMMDD-GNNNNNC: six date digits, a hyphen, seven digits; not part of a longer number.
  private static final String RRN =
      Boundaries.startNotAfter("[\\w.\\-]") + "\\d{6}-[1-8]\\d{6}(?![\\w]|[-.]\\d)";

  static Rule krRrn() {
    return Rule.builder("kr-rrn")
        .type("kr_rrn")
        .minDigits(13)
        .startShape(StartShape.digitsThen(6, 6, "-"))
        .pattern(RRN)
        .startsAfterNone(Boundaries.ASCII_WORD + ".-")
        .validator(NationalIdValidators.KR_RRN)
        .confidence(0.8)
        .context(ContextWords.of(RRN_WORDS, NOT_RRN_WORDS))
        .truePositives(
            "주민등록번호 «920411-2679146» 확인 부탁드립니다",
            "본인 확인용 «511004-1816105» 입니다",
            "RRN «151024-3039505» (born 2015)",
            "住民登録番号は«840107-2470631»です")
        .falsePositives(
            "법인등록번호 110111-1234567",
            "주민등록번호 기재 예: 900101-1234567",
            "법인 등록 번호: 110111-1234567",
            "corporate registration no. 110111-1234567",
            "date 921341-2679146 has no month 13",
            "gender digit 920411-9679146 is not 1-8",
            "order 920230-1234567 has no Feb 30",
            "build 20240411-2679146")
        .build();
  }

  static Rule krRrnBare() {
    return Rule.builder("kr-rrn-bare")
        .type("kr_rrn")
        .minDigits(13)
        .startShape(StartShape.digits(13, 13))
        .pattern(Boundaries.startNotAfter("[\\w.\\-]") + "\\d{6}[1-8]\\d{6}(?![\\w]|[-.]\\d)")
        .startsAfterNone(Boundaries.ASCII_WORD + ".-")
        .validator(NationalIdValidators.KR_RRN)
        .confidence(0.7)
        .context(ContextWords.requiring(RRN_WORDS))
        .truePositives(
            "주민번호 «9704112679146»",
            "{\"rrn\": \"«0007104744857»\"}",
            "<input name=\"jumin\" value=\"«9505082212584»\">")
        .falsePositives("바코드 8801234567890", "주민번호 9713112679146 month 13")
        .build();
  }

  private static final List<String> MY_NUMBER_WORDS =
      List.of("マイナンバー", "個人番号", "my number", "mynumber", "my_number", "마이넘버");

  private static final List<String> AADHAAR_WORDS = List.of("aadhaar", "aadhar", "आधार", "uidai");

  private static final List<String> JAPAN_WORDS = List.of("japan", "japon", "日本国籍");

  private static final List<String> INDIA_WORDS =
      List.of("india", "indian", "indien", "inde", "インド");

  // A grouped 12-digit number is one of the two ids only when no reference word (order, tracking,
  // 운송장, 伝票…) is nearer than the id's own word: the 4-4-4 grouping is also how waybills and
  // order numbers are printed.
  // Twelve digits in groups of four are also a phone number (a German mobile, 0160 9931 2207)
  private static final List<String> PHONE_NAMES =
      List.of(
          "phone", "tel", "telefon*", "mobile", "mobil*", "handy*", "fax", "電話", "携帯", "전화", "폰");

  private static final List<String> NOT_MY_NUMBER_WORDS =
      IntlIdRules.allOf(AADHAAR_WORDS, INDIA_WORDS, IntlIdRules.REFERENCE_WORDS, PHONE_NAMES);

  private static final List<String> NOT_AADHAAR_WORDS =
      IntlIdRules.allOf(MY_NUMBER_WORDS, JAPAN_WORDS, IntlIdRules.REFERENCE_WORDS, PHONE_NAMES);

  // A bare 12-digit number needs its id's word or its country. A word for identity numbers in
  // general ("National ID") does not choose between the two: each passes the other's check one
  // time in ten.
  private static final List<String> BARE_MY_NUMBER_WORDS =
      IntlIdRules.allOf(MY_NUMBER_WORDS, JAPAN_WORDS);

  private static final List<String> BARE_AADHAAR_WORDS =
      IntlIdRules.allOf(AADHAAR_WORDS, INDIA_WORDS);

  // 4-4-4 with one separator kind (space or hyphen); not part of a longer number.
  private static final String TWELVE_GROUPED =
      Boundaries.startNotAfter("[\\w.\\-]|\\d[ ]")
          + "\\d{4}([- ])\\d{4}\\1\\d{4}(?![\\w]|[-.]\\d|\\1\\d)";

  private static final String TWELVE_BARE =
      Boundaries.startNotAfter("[\\w.\\-]") + "\\d{12}(?![\\w]|[-.]\\d)";

  // One instance per shared pattern: My Number and Aadhaar rules keep sharing one scan.
  private static final StartShape TWELVE_GROUPED_SHAPE = StartShape.digitsThen(4, 4, "- ");
  private static final StartShape TWELVE_BARE_SHAPE = StartShape.digits(12, 12);

  static Rule jpMyNumber() {
    return Rule.builder("jp-my-number")
        .type("jp_mynumber")
        .minDigits(12)
        .startShape(TWELVE_GROUPED_SHAPE)
        .pattern(TWELVE_GROUPED)
        .startsAfterNone(Boundaries.ASCII_WORD + ".-")
        .validator(NationalIdValidators.JP_MY_NUMBER)
        .confidence(0.7)
        .context(ContextWords.of(MY_NUMBER_WORDS, NOT_MY_NUMBER_WORDS))
        .truePositives(
            "マイナンバー «9564 2290 6009» を提出してください",
            "個人番号：«5838-4270-6330»",
            "My Number card «1724 4518 3828» copy")
        .falsePositives(
            "マイナンバー 9564 2290 6008 (check digit wrong)",
            "記入例：個人番号 1234 5678 9018",
            "Aadhaar 5811 2228 1089 belongs elsewhere",
            "mixed 9564-2290 6009",
            "serial 19564 2290 6009",
            "伝票番号 9564 2290 6009 で配送状況を確認",
            "Nachname;Vorname;Telefon\nSchmid;Konrad;0160 9931 2207")
        .build();
  }

  static Rule jpMyNumberBare() {
    return Rule.builder("jp-my-number-bare")
        .type("jp_mynumber")
        .minDigits(12)
        .startShape(TWELVE_BARE_SHAPE)
        .pattern(TWELVE_BARE)
        .startsAfterNone(Boundaries.ASCII_WORD + ".-")
        .validator(NationalIdValidators.JP_MY_NUMBER)
        .confidence(0.7)
        .context(new ContextWords(BARE_MY_NUMBER_WORDS, INDIA_WORDS, true))
        .truePositives(
            "マイナンバーは«625399925053»です",
            "my number: «634212780366»",
            "«625399925053» はマイナンバーです",
            "Y. Tanaka\tJapan\t«634212780366»\toffen",
            "{\"name\": \"山田\", \"my_number\": \"«625399925053»\"}")
        .falsePositives("注文番号 625399925053", "マイナンバー 625399925054", "India 634212780366")
        .build();
  }

  static Rule inAadhaar() {
    return Rule.builder("in-aadhaar")
        .type("in_aadhaar")
        .minDigits(12)
        .startShape(TWELVE_GROUPED_SHAPE)
        .pattern(TWELVE_GROUPED)
        .startsAfterNone(Boundaries.ASCII_WORD + ".-")
        .validator(NationalIdValidators.IN_AADHAAR)
        .confidence(0.7)
        .context(ContextWords.of(AADHAAR_WORDS, NOT_AADHAAR_WORDS))
        .truePositives(
            "Aadhaar «8639 2332 1469» linked to the account",
            "आधार संख्या «3973 6993 5631»",
            "UIDAI number «4729-5181-7569»")
        .falsePositives(
            "Aadhaar 8639 2332 1468 fails Verhoeff",
            "Aadhaar 1234 5678 9012 starts with 1",
            "マイナンバー 8639 2332 1469",
            "serial 8639 2332 1469 0001",
            "운송장 번호 8639 2332 1469 로 조회하세요",
            "tracking number 8639-2332-1469 (DHL)")
        .build();
  }

  static Rule inAadhaarBare() {
    return Rule.builder("in-aadhaar-bare")
        .type("in_aadhaar")
        .minDigits(12)
        .startShape(TWELVE_BARE_SHAPE)
        .pattern(TWELVE_BARE)
        .startsAfterNone(Boundaries.ASCII_WORD + ".-")
        .validator(NationalIdValidators.IN_AADHAAR)
        .confidence(0.7)
        .context(new ContextWords(BARE_AADHAAR_WORDS, JAPAN_WORDS, true))
        .truePositives(
            "aadhaar no «248063581782»",
            "UIDAI: «401027616123»",
            "R. Iyer\tIndien\t«248063581782»\tgeprüft",
            "| Ananya Iyer | インド | «401027616123» |",
            "«248063581782» (Aadhaar, verified)",
            "Aadhaar: my number is «401027616123»")
        .falsePositives(
            "invoice 248063581782",
            "aadhaar 248063581783",
            "Japan 401027616123",
            "National ID 248063581782")
        .build();
  }
}
