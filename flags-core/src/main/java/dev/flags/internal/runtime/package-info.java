/**
 * The live side of a client: sources and their layers, operator state, history and rollback,
 * schedule boundaries, status, listeners and the audit log, coordinated by {@link
 * dev.flags.internal.runtime.Controller} under one lock. The only package that owns threads.
 * Not exported; uses neither Jackson nor HTTP.
 */
@NullMarked
package dev.flags.internal.runtime;

import org.jspecify.annotations.NullMarked;
