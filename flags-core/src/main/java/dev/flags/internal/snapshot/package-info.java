/**
 * The compiled model and the hot path: a validated {@link
 * dev.flags.internal.snapshot.FlagDocument} is compiled by {@link
 * dev.flags.internal.snapshot.SnapshotCompiler} into an immutable {@link
 * dev.flags.internal.snapshot.Snapshot}, which {@link dev.flags.internal.snapshot.Evaluator}
 * reads without locks, allocation, logging or a clock.
 *
 * <p>Depends only on the public {@code dev.flags} value types and RE2/J: never on Jackson, the
 * document reader or the runtime ({@code ArchitectureTest} checks it). Not exported.
 */
@NullMarked
package dev.flags.internal.snapshot;

import org.jspecify.annotations.NullMarked;
