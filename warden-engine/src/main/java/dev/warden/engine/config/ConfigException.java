package dev.warden.engine.config;

/**
 * A configuration error. The message always starts with the key path ({@code policy.types.emial})
 * and says what is allowed, so the user can fix the file without reading code.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public ConfigException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
  }

  /** The dotted key path at fault, empty for the document root. */
  public String path() {
    return path;
  }
}
