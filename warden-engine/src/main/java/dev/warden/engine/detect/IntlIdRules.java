package dev.warden.engine.detect;

import java.util.List;

/**
 * Built-in rules for European and Singaporean identity numbers: UK National Insurance number,
 * German tax id, French NIR, Spanish DNI/NIE, Italian codice fiscale, Dutch BSN, Singapore
 * NRIC/FIN. Each is found by its printed shape and confirmed by the issuer's check character
 * ({@link IntlIdValidators}). Numbers that are only digits and common in other roles (a nine-digit
 * BSN, an eleven-digit Steuer-ID, an unbroken fifteen-digit NIR) count only next to a word, in the
 * document's language, that names them.
 */
final class IntlIdRules {
  private IntlIdRules() {}

  static List<Rule> all() {
    return List.of(
        ukNino(),
        deSteuerId(),
        frNir(),
        frNirBare(),
        esDni(),
        esNie(),
        itCodiceFiscale(),
        nlBsn(),
        sgNric());
  }

  // Words that say a number is a document or business reference, in the languages these ids
  // appear in (also Korean and Japanese shipping words: a 12-digit waybill is grouped 4-4-4 like
  // My Number and Aadhaar). The nearest word decides, so "NI number … order 123" is still an order.
  static final List<String> REFERENCE_WORDS =
      List.of(
          "order",
          "invoice",
          "tracking",
          "waybill",
          "shipment",
          "parcel",
          "booking",
          "ref",
          "reference",
          "serial",
          "imei",
          "part",
          "bestell*",
          "rechnung*",
          "auftrag*",
          "sendung*",
          "commande",
          "facture",
          "colis",
          "suivi",
          "siret",
          "siren",
          "pedido",
          "factura",
          "albarán",
          "seguimiento",
          "ordine",
          "fattura",
          "spedizione",
          "bestelling",
          "factuur",
          "factuurnummer",
          "ordernummer",
          "klantnummer",
          "rekeningnummer",
          "kvk",
          "btw",
          "주문",
          "운송장",
          "송장",
          "택배",
          "배송",
          "注文",
          "伝票",
          "追跡",
          "配送",
          "問い合わせ番号");

  /**
   * Words that name a person's identity number without naming its country: a "National ID" or
   * "Ausweis-Nr." column, "本人確認", "신분증". With a checksum-valid number of one country's shape they
   * say enough; they never raise a shape as common as a bare 9-digit US SSN.
   */
  static final List<String> NATIONAL_ID_WORDS =
      List.of(
          "national id",
          "national_id",
          "national-id",
          "nationalid",
          "national identity",
          "national identification",
          "citizen id",
          "identity number",
          "ausweis*",
          "身分証",
          "本人確認",
          "신분증");

  /** Country names before or after a number: in a roster's "Country" column they name the id. */
  static final List<String> NETHERLANDS_WORDS =
      List.of("netherlands", "dutch", "nederland", "niederlande", "pays-bas", "オランダ", "네덜란드");

  static final List<String> GERMANY_WORDS =
      List.of("germany", "deutschland", "allemagne", "alemania", "ドイツ", "독일");

  static final List<String> FRANCE_WORDS = List.of("france", "frankreich", "フランス", "프랑스");

  /** The words of each list, in order. */
  @SafeVarargs
  static List<String> allOf(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }

  private static final String NOT_ALNUM_BEFORE = Boundaries.startNotAfter("[A-Za-z0-9]");

  // Digit rules scan every position around each digit cluster; a leading one-character lookahead
  // lets most positions fail before the boundary lookbehinds run.
  private static final String AT_DIGIT = "(?=\\d)";

  // What each pattern's leading lookbehind refuses, declared so the detector can skip those starts
  // with one character test (Rule#startsAfterNone).
  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String WORD_DOT_HYPHEN = ALNUM + "_.-";
  private static final String AT_UPPER = "(?=[A-Z])";
  private static final String NOT_ALNUM_AFTER = "(?![A-Za-z0-9]|[-.]\\d)";

