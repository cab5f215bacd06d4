package dev.warden.engine.dialect;

import java.util.regex.Pattern;

/**
 * Path patterns for binary positions. Paths are the JSON walker's ({@code /messages/0/content/1}),
 * so array indexes are digits and key names appear as written.
 */
final class Positions {
  private Positions() {}

  /**
   * Compiles a position written with {@code N} for any array index, e.g. {@code
   * /messages/N/images/N}; alternatives in parentheses ({@code (inline_data|inlineData)}) are kept.
   */
  static Pattern of(String position) {
    return Pattern.compile(position.replace("/N", "/\\d+"));
  }

  static boolean at(Pattern position, String path) {
    return position.matcher(path).matches();
  }
}
