/**
 * The peer libraries' side of each scenario: one class per library, each driving that library's
 * real client (its own evaluation engine, data model and context type) with flags of the same
 * shape, the same keys and the same people as {@link dev.flags.benchmarks.Fixture}. Everything
 * is offline: documents come from strings or local temporary files, events and metrics are off,
 * and any server URL a client insists on points at {@code 127.0.0.1}.
 *
 * <p>A scenario that a library cannot express with its own built-in features is not silently
 * left out: the class carries an {@link Inexpressible} annotation that says why, and the report
 * prints it as {@code n/a: <why>}. Where a library can only express a scenario approximately, the
 * benchmark method carries a {@link Caveat}, which the report prints as a footnote.
 */
package dev.flags.benchmarks.peers;
