#!/usr/bin/env bash
# CI smoke run and allocation guard for flags-benchmarks.
#
# Runs every benchmark once, very briefly, and fails when
#   - any benchmark errors or produces no result (exit 2), or
#   - any of flags' own evaluation benchmarks with a pre-built context allocates
#     (gc.alloc.rate.norm >= 1 B/op; exit 1).
# Time is never gated: numbers from a run this short are meaningless, and the machine is shared.
#
# This library's benchmarks run forked (one fresh JVM each, as the allocation figures need);
# the peers run in one JVM (-f 0), whose clients are built once and shared, to keep the run short.
# LoadBenchmark runs with its 100-flag document only.
#
# Usage (from anywhere; build first):
#   mvn -q -o -pl flags-benchmarks -am package -DskipTests
#   bash flags-benchmarks/smoke.sh
# Output: flags-benchmarks/target/smoke/ (JMH logs and JSON, table.md, chart.svg).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/target/smoke"
if [[ ! -f "$jar" ]]; then
  echo "SMOKE FAIL: $jar not found; build it first:" >&2
  echo "  cd $(dirname "$here") && mvn -q -o -pl flags-benchmarks -am package -DskipTests" >&2
  exit 2
fi
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)

# Every benchmark the jar contains; the guard checks that each of them produced a result.
java -jar "$jar" -l > "$out/benchmarks.txt"
total=$(grep -c '^dev\.flags\.' "$out/benchmarks.txt" || true)
echo "smoke: $total benchmarks in the jar"

short=(-wi 1 -i 1 -w 100ms -r 200ms -prof gc -foe true)

run_jmh() { # name, then JMH arguments
  local name="$1"
  shift
  echo "smoke: running $name benchmarks ..."
  if ! java -jar "$jar" "$@" "${short[@]}" -rf json -rff "$out/$name.json" > "$out/$name.log" 2>&1; then
    tail -n 60 "$out/$name.log" >&2
    echo "SMOKE FAIL: a $name benchmark failed (full log: $out/$name.log)" >&2
    exit 2
  fi
}

run_jmh flags '^dev\.flags\.benchmarks\.[A-Za-z]+Benchmark\.' -f 1 -p flagCount=100
run_jmh peers '^dev\.flags\.benchmarks\.peers\.' -f 0

echo "smoke: checking the retained-memory tool ..."
if ! java -cp "$jar" dev.flags.benchmarks.tools.RetainedMemory --quick \
    "$out/retained-memory.json" > "$out/retained-memory.log" 2>&1; then
  cat "$out/retained-memory.log" >&2
  echo "SMOKE FAIL: tools.RetainedMemory failed" >&2
  exit 2
fi

echo "smoke: checking the report tool ..."
if ! java -cp "$jar" dev.flags.benchmarks.tools.Report "$out/flags.json" "$out/peers.json" \
    --memory "$out/retained-memory.json" --machine "smoke run (not a measurement)" \
    --out "$out" > "$out/report.log" 2>&1; then
  cat "$out/report.log" >&2
  echo "SMOKE FAIL: tools.Report failed" >&2
  exit 2
fi

status=0
java -cp "$jar" dev.flags.benchmarks.tools.AllocationGuard --expect "$out/benchmarks.txt" \
  "$out/flags.json" "$out/peers.json" | tee "$out/allocation-guard.txt" || status=$?

elapsed=$(( $(date +%s) - start ))
if [[ $status -eq 0 ]]; then
  echo "SMOKE PASS: $total benchmarks ran, allocation guard passed, ${elapsed}s"
else
  echo "SMOKE FAIL: allocation guard exit $status (see above), ${elapsed}s" >&2
fi
exit "$status"
