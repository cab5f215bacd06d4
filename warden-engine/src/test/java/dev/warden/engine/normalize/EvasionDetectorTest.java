package dev.warden.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Detector;
import dev.warden.api.Explanation;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.detect.RuleDetector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each evasion, undone in front of the real built-in rules, and the hard negatives. */
class EvasionDetectorTest {
  static final Detector DETECTOR =
      new EvasionDetector(RuleDetector.builtin(), EvasionLimits.defaults());

  static final String AWS = Fakes.awsKeyId(4201);
  static final String GITHUB = Fakes.githubToken(4202);
  static final String EMAIL = "dana.whitfield@northwind-mail.com";

  static List<Finding> detect(String text) {
    return DETECTOR.detect(ScanInput.text(text));
  }

  /**
   * Asserts one finding of {@code type} covering exactly {@code disguised} and, unless null, naming
   * {@code evasion}.
   */
  static void assertFoundExactly(
      String text, String disguised, String type, @Nullable String evasion) {
    int start = text.indexOf(disguised);
    assertThat(start).as("disguised value in text").isNotNegative();
    assertThat(detect(text))
        .as("findings in %s", text)
        .filteredOn(f -> f.type().equals(type))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.span()).isEqualTo(new Span(start, start + disguised.length()));
          if (evasion != null) {
            assertThat(f.why().evasions()).contains(evasion);
          }
          assertThat(f.toString()).doesNotContain(disguised);
        });
  }

  @Test
  void asWrittenValuesAreReportedOnce_withoutEvasions() {
    String text = "key " + AWS + " mail " + EMAIL;
    List<Finding> found = detect(text);

    assertThat(found).isEqualTo(RuleDetector.builtin().detect(ScanInput.text(text)));
    assertThat(found).allSatisfy(f -> assertThat(f.why().evasions()).isEmpty());
  }

  @Test
  void fullWidth() {
    String hidden = Fakes.fullWidth(AWS);
    assertFoundExactly("the key is " + hidden + " ok", hidden, "aws_access_key", "nfkc");
    // (A full-width e-mail is found as written: the e-mail rule accepts "＠" and "．" itself.)
    String token = Fakes.fullWidth(GITHUB);
    assertFoundExactly("use " + token + " today", token, "github_token", "nfkc");
  }

  @Test
  void zeroWidthSplit() {
    String hidden = Fakes.zeroWidthSplit(AWS, 3);
    assertFoundExactly("aws " + hidden + " end", hidden, "aws_access_key", "zero-width");
    String token = Fakes.zeroWidthSplit(GITHUB, 7).replace('\u200B', '\u2060');
    assertFoundExactly("token " + token, token, "github_token", "zero-width");
  }

  @Test
  void confusables() {
    // The e-mail rule accepts letters of any script, so the address is found as written too.
    String mail = EMAIL.replace('a', 'а').replace('o', 'о'); // Cyrillic а, о
    assertFoundExactly("contact " + mail + " please", mail, "email", null);
    String key = "АКІА" + AWS.substring(4); // Cyrillic А, К, І
    assertFoundExactly("id " + key, key, "aws_access_key", "confusable");
  }

  @Test
  void base64() {
    String run = Fakes.base64("aws_access_key_id = " + AWS + "\n");
    assertFoundExactly("config blob: " + run + " (decode me)", run, "aws_access_key", "base64");
  }

  @Test
  void base64url() {
    String run = Fakes.base64url("{\"token\":\"" + GITHUB + "\"}>?");
    assertThat(run).containsAnyOf("-", "_");
    assertFoundExactly("state=" + run + "&x=1", run, "github_token", "base64url");
  }

  @Test
  void percentEncoding() {
    String partly = EMAIL.replace("@", "%40");
    assertFoundExactly("mailto:" + partly + "?subject=hi", partly, "email", "percent");
    String whole = Fakes.percent(AWS);
    assertFoundExactly("k=" + whole, whole, "aws_access_key", "percent");
  }

  @Test
  void valuesSpelledOutWithASpaceAfterEveryCharacterAreClosedUp() {
    String card = "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1";
    assertFoundExactly("my card is " + card + ", exp 12/27", card, "card", "spaced");
    String ssn = "5 3 6 2 2 8 1 0 7";
    assertFoundExactly(
        "SSN " + ssn + " (spaced so the bot does not see it)", ssn, "us_ssn", "spaced");
    // A lone letter beside the number ("a", "I") is a word, not part of it.
    String spaced = "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1";
    assertFoundExactly("card " + spaced + " a visa", spaced, "card", "spaced");
    // A list of single digits is no number; nor are spaced-out words, nor fewer than five digits.
    assertThat(detect("vote 1 2 3 4 5 6 7 8 9 0 1 2 3 now"))
        .noneMatch(f -> f.type().equals("card"));
    assertThat(detect("S E C R E T 4 2 and A K I A")).isEmpty();
  }

  @Test
  void valuesSpelledOutWithADashAfterEveryCharacterAreClosedUp() {
    String bsn = "8-8-2-0-2-6-7-4-4";
    assertFoundExactly("BSN: " + bsn + " (met streepjes)", bsn, "nl_bsn", "spaced");
    String token = String.join("-", GITHUB.split(""));
    assertThat(token).contains("-_-");
    assertFoundExactly(
        "pasted with dashes: " + token + " strip them", token, "github_token", "spaced");
    // A spaced token holds fewer digits than a spaced number: three in a long run do.
    String lettersMostly = "g l p a t - 4 D p A V c J T 4 c M s Z x z 6 O W _ 1";
    assertThat(detect("토큰: " + lettersMostly)).anyMatch(f -> f.type().equals("gitlab_token"));
    // Dates, ranges and hyphenated words are not runs of single characters.
    assertThat(detect("2024-1-5 to 2024-1-9, pages 1-2-3, a-b-c-d-e-f-g")).isEmpty();
    assertThat(SpacedValues.joinOrNull("S-E-C-R-E-T-4-2-X", null, false)).isNull();
  }

  @Test
  void formEncodedFieldsReadWithTheirPlusSignsAsSpaces() {
    String card = "4000+0566+5566+5556";
    assertFoundExactly(
        "raw body: name=Dana+Whitfield&card_number=" + card + "&exp=08%2F28&cvv=***",
        card,
        "card",
        "form-encoding");
    String phone = "%2B49+151+23456789";
    assertFoundExactly(
        "POST /kontakt body=vorname=J%C3%BCrgen&telefon=" + phone + "&nachricht=Hallo",
        phone,
        "phone",
        "form-encoding");
    // A plus in a formula or before a country code is no form field.
    assertThat(FormValues.decodeOrNull("x = a+b, call +49 151 23456789", null)).isNull();
    assertThat(FormValues.decodeOrNull("a+b=c", null)).isNull();
    MappedText decoded = FormValues.decodeOrNull("q=hello+world&lang=en", null);
    assertThat(decoded).isNotNull();
    assertThat(java.util.Objects.requireNonNull(decoded).text()).isEqualTo("q=hello world&lang=en");
  }

  @Test
  void quotedPrintableMailBodiesAreDecoded() {
    String mail =
        "MIME-Version: 1.0\nContent-Transfer-Encoding: quoted-printable\n\n"
            + "Hi team, the new key is "
            + GITHUB.substring(0, 20)
            + "=\n"
            + GITHUB.substring(20)
            + " =E2=80=94 rotate the old one.\n";
    String broken = GITHUB.substring(0, 20) + "=\n" + GITHUB.substring(20);
    assertFoundExactly(mail, broken, "github_token", "quoted-printable");
    // A value written in plain ASCII whose context words were escaped is found once they are read.
    String nric = "S4552163Z";
    String japanese =
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            + "=E8=BA=AB=E5=88=86=E8=A8=BC=E7=95=AA=E5=8F=B7=EF=BC=88NRIC=EF=BC=89=E3=81=AF"
            + nric
            + "=E3=80=81\n";
    assertFoundExactly(japanese, nric, "sg_nric", "quoted-printable");
    // The same soft break without the header that names the encoding is left alone.
    assertThat(QuotedPrintable.decodeOrNull("a=\nb and x =E2=80=94 y", null)).isNull();
  }

  @Test
  void literalsJoinedByCodeAreReadAsOneValue() {
    String plus = "\"" + GITHUB.substring(0, 10) + "\" + \"" + GITHUB.substring(10) + "\"";
    String split = plus.substring(1, plus.length() - 1);
    assertFoundExactly("const TOKEN = " + plus + ";", split, "github_token", "concatenation");
    String wrapped = "\"" + AWS.substring(0, 4) + "\"\n        + \"" + AWS.substring(4) + "\"";
    assertFoundExactly(
        "String key =\n        " + wrapped + ";",
        wrapped.substring(1, wrapped.length() - 1),
        "aws_access_key",
        "concatenation");
    String chunks =
        "\""
            + GITHUB.substring(0, 12)
            + "\", \""
            + GITHUB.substring(12, 30)
            + "\", \""
            + GITHUB.substring(30)
            + "\"";
    assertFoundExactly(
        "PARTS = [" + chunks + "]\nTOKEN = \"\".join(PARTS)",
        chunks.substring(1, chunks.length() - 1),
        "github_token",
        "concatenation");
    // An array without join, and a sum of a string and a variable, stay as written.
    assertThat(Concatenations.joinOrNull("colors = [\"4111\", \"1111\", \"1111\", \"1111\"]", null))
        .isNull();
    assertThat(Concatenations.joinOrNull("msg = \"hello \" + name + \"!\"", null)).isNull();
  }

  @Test
  void bytesWrittenOneByOneInHexAreDecoded() {
    StringBuilder array = new StringBuilder();
    StringBuilder dump = new StringBuilder();
    for (byte b : GITHUB.getBytes(StandardCharsets.US_ASCII)) {
      array.append(array.isEmpty() ? "" : ", ").append(String.format("0x%02x", b));
      dump.append(dump.isEmpty() ? "" : " ").append(String.format("%02x", b));
    }
    assertFoundExactly(
        "static const uint8_t TOKEN[] = {" + array + "};", array.toString(), "github_token", "hex");
    assertFoundExactly(
        "hdr.authorization = " + dump + "\n", dump.toString(), "github_token", "hex");
    // Binary data stays a dump; fewer than eight bytes are not a run.
    assertThat(HexBytes.decodeOrNull("00 01 02 03 04 05 06 07 08 09 0a 0b", null)).isNull();
    assertThat(HexBytes.decodeOrNull("mask 0x41, 0x42, 0x43", null)).isNull();
  }

  @Test
  void aKeyThatNamesItsValuesEncodingNamesTheDecodedValue() {
    String password = "otter4067#orbi";
    String encoded = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    assertFoundExactly("SMTP_PASSWORD_B64: \"" + encoded + "\"", encoded, "password", "base64");
    assertThat(EncodingSuffix.before("apiKeyBase64 = x", 15, 0)).isEqualTo(6);
    assertThat(EncodingSuffix.before("checksum = x", 11, 0)).isEqualTo(-1);
    assertThat(EncodingSuffix.before("rehex: x", 7, 0)).isEqualTo(-1);
  }

  @Test
  void aValueStreamedOverTwoChunksReadsWhole() {
    String first = GITHUB.substring(0, 17);
    String second = GITHUB.substring(17);
    String stream =
        "data: {\"choices\":[{\"delta\":{\"content\":\"Your token is "
            + first
            + "\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\""
            + second
            + " — keep it safe.\"}}]}\n\ndata: [DONE]\n";
    String spanned =
        stream.substring(stream.indexOf(first), stream.indexOf(second) + second.length());
    assertFoundExactly(stream, spanned, "github_token", "stream-chunks");
    // One chunk is no stream; lines of other JSON are not chunks.
    assertThat(StreamDeltas.joinOrNull("data: {\"delta\":{\"content\":\"hi\"}}\n", null)).isNull();
    assertThat(StreamDeltas.joinOrNull("{\"a\": 1}\n{\"b\": 2}\n", null)).isNull();
  }

  @Test
  void aTokenRightAfterAPercentEscapeStartsThere() {
    String jwt =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5NDc5MCIsImlhdCI6MTc2MzkwNzU3N30"
            + ".E6sSkIRfgCUx20fqdDaaj0YOMQFIwpJeec2h2_i2Mfw";
    assertFoundExactly(
        "GET /login?redirect_uri=https%3A%2F%2Fapp.example.kr%2Fcb%3Fid_token%3D" + jwt + " HTTP/2",
        jwt,
        "jwt",
        null);
  }

  @Test
  void proseTypesAreNotTakenFromViewsThatRewriteValues() {
    // A stand-in for the injection detector: it reads the whole text once a closed-up number is
    // in it. The number is a value the spaced view revealed; the clause around it is not new.
    Detector inner =
        in -> {
          int at = in.text().indexOf("4111111111111111");
          if (at < 0) {
            return List.of();
          }
          return List.of(
              new Finding("card", "card", new Span(at, at + 16), 0.9, Explanation.of("none")),
              new Finding(
                  "prose", "prose", new Span(0, in.text().length()), 0.9, Explanation.of("none")));
        };
    String text = "please save 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 for me";
    List<Finding> kept =
        new EvasionDetector(inner, EvasionLimits.defaults(), Set.of(), Set.of("prose"))
            .detect(ScanInput.text(text));
    assertThat(kept).extracting(Finding::type).containsExactly("card");
    List<Finding> all =
        new EvasionDetector(inner, EvasionLimits.defaults()).detect(ScanInput.text(text));
    assertThat(all).extracting(Finding::type).containsExactlyInAnyOrder("card", "prose");
  }

  @Test
  void jsonEscapesNoLongerGlueALetterToTheNextWord() {
    // A body scanned as text: "\\n" is a backslash and an "n", which turned "password" into
    // "npassword" for every rule that needs a word to start there.
    String password = "Tr0ub4dor-x9Q";
    String body = "{\"content\": \"config:\\npassword: " + password + "\\nport: 5432\"}";
    assertFoundExactly(body, password, "password", "json-escape");
    String tabbed = "{\"log\": \"ok\\tpassword=" + password + "\"}";
    assertFoundExactly(tabbed, password, "password", "json-escape");
  }

  @Test
  void unicodeEscapedWordsNameTheValueBesideThem() {
    // ensure_ascii bodies escape every non-ASCII character: "電話：" glued to the number as written.
    String phone = "03-5412-7781";
    assertFoundExactly(
        "{\"text\": \"\\u96fb\\u8a71\\uff1a" + phone + "\"}", phone, "phone", "json-escape");
    String mail = "csirt@kawada-seiki.co.jp";
    assertFoundExactly(
        "{\"text\": \"\\u30e1\\u30fc\\u30eb\\uff1a" + mail + "\"}", mail, "email", null);
    // Cut or odd escapes decode to nothing and fail nothing.
    assertThat(detect("{\"t\": \"\\u96f\"}")).isEmpty();
    assertThat(detect("\\u")).isEmpty();
    assertThat(detect("\\u0000\\ud800 text")).isEmpty();
  }

  @Test
  void aCardSplitBetweenItsGroupsIsStillJoined() {
    String split = "4111-1111-\n1111-1111";
    assertFoundExactly("card on file: " + split + " exp 12/29", split, "card", "split");
  }

  @Test
  void aGroupedNumberEndingItsLineIsNotJoinedToTheNext() {
    String text = "TEL 052-575-3529\nFAX 045-449-0737\nyasuhiro.aoki@aoba-logi.example.co.jp\n";
    List<Finding> found = detect(text);
    assertThat(found)
        .extracting(f -> text.substring(f.span().start(), f.span().end()))
        .contains("045-449-0737", "yasuhiro.aoki@aoba-logi.example.co.jp");
  }

  @Test
  void aValueCutAtAnEscapeAsWrittenIsReportedWhole() {
    // PHP's json_encode writes "/" as "\\/": as written the password stops at the backslash.
    String text = "{\"env\": \"password=Tr0ub4dor#3\\/x9Kq\"}";
    int start = text.indexOf("Tr0ub");
    assertThat(detect(text))
        .filteredOn(f -> f.type().equals("password"))
        .singleElement()
        .satisfies(f -> assertThat(f.span().end()).isEqualTo(text.indexOf("x9Kq") + 4))
        .satisfies(f -> assertThat(f.span().start()).isEqualTo(start));
  }

  @Test
  void anEscapedBackslashIsOneCharacter_andValuesFoundAsWrittenAreNotRepeated() {
    // "\\\\n" is an escaped backslash, then a plain "n": the word is still glued.
    assertThat(detect("{\"path\": \"C:\\\\npassword: Tr0ub4dor-x9Q\"}"))
        .noneMatch(f -> f.type().equals("password"));
    String text = "{\"content\": \"keys:\\n" + AWS + "\"}";
    assertThat(detect(text))
        .singleElement()
        .satisfies(f -> assertThat(f.why().evasions()).isEmpty());
  }

  /** The finding of {@code type} in {@code text}, which must cover {@code value}. */
  private static void assertCovers(String text, String value, String type) {
    int start = text.indexOf(value);
    assertThat(detect(text))
        .as("findings in %s", text)
        .filteredOn(f -> f.type().equals(type))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.span().start()).isLessThanOrEqualTo(start);
          assertThat(f.span().end()).isGreaterThanOrEqualTo(start + value.length());
          assertThat(f.span().length()).isLessThanOrEqualTo(value.length() + 1);
        });
  }

  @Test
  void valuesGluedIntoAnIdentifierAreSetApart() {
    assertCovers("model: m-" + GITHUB, GITHUB, "github_token");
    assertFoundExactly("fingerprint fp-" + GITHUB, GITHUB, "github_token", "glued");
    assertCovers("id x_" + AWS + " end", AWS, "aws_access_key");
    assertCovers("id x-" + AWS + " end", AWS, "aws_access_key");
    // Numbers after an underscore (ids are written so) and ordinary hyphenated words stay.
    assertThat(
            detect(
                "build_20240101 run-sk-12 task-eyes snake_case upload_4539148803436467.png"
                    + " session_5555555555554444"))
        .isEmpty();
  }

  @Test
  void htmlCharacterReferences() {
    String decimal = EMAIL.replace("@", "&#64;");
    assertFoundExactly("<p>write to " + decimal + " today</p>", decimal, "email", "html-entity");
    String named = EMAIL.replace("@", "&commat;").replace(".", "&period;");
    assertFoundExactly("mail " + named + "!", named, "email", "html-entity");
    StringBuilder hex = new StringBuilder();
    "4111111111111111"
        .chars()
        .forEach(c -> hex.append("&#x").append(Integer.toHexString(c)).append(';'));
    assertFoundExactly("card " + hex + " on file", hex.toString(), "card", "html-entity");
    assertThat(detect("Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#9731; &unknown; & more"))
        .isEmpty();
  }

  @Test
  void unicodeEscapes() {
    String partly = EMAIL.replace("@", "\\u0040");
    assertFoundExactly("{\"to\": \"" + partly + "\"}", partly, "email", "unicode-escape");
    String whole = Fakes.unicodeEscapes(AWS);
    assertFoundExactly("\"" + whole + "\"", whole, "aws_access_key", "unicode-escape");
  }

  @Test
  void hex() {
    String run = Fakes.hex(AWS);
    assertFoundExactly("payload " + run + " end", run, "aws_access_key", "hex");
    String prefixed = "0x" + Fakes.hex("token " + GITHUB);
    assertFoundExactly("data=" + prefixed, prefixed, "github_token", "hex");
  }

  @Test
  void splitByLineBreaksOrWrittenEscapes() {
    String key = Fakes.anthropicKey(4203);
    String real = key.substring(0, 40) + "\n    " + key.substring(40);
    assertFoundExactly("ANTHROPIC_API_KEY=" + real + "\n", real, "anthropic_key", "split");
    String written = key.substring(0, 50) + "\\n" + key.substring(50);
    assertFoundExactly("{\"k\": \"" + written + "\"}", written, "anthropic_key", "split");
    String token = GITHUB.substring(0, 20) + "\r\n" + GITHUB.substring(20);
    assertFoundExactly(token, token, "github_token", "split");
  }

  @Test
  void theNextLinesKeyIsNotTheRestOfAValue() {
    // Two keys on two lines: joining them would glue "secret-key" onto the value above.
    String text =
        "ncloud:\n  access-key: EIJ0U675NVJSVJVJF09Y\n  secret-key: nHnJGR69KGpZHmDx\n"
            + "AWS_KEY_ID=AKIAQYLPMN5HFIQR7XYA\nAWS_REGION=eu-central-1\n";
    List<Finding> found = DETECTOR.detect(ScanInput.text(text));
    assertThat(found).extracting(Finding::type).contains("generic_secret", "aws_access_key");
    for (Finding f : found) {
      String value = text.substring(f.span().start(), f.span().end());
      assertThat(value).as(f.ruleId()).doesNotContain("\n");
    }
  }

  @Test
  void aSplitTokenFollowedByAColonIsStillJoined() {
    String real = GITHUB.substring(0, 24) + "\n" + GITHUB.substring(24);
    assertFoundExactly(
        "my token is " + real + ": is it still valid?", real, "github_token", "split");
  }

  @Test
  void aShortKeySplitInHalfIsJoinedWhenNeitherHalfReadsAsAWord() {
    String real = AWS.substring(0, 10) + "\n" + AWS.substring(10);
    assertFoundExactly("key: " + real, real, "aws_access_key", "split");
    String written = AWS.substring(0, 10) + "\\n" + AWS.substring(10);
    assertFoundExactly("{\"k\": \"" + written + "\"}", written, "aws_access_key", "split");
  }

  @Test
  void anUnpairedSurrogateInsideAKeyIsRemovedLikeAZeroWidthCharacter() {
    String split = AWS.substring(0, 4) + "\ud800" + AWS.substring(4);
    assertFoundExactly("key " + split + " here", split, "aws_access_key", "zero-width");
    String paired = "emoji \ud83d\ude00 " + AWS;
    assertFoundExactly(paired, AWS, "aws_access_key", null);
  }

  @Test
  void wordsAtLineEndsAreNotJoined() {
    Coverage none = new Coverage();
    assertThat(SplitJoiner.joinOrNull("the settings\nconfiguration page", null, none)).isNull();
    assertThat(SplitJoiner.joinOrNull("Release notes\nMigration guide", null, none)).isNull();
    assertThat(SplitJoiner.joinOrNull("version v2.1\nrelease", null, none)).isNull();
    assertThat(SplitJoiner.joinOrNull("token AB12cd\nEF34gh", null, none)).isNotNull();
    assertThat(SplitJoiner.joinOrNull("token AB12cd\nbanana", null, none))
        .as("one half reads as a word")
        .isNull();
  }

  @Test
  void base64urlAsTheLastSegmentOfAUrlPath() {
    String run = Fakes.base64url("{\"e\":\"" + EMAIL + "\"}?>");
    assertFoundExactly("https://app.example.net/invite/" + run, run, "email", "base64url");
  }

  @Test
  void aKeyedFindingOnHalfASplitValueYieldsToTheWholeValue() {
    String key = Fakes.anthropicKey(4204);
    String split = key.substring(0, 60) + "\n" + key.substring(60);
    String text = "ANTHROPIC_API_KEY=" + split + "\n";
    // The rules alone see a generic secret on the first line.
    assertThat(RuleDetector.builtin().detect(ScanInput.text(text)))
        .extracting(Finding::type)
        .containsExactly("generic_secret");

    List<Finding> found =
        DetectorStack.forConfig(WardenConfig.defaults()).detect(ScanInput.text(text));
    assertThat(found)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.type()).isEqualTo("anthropic_key");
          assertThat(f.span()).isEqualTo(new Span(18, 18 + split.length()));
        });
  }

  @Test
  void twoLayersAreUndone_threeAreNot() {
    String two = Fakes.base64(Fakes.hex(AWS));
    assertThat(detect("x " + two))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.span()).isEqualTo(new Span(2, 2 + two.length()));
          assertThat(f.why().evasions()).contains("base64", "hex");
        });
    String three = Fakes.base64(Fakes.base64(Fakes.hex(AWS)));
    assertThat(detect("x " + three)).isEmpty();
  }

  @Test
  void fullWidthInsideBase64() {
    String run = Fakes.base64("key " + Fakes.fullWidth(AWS));
    assertFoundExactly(run, run, "aws_access_key", "base64");
  }

  @Test
  void wrappedBase64IsRejoinedThenDecoded() {
    String b64 = Fakes.base64("please keep this safe: " + AWS + " and " + EMAIL);
    String wrapped = b64.substring(0, 40) + "\n" + b64.substring(40);
    List<Finding> found = detect("blob:\n" + wrapped + "\n");
    assertThat(found).extracting(Finding::type).contains("aws_access_key", "email");
    assertThat(found)
        .allSatisfy(f -> assertThat(f.span()).isEqualTo(new Span(6, 6 + wrapped.length())));
  }

  @Test
  void aValueFoundAsWrittenIsNotReportedTwice() {
    // The JWT's segments are base64url whose payload holds an e-mail address: one jwt finding.
    String payload = "{\"sub\":\"" + EMAIL + "\",\"iat\":1700000000}";
    String jwt =
        Fakes.base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
            + "."
            + Fakes.base64url(payload)
            + "."
            + Fakes.chars(9, Fakes.BASE62, 43);
    List<Finding> found = detect("Authorization: Bearer " + jwt);
    assertThat(found).extracting(Finding::type).containsExactly("jwt");
    // The same e-mail twice, once hidden: two findings, one per occurrence.
    String text = EMAIL + " and " + Fakes.fullWidth(EMAIL);
    assertThat(detect(text)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // base64 image and binary payloads
        "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">",
        "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "commit 3b18e512dba79e4c8300dd08aeb37f8e728b8dad merged",
        "request 123e4567-e89b-12d3-a456-426614174000 and 550e8400-e29b-41d4-a716-446655440000",
        "GET /search?q=hello%20world&lang=en%2DUS HTTP/1.1",
        "https://example.com/a%2Fb%3Fc%3Dd",
        "그는 서울에서 태어났고 지금은 부산에 삽니다. 회의는 내일 오후 3시입니다.",
        "東京都千代田区の会議室で、明日の午後三時に打ち合わせがあります。",
        "Сегодня в Москве идёт дождь, а завтра обещают солнце и +15 градусов.",
        "Die Donaudampfschifffahrtsgesellschaft und Kreditkartenunternehmen",
        "getUserAccountByIdentifier AbstractSingletonProxyFactoryBean",
        "ETag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"",
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0",
        "line one is long enough here\nline two is also long enough",
      })
  void hardNegativesYieldNothing(String text) {
    assertThat(detect(text)).isEmpty();
  }

  @Test
  void randomBase64AndHexOfBinaryYieldNothing() {
    SplittableRandom random = new SplittableRandom(77);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[8 + random.nextInt(200)];
      random.nextBytes(bytes);
      String text =
          "blob "
              + Base64.getEncoder().encodeToString(bytes)
              + " url "
              + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
              + " hex "
              + HexFormat.of().formatHex(bytes);
      assertThat(detect(text)).as(text).isEmpty();
    }
  }

  @Test
  void limitsBoundTheWork() {
    String hidden = "x " + Fakes.base64("key " + AWS);
    Detector noDecoding =
        new EvasionDetector(RuleDetector.builtin(), new EvasionLimits(0, 0, 0, 16));
    assertThat(noDecoding.detect(ScanInput.text(hidden))).isEmpty();
    // Normalization still runs at depth 0.
    assertThat(noDecoding.detect(ScanInput.text(Fakes.fullWidth(AWS)))).hasSize(1);

    Detector fewCandidates =
        new EvasionDetector(RuleDetector.builtin(), new EvasionLimits(2, 65_536, 1, 1024));
    String decoy = Fakes.base64(new String(new char[] {'\u0001', '\u0002'}).repeat(10));
    assertThat(fewCandidates.detect(ScanInput.text(decoy + " " + hidden))).isEmpty();
    assertThat(fewCandidates.detect(ScanInput.text(hidden))).hasSize(1);

    Detector shortRuns =
        new EvasionDetector(RuleDetector.builtin(), new EvasionLimits(2, 65_536, 16, 16));
    assertThat(shortRuns.detect(ScanInput.text(hidden))).isEmpty();
  }

  @Test
  void limitsNameTheFieldWhenOutOfRange() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new EvasionLimits(9, 1, 1, 16))
        .withMessageContaining("maxDepth");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new EvasionLimits(2, 1, 1, 3))
        .withMessageContaining("maxRunLength");
  }

  @Test
  void contextOfTheLeafStillApplies() {
    // A JSON key gives context to a decoded value the same way it does to a written one.
    String card = "4111111111111111";
    String encoded = Fakes.base64(card + " exp 12/29");
    List<Finding> found =
        DETECTOR.detect(new ScanInput(encoded, "card_number", "/messages/0/content"));
    assertThat(found).extracting(Finding::type).containsExactly("card");
    assertThat(found.get(0).span()).isEqualTo(new Span(0, encoded.length()));
    assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
        .startsWith(card);
  }

  @Test
  void aNumberBrokenBetweenItsGroupsOfFourIsReadWhole() {
    assertFoundExactly(
        "VISA Platinum\n4375 2711\n3253 6703\nVALID THRU 08/28",
        "4375 2711\n3253 6703",
        "card",
        "split");
    assertFoundExactly(
        "Überweisung an IBAN DE49 6871 6128\n5273 7577 64\n",
        "DE49 6871 6128\n5273 7577 64",
        "iban",
        "split");
    assertThat(detect("Zeile 1\n12 34\n56 78\n")).isEmpty();
    assertThat(detect("Bestand 4375 2711\n3253 Stück auf Lager")).isEmpty();
  }
}