  static Rule ukNino() {
    return Rule.builder("uk-nino")
        .type("uk_nino")
        .minDigits(6)
        .startShape(StartShape.uppercaseThenDigits(2, " ", 2, 6))
        // AB123456C, AB 12 34 56 C (one separator kind), AB 123456 C.
        .startsAfterNone(ALNUM)
        .pattern(
            AT_UPPER
                + NOT_ALNUM_BEFORE
                + "[A-Z]{2}(?:( ?)\\d{2}\\1\\d{2}\\1\\d{2}\\1| \\d{6} )[A-D]"
                + NOT_ALNUM_AFTER)
        .validator(IntlIdValidators.UK_NINO)
        .confidence(0.75)
        .context(
            ContextWords.of(
                List.of(
                    "national insurance",
                    "national insurance number",
                    "nino",
                    "ni",
                    "ni number",
                    "ni no",
                    "nin",
                    "hmrc",
                    "payroll",
                    "p60",
                    "p45"),
                REFERENCE_WORDS))
        .truePositives(
            "National Insurance number: «NG601815A»",
            "my NI number is «WJ 01 66 13 A», thanks",
            "{\"nino\": \"«XS091390D»\"}",
            "P60 shows «BK 082462 A» as the NINO")
        .falsePositives(
            "NINO QQ123456C is the HMRC placeholder prefix",
            "NI number GB123456A is never allocated",
            "suffix NG601815E is not A-D",
            "booking ref NG601815A confirmed",
            "part XNG601815A2")
        .build();
  }

  static Rule deSteuerId() {
    return Rule.builder("de-steuer-id")
        .type("de_steuer_id")
        .minDigits(11)
        .startShape(StartShape.digitsThen(2, 2, " ").or(StartShape.digits(11, 11)))
        // Unbroken, or 2-3-3-3 as printed on the notice (one separator kind).
        .startsAfterNone(WORD_DOT_HYPHEN + "/")
        .pattern(
            AT_DIGIT
                + Boundaries.startNotAfter("[\\w.\\-/]|\\d[ ]")
                + "(?:\\d{2}([ ])\\d{3}\\1\\d{3}\\1\\d{3}|\\d{11})"
                + "(?![\\w/]|[-.]\\d|[ ]\\d)")
        .validator(IntlIdValidators.DE_STEUER_ID)
        .confidence(0.8)
        .context(
            new ContextWords(
                allOf(
                    List.of(
                        "steuer-id",
                        "steuer_id",
                        "steuerid",
                        "steuer id",
                        "steuer-idnr",
                        "steueridnr",
                        "steuer_id_nr",
                        "steueridentifikationsnummer",
                        "identifikationsnummer",
                        "steuerliche identifikationsnummer",
                        "idnr",
                        "id-nr",
                        "tax id",
                        "tax_id",
                        "tax identification number",
                        "tin"),
                    NATIONAL_ID_WORDS,
                    GERMANY_WORDS),
                REFERENCE_WORDS,
                true))
        .truePositives(
            "Steuer-ID: «39170342364»",
            "Meine steuerliche Identifikationsnummer lautet «41 372 159 010».",
            "IdNr «28365461076» laut Bescheid",
            "{\"steuerId\": \"«45575918360»\"}",
            "{\"mitarbeiter\": \"Weber\", \"steuerIdNr\": \"«28365461076»\"}",
            "| Jonas Weber | «39170342364» | Steuer-ID |",
            "Jonas Weber,Deutschland,«28365461076»")
        .falsePositives(
            "Steuer-ID 39170342365 (Prüfziffer falsch)",
            "Deutschland, Rechnung 39170342364",
            "39170342364 Rechnungsnummer, Steuer-ID folgt",
            "Steuer-ID 11111111116 hat zu viele gleiche Ziffern",
            "Kundennummer 39170342364",
            "Steuer-ID … Bestellnummer 39170342364",
            "Steuernummer 39170342364")
        .build();
  }

  private static final List<String> NIR_WORDS =
      List.of(
          "nir",
          "insee",
          "sécurité sociale",
          "securite sociale",
          "sécu",
          "secu",
          "numéro de sécurité sociale",
          "n° ss",
          "carte vitale",
          "social security",
          "numéro social");

  static Rule frNir() {
    return Rule.builder("fr-nir")
        .type("fr_nir")
        .minDigits(6)
        .startShape(StartShape.digitsThen(1, 1, " "))
        // 1 85 05 78 006 084 36: sex, year, month, département (or 2A/2B), commune, order, key.
        .startsAfterNone(WORD_DOT_HYPHEN)
        .pattern(
            AT_DIGIT
                + Boundaries.startNotAfter("[\\w.\\-]|\\d[ ]")
                + "[1-478]( )\\d{2}\\1\\d{2}\\1(?:\\d{2}|2[AB])\\1\\d{3}\\1\\d{3}\\1\\d{2}"
                + "(?!\\w|[-.]\\d|[ ]\\d)")
        .validator(IntlIdValidators.FR_NIR)
        .confidence(0.8)
        .context(ContextWords.of(NIR_WORDS, REFERENCE_WORDS))
        .truePositives(
            "N° de sécurité sociale : «1 31 07 09 666 035 13»",
            "carte Vitale «2 70 09 43 165 437 57»",
            "né en Corse, NIR «1 53 08 2A 727 996 61»",
            "numéro «2 22 04 2B 137 427 71» (Haute-Corse)")
        .falsePositives(
            "NIR 1 31 07 09 666 035 14 (clé fausse)",
            "month 1 31 13 09 666 035 13 does not exist",
            "commande 1 31 07 09 666 035 13",
            "tel 1 31 07 09 666 035 13 99")
        .build();
  }

