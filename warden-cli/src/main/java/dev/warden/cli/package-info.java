@NullMarked
package dev.warden.cli;

import org.jspecify.annotations.NullMarked;
