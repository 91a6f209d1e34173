/**
 * Command-line tools that run from {@code benchmarks.jar} next to the benchmarks: the allocation
 * guard of the smoke run ({@link dev.flags.benchmarks.tools.AllocationGuard}), the Markdown table
 * and SVG chart of a full run ({@link dev.flags.benchmarks.tools.Report}), the retained-memory
 * measurement ({@link dev.flags.benchmarks.tools.RetainedMemory}) and its split by class ({@link
 * dev.flags.benchmarks.tools.HeapByClass}). The first two read JMH's JSON output ({@code -rf
 * json}); none of them gates on time.
 */
package dev.flags.benchmarks.tools;
