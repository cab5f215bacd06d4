@NullMarked
package dev.warden.engine.config;

import org.jspecify.annotations.NullMarked;
