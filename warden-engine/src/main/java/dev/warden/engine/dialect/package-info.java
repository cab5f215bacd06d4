/**
 * Provider dialects: which paths a provider family answers, how its request names the model and
 * asks for a stream, which JSON values are binary content passed on without being scanned as text,
 * which headers go to its upstream and how its errors look. {@link
 * dev.warden.engine.dialect.Dialects} assembles them in one registry.
 */
@NullMarked
package dev.warden.engine.dialect;

import org.jspecify.annotations.NullMarked;
