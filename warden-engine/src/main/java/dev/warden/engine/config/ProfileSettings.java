package dev.warden.engine.config;

import java.util.List;

/**
 * Named profiles bound by scope or label ({@code profiles:}) and the shadow policy ({@code
 * shadow:}).
 *
 * @param names the profile names, in match order
 */
public record ProfileSettings(List<String> names) {
  public static final ProfileSettings NONE = new ProfileSettings(List.of());

  public ProfileSettings {
    names = List.copyOf(names);
  }
}
