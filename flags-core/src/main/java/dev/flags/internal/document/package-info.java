/**
 * The document side: bytes to a validated {@link dev.flags.internal.snapshot.FlagDocument}.
 * {@link dev.flags.internal.document.DocumentReader} reads strict JSON within the limits; {@link
 * dev.flags.internal.document.DocumentValidator} checks the whole tree with one reader per kind of
 * node ({@code FlagReader}, {@code SegmentReader}, {@code RuleReader}, {@code ConditionReader}, then
 * {@code ReferenceChecker} across flags), all reporting into one {@code Problems} collector, so that
 * every problem is listed in document order. Nothing here throws to report a problem. Layer
 * documents are merged here too. The only package that uses Jackson. Not exported.
 */
@NullMarked
package dev.flags.internal.document;

import org.jspecify.annotations.NullMarked;
