/**
 * The {@code flags-cli} command-line tool: validate, evaluate, explain and bucket flags, diff two
 * documents with the blast radius of the change, watch a file or URL, and demo the library. The
 * entry point is {@link dev.flags.cli.FlagsCli}; everything else is package-private.
 */
@NullMarked
package dev.flags.cli;

import org.jspecify.annotations.NullMarked;
