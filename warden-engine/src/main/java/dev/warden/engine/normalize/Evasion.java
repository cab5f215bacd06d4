package dev.warden.engine.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * One kind of disguise a value can wear, named by the stable label that {@link
 * dev.warden.api.Explanation#evasions()} reports.
 */
public enum Evasion {
  /** Compatibility forms: full-width {@code ＡＫＩＡ}, {@code ＠}, ligatures, math letters. */
  NFKC("nfkc"),
  /** Zero-width, format, bidi-control, variation-selector and tag characters inside a value. */
  ZERO_WIDTH("zero-width"),
  /** Cyrillic or Greek look-alikes of Latin letters, and digits of other scripts. */
  CONFUSABLE("confusable"),
  /** A value split over lines: a real line break or a written {@code \n} between two halves. */
  SPLIT("split"),
  BASE64("base64"),
  BASE64URL("base64url"),
  /** {@code %40}-style percent-encoding. */
  PERCENT("percent"),
  /** {@code \u0041}-style escapes written out in the text (JSON inside JSON). */
  UNICODE_ESCAPE("unicode-escape"),
  /** Hexadecimal bytes ({@code 414b4941…}) of a printable text. */
  HEX("hex"),
  /** HTML character references: {@code &#64;}, {@code &#x34;}, {@code &commat;}. */
  HTML_ENTITY("html-entity"),
  /**
   * A value glued into an identifier by {@code _} or {@code -}: {@code m-ghp_…}, {@code _4111…}.
   */
  GLUED("glued"),
  /**
   * JSON's written-out escapes ({@code \n}, {@code \"}) in a body scanned as text: {@code
   * \npassword: …} reads as a line break, then a password.
   */
  JSON_ESCAPE("json-escape"),
  /** A space after every character of a value: {@code 4 1 1 1 1 1 …}, {@code T R 3 9 6 4 1 9 A}. */
  SPACED("spaced"),
  /**
   * A value named by a sibling field rather than by its own key: {@code - name: DB_PASSWORD} then
   * {@code value: …} ({@link NamedValues}). Not a disguise, but what hid the value from every rule
   * keyed on its name.
   */
  NAMED("named-value"),
  /**
   * A value held by an XML element named for it: {@code <password>…</password>}, {@code <entry
   * key="db.password">…</entry>}, a property list's {@code <key>…</key><string>…</string>} ({@link
   * XmlValues}).
   */
  XML_ELEMENT("xml-element"),
  /**
   * A form-encoded run (a logged {@code application/x-www-form-urlencoded} body or query string)
   * read as its fields hold it: {@code +} a space, {@code %XX} a byte ({@link FormValues}).
   */
  FORM("form-encoding"),
  /**
   * A mail body in {@code Content-Transfer-Encoding: quoted-printable}: soft line breaks and {@code
   * =XX} escapes ({@link QuotedPrintable}).
   */
  QUOTED_PRINTABLE("quoted-printable"),
  /**
   * A value split into string literals joined by code: {@code "sk_live_" + "…"}, {@code
   * "".join(["ghp_…", "…"])} ({@link Concatenations}).
   */
  CONCATENATION("concatenation"),
  /**
   * A streamed answer pasted or logged whole: the text of its chunks joined ({@link StreamDeltas}).
   */
  STREAM("stream-chunks");

  private final String label;

  Evasion(String label) {
    this.label = label;
  }

  /** The stable label, as reported in explanations and the ledger. */
  public String label() {
    return label;
  }

  int bit() {
    return 1 << ordinal();
  }

  /** The labels of every evasion in {@code mask}, in declaration order. */
  static List<String> labels(int mask) {
    List<String> out = new ArrayList<>(2);
    for (Evasion e : values()) {
      if ((mask & e.bit()) != 0) {
        out.add(e.label);
      }
    }
    return List.copyOf(out);
  }
}
