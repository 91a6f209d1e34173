/**
 * Implementation: document reader and validator, snapshot compiler, evaluator and bucketing.
 *
 * <p>Not exported; nothing here is API. Layout:
 *
 * <ul>
 *   <li>{@link dev.flags.internal.DocumentReader}: strict JSON reading with limits.
 *   <li>{@link dev.flags.internal.DocumentValidator}: whole-document validation, every problem.
 *   <li>{@link dev.flags.internal.SnapshotCompiler}: validated document to immutable snapshot.
 *   <li>{@link dev.flags.internal.Snapshot}: the compiled, immutable flag set.
 *   <li>{@link dev.flags.internal.Evaluator}: the hot path.
 *   <li>{@link dev.flags.internal.Bucketing}: murmur3-based sticky percentage buckets.
 * </ul>
 */
@NullMarked
package dev.flags.internal;

import org.jspecify.annotations.NullMarked;
