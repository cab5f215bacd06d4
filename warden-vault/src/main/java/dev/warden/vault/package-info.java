@NullMarked
package dev.warden.vault;

import org.jspecify.annotations.NullMarked;
