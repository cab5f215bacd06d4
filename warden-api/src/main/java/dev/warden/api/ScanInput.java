package dev.warden.api;

import org.jspecify.annotations.Nullable;

/**
 * One string leaf handed to detectors.
 *
 * @param text the text to scan (already normalized by the caller when normalization applies)
 * @param jsonKey the JSON object key this leaf sits under, for context, or {@code null} when the
 *     text is not a JSON value (plain text, a CLI file)
 * @param path a JSON-pointer-like location ({@code /messages/1/content}) for explanations; never
 *     contains values
 */
public record ScanInput(String text, @Nullable String jsonKey, String path) {
  public static ScanInput text(String text) {
    return new ScanInput(text, null, "");
  }

  @Override
  public String toString() {
    return "ScanInput[length=" + text.length() + ", jsonKey=" + jsonKey + ", path=" + path + "]";
  }
}
