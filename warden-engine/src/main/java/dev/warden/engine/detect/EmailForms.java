package dev.warden.engine.detect;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an obfuscated or full-width e-mail address back into its plain form, so that the ordinary
 * syntax check ({@link TextValidators#EMAIL}) decides. Written forms: {@code name [at] domain [dot]
 * com}, {@code name(at)domain.com}, {@code name {at} domain dot com} (a spelled-out dot only after
 * a bracketed at), {@code name[@]domain.com}, full-width {@code ｎａｍｅ＠ｄｏｍａｉｎ．ｃｏｍ}, a bracketed dot
 * in other languages ({@code [punkt]}, {@code [point]}, {@code [punto]}, {@code [ドット]}, {@code
 * [닷]}, {@code [점]}), and fully spelled out, {@code tom dot becker at gmail dot com}.
 */
final class EmailForms {
  private EmailForms() {}

  static final Validator OBFUSCATED = Validator.of("email-deobfuscated", EmailForms::isEmail);

  private static final Pattern AT =
      Pattern.compile(
          "\\s{0,2}+[\\[({<] ?(?:[aA][tT]|@) ?[\\])}>]\\s{0,2}+|\\s?@\\s?| [aA][tT] "
              + "|\\s{0,2}+(?:\uACE8\uBC45\uC774|\u30A2\u30C3\u30C8\u30DE\u30FC\u30AF)\\s{0,2}+");
  private static final Pattern DOT =
      Pattern.compile(
          "\\s{0,2}+[\\[({<] ?(?i:dot|punkt|point|punto|\\.|\u30C9\u30C3\u30C8|\uB2F7|\uC810) ?[\\])}>]"
              + "\\s{0,2}+| [dD][oO][tT] ");

  /** The plain address the text spells, e.g. {@code jane@example.com}. */
  static String plain(CharSequence value) {
    // NFKC folds full-width letters, digits, '＠' and '．' to ASCII.
    String s = Normalizer.normalize(value, Normalizer.Form.NFKC);
    s = AT.matcher(s).replaceFirst("@");
    return DOT.matcher(s).replaceAll(".");
  }

  /**
   * Local parts that name the parts of an address rather than being one ("vorname.nachname(at)
   * firma(dot)de" in an imprint template): the words for first and last name, joined by a dot.
   */
  private static final Set<String> TEMPLATE_LOCAL_PARTS =
      Set.of(
          "firstname.lastname",
          "first.last",
          "name.surname",
          "vorname.nachname",
          "prenom.nom",
          "prénom.nom",
          "nombre.apellido",
          "nome.cognome",
          "voornaam.achternaam");

  static boolean isEmail(CharSequence value) {
    String plain = plain(value);
    int at = plain.indexOf('@');
    return plain.indexOf(' ') < 0
        && at > 0
        && !TEMPLATE_LOCAL_PARTS.contains(plain.substring(0, at).toLowerCase(Locale.ROOT))
        && TextValidators.isEmail(plain);
  }
}