  static Rule frNirBare() {
    return Rule.builder("fr-nir-bare")
        .type("fr_nir")
        .minDigits(6)
        .startShape(
            StartShape.digitsThen(6, 6, "AB")
                .or(StartShape.digitsThen(13, 13, " "))
                .or(StartShape.digits(15, 15)))
        .startsAfterNone(WORD_DOT_HYPHEN)
        .pattern(
            AT_DIGIT
                + Boundaries.startNotAfter("[\\w.\\-]")
                + "[1-478]\\d{4}(?:\\d{2}|2[AB])\\d{6} ?\\d{2}"
                + "(?!\\w|[-.]\\d|[ ]\\d)")
        .validator(IntlIdValidators.FR_NIR)
        .confidence(0.8)
        .context(
            new ContextWords(
                allOf(NIR_WORDS, NATIONAL_ID_WORDS, FRANCE_WORDS), REFERENCE_WORDS, true))
        .truePositives(
            "numéro de sécurité sociale «109058108721410»",
            "{\"nir\": \"«153082A72799661»\"}",
            "NIR: «1310709666035 13»",
            "«109058108721410» — numéro de sécurité sociale",
            "Camille Martin,France,«153082A72799661»")
        .falsePositives(
            "IMEI 131070966603513",
            "NIR 131070966603514 clé fausse",
            "colis 270094316543757",
            "France, colis 109058108721410")
        .build();
  }

  private static final List<String> DNI_WORDS =
      List.of(
          "dni",
          "d.n.i",
          "nif",
          "n.i.f",
          "nie",
          "n.i.e",
          "documento nacional de identidad",
          "documento de identidad",
          "número de identidad",
          "identificación",
          "nº de identidad",
          "carnet de identidad");

