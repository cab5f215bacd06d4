@NullMarked
package dev.warden.server;

import org.jspecify.annotations.NullMarked;
