package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.detect.IpValidators.Scope;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IP parsing and address classes: RFC 4291 text forms, RFC 1918/6598/3927/5737/3849 ranges. */
class IpValidatorsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "NONE",
      value = {
        "81.2.69.142, PUBLIC",
        "1.1.1.1, PUBLIC",
        "172.32.0.1, PUBLIC",
        "100.128.0.1, PUBLIC",
        "10.0.0.1, PRIVATE",
        "172.16.5.4, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.1.254, PRIVATE",
        "100.64.0.1, PRIVATE",
        "169.254.10.20, PRIVATE",
        "127.0.0.1, RESERVED",
        "0.0.0.0, RESERVED",
        "192.0.2.1, RESERVED",
        "198.51.100.7, RESERVED",
        "203.0.113.24, RESERVED",
        "198.18.0.1, RESERVED",
        "224.0.0.251, RESERVED",
        "255.255.255.0, RESERVED",
        // Not addresses: an octet over 255, leading zeros, too few or too many parts, junk.
        "256.1.1.1, NONE",
        "010.0.0.1, NONE",
        "1.2.3, NONE",
        "1.2.3.4.5, NONE",
        "1..2.3, NONE",
        "1.2.3.4a, NONE"
      })
  void ipv4Scope(String value, @Nullable Scope expected) {
    assertThat(IpValidators.scope4(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "NONE",
      value = {
        "2606:4700:4700::1111, PUBLIC",
        "2a02:6b8:a::a, PUBLIC",
        "2001:4860:4860:0:0:0:0:8888, PUBLIC",
        "2A00:1450:4001:0829:0000:0000:0000:200E, PUBLIC",
        "::ffff:81.2.69.142, PUBLIC",
        "64:ff9b::1.2.3.4, PUBLIC",
        "fe80::1c2a:3bff:fe4d:5e6f, PRIVATE",
        "fd12:3456:789a::1, PRIVATE",
        "::ffff:10.1.2.3, PRIVATE",
        "::1, RESERVED",
        "2001:db8::8a2e:370:7334, RESERVED",
        "ff02::1, RESERVED",
        // Two '::', nine groups, seven groups without '::', a five-digit group, mixed case,
        // no digit at all, a bad IPv4 tail, a tail that is not last.
        "1::2::3, NONE",
        "1:2:3:4:5:6:7:8:9, NONE",
        "1:2:3:4:5:6:7, NONE",
        "12345::1, NONE",
        "Abc::1, NONE",
        "cafe::babe, NONE",
        "::ffff:1.2.3.256, NONE",
        "1.2.3.4::1, NONE",
        "12:30:45, NONE",
        "00:1a:2b:3c:4d:5e, NONE"
      })
  void ipv6Scope(String value, @Nullable Scope expected) {
    assertThat(IpValidators.scope6(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1.2.3.4, true, false",
    "8.8.8.8, true, false",
    "81.2.69.142, false, true",
    "10.0.0.1, false, false",
    "0.0.0.0, false, false"
  })
  void shortQuadsHaveTheirOwnRule(String value, boolean shortQuad, boolean publicLong) {
    assertThat(IpValidators.V4_SHORT.test(value)).isEqualTo(shortQuad);
    assertThat(IpValidators.V4_PUBLIC.test(value)).isEqualTo(publicLong);
  }
}
