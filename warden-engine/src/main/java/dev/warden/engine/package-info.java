@NullMarked
package dev.warden.engine;

import org.jspecify.annotations.NullMarked;
