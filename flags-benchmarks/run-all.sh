#!/usr/bin/env bash
# Full benchmark run: every benchmark with settings meant for a quiet 2-core machine, then the
# retained-memory measurement, then the report (results/table.md and results/chart.svg).
#
# Usage (from anywhere; build first):
#   mvn -q -o -pl flags-benchmarks -am package -DskipTests
#   bash flags-benchmarks/run-all.sh
#
# Environment:
#   JMH_OPTS    JMH options (default: -f 2 -wi 3 -w 2s -i 5 -r 2s)
#   BENCHMARKS  a JMH regex to run a subset (default: everything), e.g. 'Rule|LaunchDarkly'
#   JVM_ARGS    extra JVM options for the forked benchmark JVMs (default: -Xms2g -Xmx2g)
#
# Expect about two hours for the whole suite with the defaults (some peers take milliseconds
# per call and every peer benchmark builds its client in each fork). Nothing else should run on
# the machine meanwhile; the report records the load average at the start and the end.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/results"
jmh_opts=${JMH_OPTS:--f 2 -wi 3 -w 2s -i 5 -r 2s}
benchmarks=${BENCHMARKS:-.}
jvm_args=${JVM_ARGS:--Xms2g -Xmx2g}
if [[ ! -f "$jar" ]]; then
  echo "run-all: $jar not found; build it first:" >&2
  echo "  cd $(dirname "$here") && mvn -q -o -pl flags-benchmarks -am package -DskipTests" >&2
  exit 2
fi
mkdir -p "$out"

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
java_version=$(java -version 2>&1 | head -n 1)
start=$(date +%s)

echo "run-all: JMH $jmh_opts, benchmarks '$benchmarks', JVM $jvm_args"
# shellcheck disable=SC2086 # word splitting of the option strings is intended
java -jar "$jar" "$benchmarks" $jmh_opts -jvmArgsAppend "$jvm_args" -prof gc \
  -rf json -rff "$out/jmh-result.json" 2>&1 | tee "$out/jmh-output.txt"

echo "run-all: measuring retained memory ..."
java -cp "$jar" dev.flags.benchmarks.tools.RetainedMemory \
  "$out/retained-memory.json" | tee "$out/retained-memory.txt"

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
minutes=$(( ($(date +%s) - start) / 60 ))
machine="$(nproc) cores ($cpu), $mem, $(uname -sr), $java_version; load average at start"
machine="$machine $load_start, at end $load_end; run took $minutes min"

java -cp "$jar" dev.flags.benchmarks.tools.Report "$out/jmh-result.json" \
  --memory "$out/retained-memory.json" --machine "$machine" --out "$out"

# The same allocation check as the smoke run, reported here for the record (and as the exit
# status), after the report has been written either way.
status=0
if [[ "$benchmarks" == "." ]]; then
  java -jar "$jar" -l > "$out/benchmarks.txt"
  java -cp "$jar" dev.flags.benchmarks.tools.AllocationGuard --expect "$out/benchmarks.txt" \
    "$out/jmh-result.json" | tail -n 1 || status=$?
fi
echo "run-all: done in $minutes min; see $out/table.md and $out/chart.svg"
exit "$status"
