package dev.warden.engine.detect;

import java.util.List;

/**
 * Built-in rules for IP addresses (type {@code ip_address}). Every valid address is reported, with
 * a confidence that says how much it identifies (see {@link IpValidators} for the classes): public
 * 0.8, private-network 0.6 (both raised by 0.1 next to an address word), and 0.3 for loopback,
 * unspecified, documentation, benchmarking, multicast and {@code 240/4} addresses (which include
 * broadcast and netmasks such as {@code 255.255.255.0}): those identify no one, and the default
 * policy ({@code minConfidence: 0.5}) leaves them alone.
 *
 * <p>Not addresses: version strings ({@code v1.2.3.4}, {@code version 10.0.0.1}), OIDs and other
 * dotted numbers with more than four parts ({@code 1.3.6.1.4.1}), outline and section numbers
 * ({@code section 4.2.1.3}), and dotted quads whose parts are all single digits unless a word names
 * an address ({@code ping 1.1.1.1}).
 */
final class NetworkRules {
  private NetworkRules() {}

  static List<Rule> all() {
    return List.of(
        ipv4(), ipv4Private(), ipv4Reserved(), ipv4Short(), ipv6(), ipv6Private(), ipv6Reserved());
  }

  // IPv4 rules are gated by a digit followed by a dot, which every address holds, rather than by
  // digit runs: texts are full of short digit runs, and prose of full stops. The first such pair
  // ends the first octet, so a match starts at most 2 characters before it and ends at most 13
  // characters after it (an address is at most 15 characters long).
  private static final String[] DIGIT_DOT = {
    "0.", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9."
  };

  // ASCII word characters that refuse a start (each pattern's lookbehind), without n, r and t: in
  // keyword-gated rules a start after an escaped "\\n" must stay possible.
  static final String WORD_NOT_NRT = IntlIdRules.ALNUM.replaceAll("[nrt]", "") + "_";

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

  // Four octets, not part of a longer dotted number (no dot-digit on either side) nor glued to a
  // word ("v1.2.3.4", "build10.0.0.1"). A port, a CIDR suffix or a sentence's full stop may follow,
  // but a network's own address ("10.30.0.0/16": the quad ends in .0 and a prefix of at most 30
  // follows) names a block of machines, not one: writers leave such blocks unlabelled.
  // The leading lookahead rejects most start positions with one cheap test.
  private static final String IPV4 =
      "(?=\\d{1,3}+\\.\\d{1,3}+\\.\\d{1,3}+\\.\\d)"
          + Boundaries.startNotAfter("[\\w.]")
          + OCTET
          + "\\."
          + OCTET
          + "\\."
          + OCTET
          + "\\."
          + OCTET
          + "(?!\\w|\\.\\d|(?<=\\.0)/(?:[12]?\\d|30)(?!\\d))";

  // A loose candidate (hex groups and colons, an optional dotted IPv4 tail) that the validator
  // parses strictly. Bounded repetition, so backtracking to find the tail is bounded too. Not
  // after a word character or a colon ("std::vector", "Foo::Bar" never start a candidate).
  private static final String IPV6 =
      "(?=[0-9A-Fa-f]{0,4}+:[0-9A-Fa-f]{0,4}+:)"
          + Boundaries.startNotAfter("[\\w:.]")
          + "[0-9A-Fa-f:]{2,39}(?:(?<=:)(?:\\d{1,3}\\.){3}\\d{1,3})?"
          + "(?![\\w:]|\\.\\d)";

  private static final List<String> IP_WORDS =
      List.of(
          "ip",
          "ips",
          "ipv4",
          "ipv6",
          "ip address",
          "address",
          "addr",
          "host",
          "server",
          "client",
          "remote",
          "src",
          "dst",
          "peer",
          "gateway",
          "dns",
          "nameserver",
          "ping",
          "ssh",
          "firewall",
          "ip-adresse",
          "adresse",
          "서버",
          "주소",
          "アドレス",
          "サーバ",
          "サーバー");

