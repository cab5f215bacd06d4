@NullMarked
package dev.warden.engine.json;

import org.jspecify.annotations.NullMarked;
