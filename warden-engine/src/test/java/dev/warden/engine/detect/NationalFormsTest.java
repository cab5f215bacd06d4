package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** National phone numbering plans (UK, Germany, Japan) and the e-mail de-obfuscation. */
class NationalFormsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "020 7946 0958, true",
    "0161 496 0000, true",
    "01632 960123, true",
    "07700 900123, true",
    "07700900123, true",
    // Unbroken landline, 10 digits, 04/06 ranges, filler subscriber digits.
    "02079460958, false",
    "020 7946 095, false",
    "0461 496 0000, false",
    "0161 000 0000, false"
  })
  void uk(String value, boolean valid) {
    assertThat(PhoneValidators.isUk(value)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "030 1234567, true",
    "030/1234567, true",
    "(0351) 4567890, true",
    "0171 2345678, true",
    "0151 23456789, true",
    "030 901820-12, true",
    // Too short, international prefix 00, 01x outside mobile, filler.
    "0900-1700, false",
    "0049 301234, false",
    "0180 1234567, false",
    "030 0000000, false"
  })
  void germany(String value, boolean valid) {
    assertThat(PhoneValidators.isGerman(value)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "03-1234-5678, true",
    "045-123-4567, true",
    "090-1234-5678, true",
    "050-1234-5678, true",
    "0120-123-456, true",
    "0800-123-4567, true",
    // Mobile with 10 digits, landline with 11, Korean 010, a date.
    "090-123-5678, false",
    "03-1234-56789, false",
    "010-1234-5678, false",
    "05-12-2024, false"
  })
  void japan(String value, boolean valid) {
    assertThat(PhoneValidators.isJapanese(value)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "jane.doe [at] example [dot] com | jane.doe@example.com",
        "info(at)firma.de | info@firma.de",
        "kim {at} company dot co dot kr | kim@company.co.kr",
        "ops [@] warden.dev | ops@warden.dev",
        "J.Smith (AT) Example (DOT) ORG | J.Smith@Example.ORG",
        "ｓｕｐｐｏｒｔ＠ｅｘａｍｐｌｅ．ｃｏｍ | support@example.com"
      })
  void obfuscatedEmailFoldsToThePlainAddress(String written, String plain) {
    assertThat(EmailForms.plain(written)).isEqualTo(plain);
    assertThat(EmailForms.isEmail(written)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "vorname.nachname(at)firma(dot)de",
        "firstname.lastname [at] company [dot] com",
        "file [at] report.png",
        "price (at) 5.99"
      })
  void templatesAndNonAddressesAreRefused(String written) {
    assertThat(EmailForms.isEmail(written)).isFalse();
  }
}