  private static final List<String> NOT_IP_WORDS =
      List.of(
          "version*", // versions, Versionshinweise
          "ver",
          "v",
          "build",
          "release",
          "upgrade",
          "upgraded",
          "update",
          "updated",
          "downgrade",
          "downgraded",
          "patch",
          "patched",
          "hotfix",
          "pinned",
          "aktualisier*",
          // Runtimes, browsers and systems are followed by their version ("Python 3.12.4.1").
          "python",
          "node",
          "nodejs",
          "java",
          "jdk",
          "ruby",
          "php",
          "perl",
          "golang",
          "dotnet",
          "chrome",
          "firefox",
          "safari",
          "windows",
          "macos",
          "ios",
          "android",
          "kernel",
          "firmware",
          "fw",
          "bootloader",
          "bios",
          "driver",
          "drivers",
          "treiber",
          "rollout",
          "changelog",
          "section",
          "sec",
          "chapter",
          "clause",
          "§",
          "oid",
          "sku",
          "abschnitt",
          "kapitel",
          "버전",
          "업데이트",
          "업그레이드",
          "절",
          "펌웨어",
          "드라이버",
          "릴리스",
          "バージョン",
          "ファームウェア",
          "ドライバ",
          "ドライバー",
          "リリース",
          "アップデート",
          "アップグレード",
          "章");

  private static final ContextWords CONTEXT = ContextWords.of(IP_WORDS, NOT_IP_WORDS);

  static Rule ipv4() {
    return Rule.builder("ip-v4")
        .type("ip_address")
        .keywords(DIGIT_DOT)
        .reach(2, 13)
        .startsAfterNone(WORD_NOT_NRT + ".")
        .pattern(IPV4)
        .validator(IpValidators.V4_PUBLIC)
        .confidence(0.8)
        .context(CONTEXT)
        .truePositives(
            "login from «81.2.69.142» at 02:13",
            "{\"client_ip\": \"«34.117.59.81»\"}",
            "curl http://«93.184.215.14»:8080/health",
            "allow «151.101.1.69»/32 in the firewall",
            "Zugriff von IP-Adresse «85.214.132.117».")
        .falsePositives(
            "Chrome 120.0.6099.109",
            "OID 1.3.6.1.4.1.311",
            "firmware version 10.20.30.40",
            "bootloader 2.1.0.255 → 2.1.1.3",
            "社内ネットワーク機器ファームウェア 10.1.20.3 との互換性",
            "Python 3.12.4.1 and Node 20.11.1 on the agents",
            "build v10.20.30.40",
            "IP 256.1.1.1 is out of range",
            "section 12.4.1.3 of the spec",
            "padded 010.001.002.003",
            "documentation address 203.0.113.24")
        .build();
  }

  static Rule ipv4Private() {
    return Rule.builder("ip-v4-private")
        .type("ip_address")
        .keywords(DIGIT_DOT)
        .reach(2, 13)
        .startsAfterNone(WORD_NOT_NRT + ".")
        .pattern(IPV4)
        .validator(IpValidators.V4_PRIVATE)
        .confidence(0.6)
        .context(CONTEXT)
        .truePositives(
            "db host «10.42.7.19» refused the connection",
            "router at «192.168.1.254»",
            "pod «172.20.3.4» crashed",
            "{\"remote_addr\": \"«100.72.18.9»\"}",
            "Address = «10.9.0.14»/24")
        .falsePositives(
            "internal network 10.30.0.0/16, DNS at",
            "AllowedIPs = 192.168.50.0/24",
            "version 10.42.7.19",
            "Upgrade to 10.4.12.3 fixed it",
            "nach dem Update auf 10.2.1.7 läuft es",
            "アップデート 10.3.0.12 で解決",
            "public 81.2.69.142 is another class",
            "172.32.0.1 is public",
            "loopback 127.0.0.1 is another class")
        .build();
  }

