#!/usr/bin/env bash
# Start-up time of the sample, with the starter and with it switched off (flags.enabled=false),
# as Spring Boot reports it ("Started SampleApplication in N seconds"), alternating RUNS times.
# Build the jar first: mvn -q -DskipTests package -pl examples/spring-boot-sample -am
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${1:-5}"

started() {
  local out pid
  out="$(mktemp)"
  java -jar target/flags-spring-boot-sample.jar --server.port=0 "$@" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -q 'Started SampleApplication in' "$out" && break
    sleep 0.1
  done
  grep -o 'Started SampleApplication in [0-9.]* seconds' "$out" | awk '{print $4}'
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -f "$out"
}

echo "run with-starter starter-off load"
for i in $(seq 1 "$RUNS"); do
  echo "$i $(started) $(started --flags.enabled=false) $(cut -d' ' -f1 /proc/loadavg)"
done
