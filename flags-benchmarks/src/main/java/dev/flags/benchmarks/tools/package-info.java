/**
 * Command-line tools that run from {@code benchmarks.jar} next to the benchmarks: the allocation
 * guard of the smoke run ({@link dev.flags.benchmarks.tools.AllocationGuard}), the Markdown table
 * and SVG chart of a full run ({@link dev.flags.benchmarks.tools.Report}), and the retained-memory
 * measurement ({@link dev.flags.benchmarks.tools.RetainedMemory}). All of them read JMH's JSON
 * output ({@code -rf json}); none of them gates on time.
 */
package dev.flags.benchmarks.tools;
