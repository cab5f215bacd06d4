package dev.warden.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic inputs for {@link DetectionBenchmark}: mixed-language prose with few hits, dense
 * JSON chat bodies, and adversarial texts built to make a detector work hard. Every input is cut to
 * an exact size in UTF-8 bytes so throughput is bytes over time.
 */
public final class DetectionInputs {
  private DetectionInputs() {}

  /**
   * Sentences in English, Korean, German and Japanese with technical vocabulary, numbers and
   * trigger words (key, token, password, @, ignore) in ordinary use; roughly one real value per 8
   * KiB so the prefilter lets rules run now and then.
   */
  private static final String[] PROSE = {
    "The quarterly summary covers shipping, billing and support tickets for the northern region. ",
    "We shipped version 4.2.17 on 2026-03-14 and closed 312 issues, see build 20260314.1 for details. ",
    "Please ignore the typos in the previous draft; the key point is that token usage doubled. ",
    "The password policy requires twelve characters, which the help desk explains at length. ",
    "Kontaktieren Sie das Team über die Projektseite, die Schlüsselübergabe ist am Montag um 10:30. ",
    "Die Rechnung Nr. 2026-0042 über 1.299,00 EUR wurde am 12.03.2026 beglichen. ",
    "다음 주 회의는 3층 회의실에서 오후 2시에 열리며 발표 자료는 공유 폴더에 있습니다. ",
    "고객 지원팀은 평일 오전 9시부터 오후 6시까지 운영되며 주문 번호로 조회할 수 있습니다. ",
    "来週の会議は東京本社の第3会議室で午後2時から行われます。資料は共有フォルダにあります。",
    "注文番号 20260314-7781 の配送状況はマイページから確認できます。",
    "Our API returns HTTP 429 when the rate limit of 600 requests per minute is exceeded. ",
    "The function parses the config, checks the schema at line 88 and returns a map of settings. ",
    "Send questions to the mailing list or tag @platform-team in the channel; replies come fast. ",
    "Act as if the deadline were tomorrow: prioritise the migration, then the dashboards. ",
  };

  /**
   * Narrative sentences (en/ko/de/ja) of the kind a chat prompt carries when it is not about
   * engineering: few digits, no credential words, no instruction vocabulary.
   */
  private static final String[] PLAIN = {
    "The river was quiet that morning, and the fog lifted slowly over the fields beyond the town. ",
    "She wrote to her sister every week, describing the garden, the neighbours and the long walks. ",
    "Our team met in the small library to discuss the draft of the annual report and its tone. ",
    "Could you summarise the main arguments of this essay in a few sentences for a general reader? ",
    "Der Zug fuhr langsam durch die verschneite Landschaft, und die Reisenden schauten hinaus. ",
    "Wir haben das Kapitel über die Geschichte der Stadt gelesen und viele Fragen notiert. ",
    "봄이 되면 공원에는 꽃이 피고 사람들이 산책을 하며 여유로운 시간을 보냅니다. ",
    "이 글의 핵심 내용을 세 문장으로 요약해 주시고 어려운 표현은 쉽게 바꿔 주세요. ",
    "静かな朝、川沿いの道を歩きながら季節の移り変わりを感じました。",
    "この文章を読みやすく書き直して、要点を短くまとめてください。",
    "In 1998 the museum opened a new wing dedicated to maritime history and local crafts. ",
    "He preferred tea to coffee and always carried a worn paperback in his coat pocket. ",
  };

  /** Narrative prose of exactly {@code bytes} UTF-8 bytes, a real value about every 8 KiB. */
  public static String plain(int bytes) {
    return mixed(PLAIN, bytes);
  }

  private static final String[] HITS = {
    "Reach me at dana.whitfield@example-corp.com about the invoice. ",
    "Call +1 415-555-0172 after five. ",
    "export AWS_ACCESS_KEY_ID=AKIAQ3EGRVUYTWNJQ5HB ",
    "제 전화번호는 010-2345-6789 입니다. ",
  };

