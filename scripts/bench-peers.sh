#!/usr/bin/env bash
# Side-by-side benchmark: livegate (release build) beside the peers of ../shared/peers, same
# machine, same run, same load generator (fanout-bench, adapter centrifugo-v2).
#   scripts/bench-peers.sh [PEER ...]      default peers: floor nchan centrifuge-go
# Results: ../shared/peers/results/run-*.jsonl and the tables printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
peers_dir=$(cd ../shared/peers && pwd)
port=${LIVEGATE_BENCH_PORT:-18400}
peers=("$@")
((${#peers[@]})) || peers=(floor nchan centrifuge-go)

source scripts/lib/bench-livegate.sh
start_bench_livegate
echo "livegate $(git rev-parse --short HEAD) on :$port (pid $pid)"
cd "$peers_dir"
./run-bench.sh "${peers[@]}" "ext:livegate:centrifugo-v2:127.0.0.1:$port:$pid"
