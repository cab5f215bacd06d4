@NullMarked
package dev.warden.engine.transform;

import org.jspecify.annotations.NullMarked;
