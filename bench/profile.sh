#!/usr/bin/env bash
# Profiles one workload with JDK Flight Recorder and prints where the query thread (or, with
# --threads weir-udf, the UDF worker threads) spends its time (inclusive and self, by method):
#   bench/profile.sh hop60 [N] [--threads PREFIX] [more weir bench options]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workload="${1:?usage: bench/profile.sh WORKLOAD [N]}"
n="${2:-20000000}"
shift $(( $# < 2 ? $# : 2 ))
jfr_file="$here/target/profile-$workload.jfr"
mkdir -p "$here/target"
cd "$here"
threads=weir-query
rest=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--threads" ]; then threads="$2"; shift 2; else rest+=("$1"); shift; fi
done
set -- ${rest[@]+"${rest[@]}"}
runs=(--runs 1)
case " $* " in *" --runs"*|*" -r"*) runs=() ;; esac
WEIR_JAVA_OPTS="-Xmx2g -XX:+UseParallelGC -XX:StartFlightRecording=filename=$jfr_file,settings=profile" \
  ./weir bench "$workload" -n "$n" "${runs[@]}" "$@"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr_file" > "$jfr_file.txt"
python3 "$here/bench/jfr-top.py" "$jfr_file.txt" 30 "$threads"
echo "profile: $jfr_file (open it in JDK Mission Control for more)" >&2
