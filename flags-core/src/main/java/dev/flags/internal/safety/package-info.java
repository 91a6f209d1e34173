/**
 * The safety loop: evaluation metrics ({@link dev.flags.internal.safety.MetricsRecorder}),
 * exposure events ({@link dev.flags.internal.safety.ExposureTracker}) and guardrails that kill a
 * failing flag by themselves ({@link dev.flags.internal.safety.Guardrails}). Pure parts (the
 * sliding window, the threshold decision, the exposure queue and filter) have no threads; the
 * runtime owns the one thread this package needs (exposure delivery) and calls back into the
 * client for kills. Depends on the compiled snapshot and the public value types, never on the
 * runtime or the document side; the only user of Caffeine, for exposure de-duplication. Not
 * exported.
 */
@NullMarked
package dev.flags.internal.safety;

import org.jspecify.annotations.NullMarked;
