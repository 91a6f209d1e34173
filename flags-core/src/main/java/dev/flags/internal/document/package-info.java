/**
 * The document side: bytes to a validated {@link dev.flags.internal.snapshot.FlagDocument}.
 * {@link dev.flags.internal.document.DocumentReader} reads strict JSON within the limits, the
 * validator checks the whole tree and collects every problem, and layer documents are merged here.
 * The only package that uses Jackson. Not exported.
 */
@NullMarked
package dev.flags.internal.document;

import org.jspecify.annotations.NullMarked;
