package dev.warden.engine.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an XML element holding a credential as an assignment: {@code <password>…</password>}
 * (Maven's {@code settings.xml}, a JDBC data source), {@code <entry key="db.password">…</entry>}
 * (Java's XML properties), {@code <key>ApiSecret</key> <string>…</string>} (an Apple property list)
 * become {@code password: …}, {@code db.password: …}, {@code ApiSecret: …}, each ended by a line
 * break where its closing tag stood, so every rule keyed on credential names reads the value. Only
 * elements of text without markup or a line break (blanks before it skipped), and only names
 * holding a credential word, are rewritten: a page of markup otherwise costs no second scan.
 */
final class XmlValues {
  private XmlValues() {}

  /** Longest element text read as a value. */
  static final int MAX_VALUE = 512;

  /** Longest element or key name read. */
  static final int MAX_NAME = 80;

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z_][\\w.:\\-]{0," + (MAX_NAME - 1) + "}");

  /** Words that make a name worth reading as an assignment. */
  private static final Pattern CREDENTIAL_NAME =
      Pattern.compile(
          // whole words of the name: not "keyboard", "keywords", "passenger", "author"
          "pass(?:word|wd|phrase)?(?![a-z])|pwd|secret|token|key(?![a-z])|auth(?!or)|credential",
          Pattern.CASE_INSENSITIVE);

  /** An {@code <entry key="…">} opening tag: group 1 is the key. */
  private static final Pattern ENTRY_KEY =
      Pattern.compile("<entry\\s+key\\s*=\\s*[\"']([^\"'<>]{1," + MAX_NAME + "})[\"']\\s*>");

  /** A property list's {@code <key>…</key>} right before a value element: group 1 is the key. */
  private static final Pattern PLIST_KEY =
      Pattern.compile("<key>\\s*+([^<>]{1," + MAX_NAME + "}+)</key>\\s{0,80}+\\z");

  /** {@code text} with each credential element read as {@code name: value}, or null if none. */
  static @Nullable MappedText joinOrNull(String text, @Nullable MappedText parent) {
    int close = text.indexOf("</");
    if (close < 0) {
      return null;
    }
    MappedText.Builder b = null;
    int copied = 0;
    Matcher plist = PLIST_KEY.matcher(text);
    plist.useAnchoringBounds(true).useTransparentBounds(true);
    for (; close >= 0; close = text.indexOf("</", close + 2)) {
      if (close + 2 >= text.length() || !isNameStart(text.charAt(close + 2))) {
        continue;
      }
      // Both looks back are bounded, so a text of nothing but "</" costs a linear walk.
      int openEnd = lastIndexOf(text, '>', close - 1, Math.max(copied, close - 1 - MAX_VALUE));
      if (openEnd < 0) {
        continue;
      }
      int openStart = lastIndexOf(text, '<', openEnd, Math.max(copied, openEnd - MAX_NAME - 120));
      if (openStart < 0) {
        continue;
      }
      int valueStart = openEnd + 1;
      while (valueStart < close && isBlank(text.charAt(valueStart))) {
        valueStart++;
      }
      if (valueStart == close || hasLineBreak(text, valueStart, close)) {
        continue; // an empty element, or a block of text
      }
      String tag = tagName(text, openStart + 1, openEnd);
      if (tag == null || !closes(text, close, tag)) {
        continue;
      }
      String name = null;
      int replaceFrom = openStart;
      if (tag.equals("entry")) {
        Matcher entry = ENTRY_KEY.matcher(text).region(openStart, openEnd + 1);
        name = entry.matches() ? entry.group(1) : null;
      } else if (tag.equals("string") || tag.equals("data")) {
        plist.region(Math.max(copied, openStart - MAX_NAME - 100), openStart);
        if (plist.find()) {
          name = plist.group(1).strip();
          replaceFrom = plist.start();
        }
      } else if (!tag.equals("value") && !tag.equals("key")) {
        // a Hadoop <value> is named by its <name> (NamedValues); a property list's <key> is a name
        name = tag;
      }
      if (name == null || !CREDENTIAL_NAME.matcher(name).find() || name.indexOf('\n') >= 0) {
        continue;
      }
      if (b == null) {
        b = new MappedText.Builder(parent, text);
      }
      // The name is written out again; the value's first character carries the mark, so only a
      // finding on the value counts as revealed by this reading.
      b.copy(copied, replaceFrom);
      b.replace(replaceFrom, valueStart, name + ": ", Evasion.XML_ELEMENT);
      b.replace(
          valueStart,
          valueStart + 1,
          text.substring(valueStart, valueStart + 1),
          Evasion.XML_ELEMENT);
      // The closing tag becomes a line end: a value token stops there ("…</password>" would not).
      int closeEnd = close + 3 + tag.length();
      b.copy(valueStart + 1, close);
      b.replace(close, closeEnd, "\n", Evasion.XML_ELEMENT);
      copied = closeEnd;
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, text.length());
    return b.build();
  }

  /** The last {@code c} in {@code [floor, from]}, or -1. */
  private static int lastIndexOf(String text, char c, int from, int floor) {
    for (int i = from; i >= floor; i--) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  /** The element name of the opening tag between {@code <} and {@code >}, or null. */
  private static @Nullable String tagName(String text, int from, int to) {
    int end = from;
    while (end < to && !isBlank(text.charAt(end)) && text.charAt(end) != '/') {
      end++;
    }
    if (to > from && text.charAt(to - 1) == '/') {
      return null; // <empty/>
    }
    String name = text.substring(from, end);
    return NAME.matcher(name).matches() ? name : null;
  }

  /** Whether {@code </tag>} starts at {@code close}. */
  private static boolean closes(String text, int close, String tag) {
    int end = close + 2 + tag.length();
    return end < text.length() && text.startsWith(tag, close + 2) && text.charAt(end) == '>';
  }

  private static boolean hasLineBreak(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
