#!/usr/bin/env bash
# Builds and runs the JMH benchmarks (benchmarks/README.md); arguments go to JMH:
#   bench/jmh.sh                       every benchmark
#   bench/jmh.sh SliceUpdate -p keys=10000
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
if [ ! -f benchmarks/target/benchmarks.jar ] || [ -n "$(find engine/src benchmarks/src -newer benchmarks/target/benchmarks.jar -print -quit)" ]; then
  mvn -B -q -DskipTests install -pl benchmarks -am
fi
exec java -jar benchmarks/target/benchmarks.jar "$@"
