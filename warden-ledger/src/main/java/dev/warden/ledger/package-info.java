@NullMarked
package dev.warden.ledger;

import org.jspecify.annotations.NullMarked;