  static Rule ipv4Reserved() {
    return Rule.builder("ip-v4-reserved")
        .type("ip_address")
        .keywords(DIGIT_DOT)
        .reach(2, 13)
        .startsAfterNone(WORD_NOT_NRT + ".")
        .pattern(IPV4)
        .validator(IpValidators.V4_RESERVED)
        .confidence(0.3)
        .context(CONTEXT)
        .truePositives(
            "listen on «127.0.0.1»:8080",
            "example host «203.0.113.24»",
            "netmask «255.255.255.0»",
            "bind «0.0.0.0»")
        .falsePositives("release 127.0.0.1 notes", "private 10.0.0.1 is another class")
        .build();
  }

  static Rule ipv4Short() {
    return Rule.builder("ip-v4-short")
        .type("ip_address")
        .keywords(DIGIT_DOT)
        .reach(2, 13)
        .startsAfterNone(WORD_NOT_NRT + ".")
        .pattern(IPV4)
        .validator(IpValidators.V4_SHORT)
        .confidence(0.7)
        .context(new ContextWords(IP_WORDS, NOT_IP_WORDS, true))
        .truePositives("ping «8.8.8.8» works", "DNS server «1.1.1.1»", "IP: «9.9.9.9»")
        .falsePositives(
            "see 4.2.1.3 for details",
            "Firefox 1.2.3.4 released",
            "version 1.0.0.1",
            "ip 0.0.0.0 is reserved")
        .build();
  }

  static Rule ipv6() {
    return Rule.builder("ip-v6")
        .type("ip_address")
        .keywords(":")
        // The first colon is at most 4 characters in; the longest text form is 45 characters.
        .reach(4, 45)
        .startsAfterNone(WORD_NOT_NRT + ":.")
        .pattern(IPV6)
        .validator(IpValidators.V6_PUBLIC)
        .confidence(0.8)
        .context(CONTEXT)
        .truePositives(
            "client «2a02:6b8:a::a» connected",
            "AAAA «2606:4700:4700::1111»",
            "from [«2001:4860:4860:0:0:0:0:8888»]:443",
            "full «2A00:1450:4001:0829:0000:0000:0000:200E»",
            "route via «2a01:4f8:1:2:3:4:5:6789» today",
            "mapped «::ffff:81.2.69.142»")
        .falsePositives(
            "std::vector<int> v;",
            "time 12:30:45",
            "MAC 00:1a:2b:3c:4d:5e",
            "SHA256 fingerprint 95:FD:B5:99:69:A3:CE:B3",
            "Abc::Def is a path",
            "cafe::babe has no digit",
            "too many 1:2:3:4:5:6:7:8:9")
        .build();
  }

  static Rule ipv6Private() {
    return Rule.builder("ip-v6-private")
        .type("ip_address")
        .keywords(":")
        .reach(4, 45)
        .startsAfterNone(WORD_NOT_NRT + ":.")
        .pattern(IPV6)
        .validator(IpValidators.V6_PRIVATE)
        .confidence(0.6)
        .context(CONTEXT)
        .truePositives("link-local «fe80::1c2a:3bff:fe4d:5e6f» on eth0", "ULA «fd12:3456:789a::1»")
        .falsePositives(
            "public 2606:4700:4700::1111",
            "fe80:1 is not an address",
            "loopback ::1",
            "2001:db8::1")
        .build();
  }

  static Rule ipv6Reserved() {
    return Rule.builder("ip-v6-reserved")
        .type("ip_address")
        .keywords(":")
        .reach(4, 45)
        .startsAfterNone(WORD_NOT_NRT + ":.")
        .pattern(IPV6)
        .validator(IpValidators.V6_RESERVED)
        .confidence(0.3)
        .context(CONTEXT)
        .truePositives("loopback «::1»", "docs use «2001:db8::8a2e:370:7334»")
        .falsePositives("version ::1", "public 2606:4700:4700::1111")
        .build();
  }
}
