@NullMarked
package dev.warden.testing;

import org.jspecify.annotations.NullMarked;
