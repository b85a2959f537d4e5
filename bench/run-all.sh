#!/usr/bin/env bash
# Every measurement of the README's Benchmarks section, appended as JSON lines to one file:
#   bench/run-all.sh [results.jsonl]
# Takes about 17 minutes on 2 cores. Run it on a quiet machine: the figures are wall-clock
# events/s (each run also reports events per CPU-second of the query thread, which stays
# meaningful when other processes share the cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/bench/results/$(date +%Y%m%d-%H%M%S).jsonl}"
mkdir -p "$(dirname "$out")"
cd "$here"
echo "bench: results go to $out" >&2

# The issue's four workloads, its exact SQL, N = 20,000,000, median of 3 (after a warm-up run).
./weir bench pass tumble hop hop60 --runs 3 --json "$out"
# 100 auctions instead of 10,000: HOP(1 s, 60 s) against TUMBLE(10 s), cost per event.
./weir bench tumble-100 hop60-100 --runs 3 --json "$out"
# HOP(2 s, 10 s) fed from a pre-filled Kafka topic of JSON, beside a bare consumer + Jackson.
./weir bench kafka-hop --runs 3 --json "$out"
# A million distinct keys in a heap of 1 GB: state in RocksDB.
WEIR_JAVA_OPTS="-Xmx1g -XX:+UseParallelGC" ./weir bench keys1m --runs 1 --json "$out"
# Latency at a fixed rate (event time = wall clock).
./weir bench latency-q0 latency-hop --runs 1 --json "$out"
# Model scoring (the example XGBoost model) beside the model's own predict, one thread.
./weir bench score score-64 score-64x2 --runs 3 --json "$out"
# Nexmark.
./weir bench nexmark-q0 nexmark-q1 nexmark-q2 nexmark-q5 nexmark-q7 --runs 3 --json "$out"
echo "bench: done; summaries:" >&2
grep '"summary":true' "$out" >&2
