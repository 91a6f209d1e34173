/**
 * Built-in flag sources: a watched {@link dev.flags.sources.FileSource file}, a {@link
 * dev.flags.sources.ClasspathSource class path resource} (bootstrap defaults shipped in the jar)
 * and an in-memory {@link dev.flags.sources.MemorySource} for tests and code-defined defaults. The
 * HTTP source lives in the {@code flags-http-source} module.
 */
@NullMarked
package dev.flags.sources;

import org.jspecify.annotations.NullMarked;
