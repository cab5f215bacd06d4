@NullMarked
package dev.warden.bench;

import org.jspecify.annotations.NullMarked;
