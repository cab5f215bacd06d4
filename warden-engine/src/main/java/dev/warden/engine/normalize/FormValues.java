package dev.warden.engine.normalize;

import org.jspecify.annotations.Nullable;

/**
 * Decodes form-encoded runs — a logged {@code application/x-www-form-urlencoded} body or query
 * string: {@code card_number=4000+0566+5566+5556&exp=08%2F28} — where a {@code +} stands for a
 * space. The percent view ({@link EncodedRuns}) decodes {@code %XX} alone and leaves the {@code +},
 * so a card, an IBAN or a phone number typed with spaces into a form field ({@code
 * telefon=%2B49+151+23456789}) would reach the rules glued by plus signs, which they refuse. The
 * derived text is scanned beside the others; a finding there maps back over the encoded value.
 *
 * <p>A run is one stretch of printable ASCII without spaces or quotes that holds a {@code =} and
 * either a {@code &} or a {@code %XX} escape: a form has fields, and a plus in a formula ({@code
 * a+b=c}) or a phone number ({@code +49 …}) is not in one. Cost: one vectorized search for {@code
 * +}; each run is read once.
 */
final class FormValues {
  private FormValues() {}

  /** {@code text} with its form-encoded runs decoded, or null when there is none. */
  static @Nullable MappedText decodeOrNull(String text, @Nullable MappedText parent) {
    int n = text.length();
    MappedText.Builder b = null;
    int copied = 0;
    int plus = text.indexOf('+');
    while (plus >= 0) {
      int start = plus;
      while (start > 0 && runChar(text.charAt(start - 1))) {
        start--;
      }
      int end = plus + 1;
      while (end < n && runChar(text.charAt(end))) {
        end++;
      }
      if (isForm(text, start, end)) {
        if (b == null) {
          b = new MappedText.Builder(parent, text);
        }
        b.copy(copied, start);
        decodeRun(text, start, end, b);
        copied = end;
      }
      plus = end < n ? text.indexOf('+', end) : -1;
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, n);
    return b.build();
  }

  /** Appends {@code text[start, end)} decoded: each {@code +} a space, each escape run its text. */
  private static void decodeRun(String text, int start, int end, MappedText.Builder b) {
    int copied = start;
    for (int i = start; i < end; ) {
      char c = text.charAt(i);
      if (c == '+') {
        b.copy(copied, i);
        b.replace(i, i + 1, " ", Evasion.FORM);
        copied = ++i;
      } else if (c == '%') {
        int escapes = Math.min(EncodedRuns.percentRunEnd(text, i), end);
        escapes -= (escapes - i) % 3;
        String decoded = escapes > i ? EncodedRuns.percentDecodedOrNull(text, i, escapes) : null;
        if (decoded != null) {
          b.copy(copied, i);
          b.replace(i, escapes, decoded, Evasion.FORM);
          copied = escapes;
          i = escapes;
        } else {
          i++;
        }
      } else {
        i++;
      }
    }
    b.copy(copied, end);
  }

  /** Whether {@code text[start, end)} has a field ({@code =}) and a form's {@code &} or escape. */
  private static boolean isForm(String text, int start, int end) {
    boolean field = false;
    boolean form = false;
    for (int i = start; i < end && !(field && form); i++) {
      char c = text.charAt(i);
      if (c == '=') {
        field = true;
      } else if (c == '&'
          || (c == '%'
              && i + 2 < end
              && EncodedRuns.hexValue(text.charAt(i + 1)) >= 0
              && EncodedRuns.hexValue(text.charAt(i + 2)) >= 0)) {
        form = true;
      }
    }
    return field && form;
  }

  /** Printable ASCII but space, quotes, angle brackets and backslash: what a logged form holds. */
  private static boolean runChar(char c) {
    return c > ' ' && c < 0x7F && c != '"' && c != '\'' && c != '<' && c != '>' && c != '`'
        && c != '\\';
  }
}
