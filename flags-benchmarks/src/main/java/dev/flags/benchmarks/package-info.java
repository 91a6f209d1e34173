/**
 * JMH benchmarks of the flags client, one class per scenario or concern, plus the shared fixture
 * (the scenario flag document, the people that ask, and the expected answers).
 *
 * <p>For maintainers and anyone checking the library's performance claims. Build the
 * self-contained jar and run a class by its simple name:
 *
 * <pre>
 * mvn -q -pl flags-benchmarks -am package -DskipTests
 * java -jar flags-benchmarks/target/benchmarks.jar EvaluationBenchmark -prof gc
 * </pre>
 *
 * <p>Method names follow {@code <scenario>_prebuilt} (the context was built before the measured
 * call) and {@code <scenario>_built} (the context is built inside the measured call), the same in
 * every class, so that {@link dev.flags.benchmarks.tools.Report} can line libraries up per
 * scenario. See {@code BENCHMARKS.md} at the repository root.
 */
package dev.flags.benchmarks;
