package dev.warden.engine.policy;

import dev.warden.api.Explanation;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Names the vendor of a generic secret from where it stands: a credential with no vendor shape
 * ({@code api_key: 3f9c…}) is {@code generic_secret} to the rules, but a config says whose it is
 * in the lines around it — the key itself ({@code TOSS_SECRET_KEY=}), a comment right above
 * ({@code # Hetzner}), the YAML parent keys ({@code datadog:} → {@code api_key:}), the INI
 * section ({@code [mistral]}), the HCL block ({@code provider "hcloud" {}), or, in a walked JSON
 * body, the leaf's path ({@code /payments/mollie/api_key}). The finding keeps its span and rule;
 * only its type becomes the vendor's kind ({@code payment_token}, {@code saas_token}, {@code
 * ai_api_key}, {@code cloud_token}, {@code package_registry_token}), which every policy treats as a
 * secret too.
 *
 * <p>Bounded: at most {@value #MAX_LINES} lines and {@value #MAX_BACK} characters above the value
 * are read, and only for {@code generic_secret} findings.
 */
final class VendorSection {
  private VendorSection() {}

  static final String GENERIC = "generic_secret";

  private static final int MAX_LINES = 12;
  private static final int MAX_BACK = 2048;

  /** Vendor words (lower case, a whole word of an identifier or text; CJK anywhere) by kind. */
  private static final Map<String, String> VENDORS = vendors();

  private static final List<Vendor> CJK_VENDORS =
      VENDORS.entrySet().stream()
          .filter(e -> e.getKey().charAt(0) >= 0x3040)
          .map(e -> new Vendor(e.getKey(), e.getValue()))
          .sorted(java.util.Comparator.comparing(Vendor::word))
          .toList();

  private static Map<String, String> vendors() {
    Map<String, String> m = new java.util.HashMap<>();
    kind(
        m,
        "payment_token",
        "mollie",
        "toss",
        "tosspayments",
        "paypal",
        "braintree",
        "adyen",
        "razorpay",
        "paystack",
        "flutterwave",
        "gocardless",
        "klarna",
        "iamport",
        "portone",
        "payjp",
        "토스페이먼츠",
        "아임포트");
    kind(
        m,
        "saas_token",
        "datadog",
        "mailgun",
        "sendgrid",
        "twilio",
        "mailchimp",
        "postmark",
        "pagerduty",
        "newrelic",
        "sentry",
        "mixpanel",
        "amplitude",
        "intercom",
        "zendesk",
        "hubspot",
        "salesforce",
        "airtable",
        "notion",
        "asana",
        "atlassian",
        "jira",
        "algolia",
        "contentful",
        "okta",
        "auth0",
        "launchdarkly",
        "mapbox",
        "pusher",
        "cloudinary",
        "figma",
        "kakao",
        "linebot",
        "chatwork",
        "backlog",
        "kintone",
        "slackbot",
        "playfab",
        "카카오",
        "チャットワーク");
    kind(
        m,
        "ai_api_key",
        "mistral",
        "cohere",
        "groq",
        "upstage",
        "perplexity",
        "deepseek",
        "elevenlabs",
        "ai21",
        "xai",
        "moonshot",
        "업스테이지");
    kind(
        m,
        "cloud_token",
        "hcloud",
        "hetzner",
        "digitalocean",
        "linode",
        "vultr",
        "cloudflare",
        "ncloud",
        "alicloud",
        "aliyun",
        "tencentcloud",
        "huaweicloud",
        "scaleway",
        "ovh",
        "vercel",
        "netlify",
        "heroku",
        "sakuracloud",
        "네이버클라우드",
        "ヘッツナー");
    kind(m, "azure_key", "azure", "azurerm");
    kind(
        m,
        "package_registry_token",
        "pypi",
        "rubygems",
        "nuget",
        "artifactory",
        "jfrog",
        "dockerhub");
    return Map.copyOf(m);
  }

  private static void kind(Map<String, String> m, String kind, String... words) {
    for (String w : words) {
      m.put(w, kind);
    }
  }

  /**
   * {@code found} with each generic secret whose vendor its surroundings name retyped, when {@code
   * policy} treats the vendor's type exactly as it treats {@code generic_secret} (same action, same
   * hard-block standing): the type names the vendor, it never changes what happens to the value.
   * Run after the confidence and allowlist checks, which therefore judge the generic finding.
   */
  static List<Finding> retyped(ScanInput in, List<Finding> found, Policy policy) {
    List<Finding> out = null;
    for (int i = 0; i < found.size(); i++) {
      Finding f = found.get(i);
      if (!f.type().equals(GENERIC)) {
        continue;
      }
      Vendor vendor = vendorOf(in.text(), f.span().start(), in.path());
      if (vendor == null || !treatedAlike(policy, vendor.type())) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(found);
      }
      List<String> hits = new ArrayList<>(f.why().contextHits());
      hits.add("vendor:" + vendor.word());
      Explanation why = new Explanation(f.why().validator(), hits, f.why().evasions());
      out.set(i, new Finding(vendor.type(), f.ruleId(), f.span(), f.confidence(), why));
    }
    return out == null ? found : out;
  }

  private static boolean treatedAlike(Policy policy, String type) {
    return policy.action(type).equals(policy.action(GENERIC))
        && policy.isHardBlock(type) == policy.isHardBlock(GENERIC)
        && policy.minConfidence(type) <= policy.minConfidence(GENERIC);
  }

  /** How far back on its own line, and on each line above, the words are read. */
  private static final int LINE_REACH = 256;

  /** A vendor word as found, and the type of its credentials. */
  record Vendor(String word, String type) {}

  /** The vendor named nearest to the value at {@code start}, or null. */
  static @Nullable Vendor vendorOf(String text, int start, @Nullable String path) {
    int floor = Math.max(0, start - MAX_BACK);
    int lineStart = lineStart(text, start, floor);
    Vendor hit = find(text.substring(Math.max(lineStart, start - LINE_REACH), start));
    if (hit != null) {
      return hit;
    }
    int indent = indentOf(text, lineStart);
    boolean commentsDirectlyAbove = true;
    int end = lineStart - 1; // the line break before the current line
    for (int lines = 0; lines < MAX_LINES && end > floor; lines++) {
      int from = lineStart(text, end, floor);
      if (from <= floor && from > 0) {
        break; // a line that starts beyond the reach is not read
      }
      // end is the line's break: a real one, or the n of a written-out \n whose backslash stays out
      int lineEnd =
          text.charAt(end) == 'n' && end > from && text.charAt(end - 1) == '\\' ? end - 1 : end;
      String trimmed = text.substring(from, Math.min(lineEnd, from + LINE_REACH)).strip();
      int lineIndent = indentOf(text, from);
      boolean comment =
          trimmed.startsWith("#") || trimmed.startsWith("//") || trimmed.startsWith("--");
      boolean section = trimmed.startsWith("[") && trimmed.endsWith("]");
      boolean parent =
          !trimmed.isEmpty()
              && lineIndent < indent
              && (trimmed.endsWith(":") || trimmed.endsWith("{"));
      if ((comment && commentsDirectlyAbove) || section || parent) {
        hit = find(trimmed);
        if (hit != null) {
          return hit;
        }
      }
      if (section) {
        break;
      }
      if (parent) {
        indent = lineIndent;
      }
      commentsDirectlyAbove &= comment;
      end = from - 1;
    }
    if (path != null) {
      int last = path.lastIndexOf('/');
      return last > 0 ? find(path.substring(0, last)) : null;
    }
    return null;
  }

  /**
   * The start of the line holding {@code at - 1}, searched back no further than {@code floor}. A
   * written-out {@code \n} (a .env file inside a JSON string) ends a line too.
   */
  private static int lineStart(String text, int at, int floor) {
    for (int k = at - 1; k >= floor; k--) {
      char c = text.charAt(k);
      if (c == '\n' || (c == 'n' && k > floor && text.charAt(k - 1) == '\\')) {
        return k + 1;
      }
    }
    return floor;
  }

  private static int indentOf(String text, int lineStart) {
    int k = lineStart;
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    return k - lineStart;
  }

  /** The first vendor word in {@code s}, as a whole word of it (CJK: anywhere). */
  /** LINE's products after the word "line" ({@code LINE_CHANNEL_SECRET}, {@code line notify}). */
  private static final java.util.Set<String> LINE_PRODUCTS =
      java.util.Set.of("channel", "notify", "messaging", "bot", "login", "liff");

  /**
   * Whether the word after {@code at} is one of {@link #LINE_PRODUCTS}: "line" alone is an everyday
   * word ({@code # one per line}), the messenger only before its products.
   */
  private static boolean namesLine(String lower, int at) {
    int i = at;
    while (i < lower.length()
        && (lower.charAt(i) == '_' || lower.charAt(i) == ' ' || lower.charAt(i) == '-')) {
      i++;
    }
    int from = i;
    while (i < lower.length() && Character.isLetter(lower.charAt(i)) && lower.charAt(i) < 0x3040) {
      i++;
    }
    return i > from && LINE_PRODUCTS.contains(lower.substring(from, i));
  }

  /**
   * A vendor word among the camel-case words of the run {@code [from, to)} ({@code AzureOpenAI},
   * {@code twilioAuthToken}, {@code SendGridKey} read as {@code sendgrid} only whole): a word
   * starts at each upper-case letter after a lower-case one.
   */
  private static @Nullable Vendor camelCaseWord(String s, String lower, int from, int to) {
    int start = from;
    for (int k = from + 1; k <= to; k++) {
      boolean boundary =
          k == to || (Character.isLowerCase(s.charAt(k - 1)) && Character.isUpperCase(s.charAt(k)));
      if (!boundary) {
        continue;
      }
      if (start > from || k < to) {
        String part = lower.substring(start, k);
        String kind = VENDORS.get(part);
        if (kind != null) {
          return new Vendor(part, kind);
        }
      }
      start = k;
    }
    return null;
  }

  private static @Nullable Vendor find(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    int i = 0;
    int n = lower.length();
    while (i < n) {
      char c = lower.charAt(i);
      if (c >= 0x3040) {
        for (Vendor vendor : CJK_VENDORS) {
          if (lower.startsWith(vendor.word(), i)) {
            return vendor;
          }
        }
        i++;
        continue;
      }
      if (!Character.isLetterOrDigit(c)) {
        i++;
        continue;
      }
      int from = i;
      while (i < n && Character.isLetterOrDigit(lower.charAt(i)) && lower.charAt(i) < 0x3040) {
        i++;
      }
      String word = lower.substring(from, i);
      String kind = VENDORS.get(word);
      if (kind != null) {
        return new Vendor(word, kind);
      }
      Vendor camel = lower.length() == s.length() ? camelCaseWord(s, lower, from, i) : null;
      if (camel != null) {
        return camel;
      }
      if (word.equals("line") && namesLine(lower, i)) {
        return new Vendor(word, "saas_token");
      }
    }
    return null;
  }
}