  /**
   * Mixed prose of exactly {@code bytes} UTF-8 bytes (cut at a character boundary, space-padded).
   */
  public static String prose(int bytes) {
    return mixed(PROSE, bytes);
  }

  private static String mixed(String[] sentences, int bytes) {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder sb = new StringBuilder(bytes + 256);
    int sinceHit = 0;
    long length = 0; // UTF-8 bytes so far, counted as we go (recounting is quadratic)
    while (length < bytes) {
      String sentence = sentences[random.nextInt(sentences.length)];
      sb.append(sentence);
      length += utf8Length(sentence);
      sinceHit += sentence.length();
      if (sinceHit > 8192) {
        String hit = HITS[random.nextInt(HITS.length)];
        sb.append(hit);
        length += utf8Length(hit);
        sinceHit = 0;
      }
    }
    return cut(sb, bytes);
  }

  /**
   * A dense chat body: many short user/assistant messages, each with a name, an e-mail or phone
   * every few messages, tool-call arguments as JSON in strings.
   */
  public static byte[] chatJson(int bytes) {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder sb = new StringBuilder(bytes + 512);
    sb.append("{\"model\":\"bench-model\",\"messages\":[");
    int i = 0;
    String suffix = "{\"role\":\"user\",\"content\":\"end\"}],\"temperature\":0}";
    long length = sb.length();
    while (length + suffix.length() + 400 < bytes) {
      int before = sb.length();
      String text = PROSE[random.nextInt(PROSE.length)];
      if (i % 4 == 0) {
        text = text + HITS[random.nextInt(HITS.length)];
      }
      if (i % 5 == 4) {
        sb.append("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_")
            .append(i)
            .append("\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":")
            .append(jsonString("{\"query\":\"" + text.trim() + "\",\"limit\":10}"))
            .append("}}]},");
      } else {
        sb.append("{\"role\":\"")
            .append(i % 2 == 0 ? "user" : "assistant")
            .append("\",\"content\":")
            .append(jsonString(text))
            .append("},");
      }
      i++;
      length += utf8Length(sb.subSequence(before, sb.length()));
    }
    sb.append(suffix);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Adversarial texts of exactly {@code bytes} bytes (all ASCII). */
  public static String adversarial(String kind, int bytes) {
    StringBuilder sb = new StringBuilder(bytes);
    SplittableRandom random = new SplittableRandom(1);
    switch (kind) {
      case "digits" -> {
        while (sb.length() < bytes) {
          sb.append((char) ('0' + random.nextInt(10)));
        }
      }
      case "at" -> sb.repeat("@", bytes);
      case "base64" -> {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        while (sb.length() < bytes) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      case "pairs" -> {
        int n = 0;
        while (sb.length() < bytes) {
          sb.append("key").append(n % 97).append("=secret").append(n).append(' ');
          n++;
        }
      }
      // Credential names glued into one run of value characters: every name is a keyword hit of
      // the credential rules, and each would read the run after it as its value.
      case "keys" -> {
        while (sb.length() < bytes) {
          sb.append("secret=token=session=apikey=");
        }
      }
      default -> throw new IllegalArgumentException("unknown adversarial kind: " + kind);
    }
    sb.setLength(bytes);
    return sb.toString();
  }

  private static String jsonString(String s) {
    return '"' + ChatBodies.jsonEscape(s) + '"';
  }

  private static int utf8Length(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Cuts to at most {@code bytes} UTF-8 bytes at a character boundary, then pads with spaces. */
  private static String cut(StringBuilder sb, int bytes) {
    int n = 0;
    int i = 0;
    while (i < sb.length()) {
      int cp = sb.codePointAt(i);
      int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (n + len > bytes) {
        break;
      }
      n += len;
      i += Character.charCount(cp);
    }
    sb.setLength(i);
    return sb.repeat(" ", bytes - n).toString();
  }
}