  static Rule esDni() {
    return Rule.builder("es-dni")
        .type("es_dni")
        .minDigits(8)
        .startShape(
            StartShape.digitsThen(8, 8, "- ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                .or(StartShape.digitsThen(2, 2, ".")))
        // 12345678Z, 12345678-Z, 12.345.678-Z.
        .startsAfterNone(WORD_DOT_HYPHEN)
        .pattern(
            AT_DIGIT
                + Boundaries.startNotAfter("[\\w.\\-]")
                + "(?:\\d{8}|\\d{2}\\.\\d{3}\\.\\d{3})[- ]?[A-Z]"
                + NOT_ALNUM_AFTER)
        .validator(IntlIdValidators.ES_DNI)
        .confidence(0.7)
        .context(ContextWords.of(DNI_WORDS, REFERENCE_WORDS))
        .truePositives(
            "DNI «71864140L»",
            "Mi documento nacional de identidad es «93256282-E».",
            "{\"nif\": \"«41.532.215-B»\"}",
            "titular: «71864140L», Madrid")
        .falsePositives(
            "DNI 71864140M (letra incorrecta)",
            "pedido 71864140L enviado",
            "hash 71864140La9",
            "placeholder 00000000T")
        .build();
  }

  static Rule esNie() {
    return Rule.builder("es-nie")
        .type("es_dni")
        .minDigits(7)
        .startShape(StartShape.uppercaseThenDigits(1, "- ", 7, 7))
        .startsAfterNone(WORD_DOT_HYPHEN)
        .pattern(
            AT_UPPER
                + Boundaries.startNotAfter("[\\w.\\-]")
                + "[XYZ][- ]?\\d{7}[- ]?[A-Z]"
                + NOT_ALNUM_AFTER)
        .validator(IntlIdValidators.ES_DNI)
        .confidence(0.8)
        .context(ContextWords.of(DNI_WORDS, REFERENCE_WORDS))
        .truePositives(
            "NIE «Z9035614T»",
            "número de identidad de extranjero «Y-4928846-Y»",
            "residente con NIE «Z2032806W» en Valencia")
        .falsePositives(
            "NIE Z9035614R (letra incorrecta)",
            "modelo XZ9035614T",
            "pedido Z2032806W enviado",
            "sku A9035614T")
        .build();
  }

  // Letters and digits of one case; the validator checks positions, omocodia and case.
  private static final String CF_PATTERN =
      "(?=[A-Za-z]{6}+[0-9A-Za-z])"
          + NOT_ALNUM_BEFORE
          + "[A-Za-z]{6}[0-9A-Za-z]{2}[A-Za-z][0-9A-Za-z]{2}[A-Za-z][0-9A-Za-z]{3}[A-Za-z]"
          + "(?![A-Za-z0-9])";

  static Rule itCodiceFiscale() {
    return Rule.builder("it-codice-fiscale")
        .type("it_codice_fiscale")
        // The year digits survive up to five omocodia substitutions, the commonest cases.
        .minDigits(2)
        .startShape(StartShape.alphanumericToken(16, 6))
        .startsAfterNone(ALNUM)
        .pattern(CF_PATTERN)
        .validator(IntlIdValidators.IT_CODICE_FISCALE)
        .confidence(0.85)
        .context(
            ContextWords.of(
                List.of(
                    "codice fiscale",
                    "cod. fisc",
                    "cod fiscale",
                    "c.f",
                    "cf",
                    "tessera sanitaria",
                    "fiscal code",
                    "tax code"),
                REFERENCE_WORDS))
        .truePositives(
            "Codice fiscale: «FPGMGS33D15C252G»",
            "il mio CF è «DDGCHC50E08M828J»",
            "{\"codiceFiscale\": \"«ORMECB60D67F042M»\"}",
            "omocodia: «GFCEFP74D43I8UTB»",
            "cf «bmpftt85a44d03ve» in minuscolo")
        .falsePositives(
            "Codice fiscale FPGMGS33D15C252H (carattere di controllo errato)",
            "giorno FPGMGS33D35C252G non esiste",
            "mixed FpgmGS33D15C252G",
            "token FPGMGS33D15C252G9X")
        .build();
  }

  static Rule nlBsn() {
    return Rule.builder("nl-bsn")
        .type("nl_bsn")
        .minDigits(9)
        .startShape(
            StartShape.digits(9, 9)
                .or(StartShape.digitsThen(4, 4, "."))
                .or(StartShape.digitsThen(3, 3, " ")))
        // 123456782, 1234.56.782, 123 456 782.
        .startsAfterNone(WORD_DOT_HYPHEN)
        .pattern(
            AT_DIGIT
                + Boundaries.startNotAfter("[\\w.\\-]|\\d[ ]")
                + "(?:\\d{9}|\\d{4}\\.\\d{2}\\.\\d{3}|\\d{3} \\d{3} \\d{3})"
                + "(?!\\w|[-.]\\d|[ ]\\d)")
        .validator(IntlIdValidators.NL_BSN)
        .confidence(0.8)
        .context(
            new ContextWords(
                allOf(
                    List.of(
                        "bsn",
                        "burgerservicenummer",
                        "burger service nummer",
                        "sofinummer",
                        "sofi-nummer",
                        "sofinr",
                        "citizen service number"),
                    NATIONAL_ID_WORDS,
                    NETHERLANDS_WORDS),
                REFERENCE_WORDS,
                true))
        .truePositives(
            "BSN: «552034095»",
            "Mijn burgerservicenummer is «3056.52.941».",
            "{\"bsn\": \"«130787164»\"}",
            "sofinummer «168 281 260»",
            "Daan de Vries,«552034095»,BSN verified",
            "country,name,national_id\nNL,Daan de Vries,«130787164»",
            "Sanne Bakker\tNiederlande\t«168281260»")
        .falsePositives(
            "BSN 552034096 (elfproef faalt)",
            "ordernummer 552034095",
            "telefoon 552034095",
            "BSN … factuurnummer 552034095",
            "552034095 order no., BSN pending",
            "Nederland 552034096")
        .build();
  }

  static Rule sgNric() {
    return Rule.builder("sg-nric")
        .type("sg_nric")
        .minDigits(7)
        .startShape(StartShape.uppercaseThenDigits(1, "", 7, 7))
        .startsAfterNone(ALNUM)
        .pattern("(?=[STFGM]\\d)" + NOT_ALNUM_BEFORE + "[STFGM]\\d{7}[A-Z]" + NOT_ALNUM_AFTER)
        .validator(IntlIdValidators.SG_NRIC)
        .confidence(0.85)
        .context(
            ContextWords.of(
                List.of(
                    "nric", "fin", "ic", "ic no", "uin", "identity card", "singpass", "work pass"),
                REFERENCE_WORDS))
        .truePositives(
            "NRIC: «S4644604F»",
            "my IC is «T9566053Z»",
            "FIN «F6630626R» (work pass)",
            "{\"nric\": \"«G1169572N»\"}",
            "new M-series FIN «M2008261L»")
        .falsePositives(
            "NRIC S4644604G has the wrong check letter",
            "prefix A4644604F is not a series",
            "order S4644604F shipped",
            "sku XS4644604F")
        .build();
  }
}
