@NullMarked
package dev.warden.engine.policy;

import org.jspecify.annotations.NullMarked;
