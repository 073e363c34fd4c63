#!/usr/bin/env bash
# SSE fan-out side by side: livegate's uni_sse (release build) and nchan's EventSource
# endpoint, same machine, same run, same load generator and scenarios as run-bench.sh.
#   scripts/bench-sse.sh
# Results: ../shared/peers/results/sse-<stamp>.jsonl and the table printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
peers_dir=$(cd ../shared/peers && pwd)
port=${LIVEGATE_BENCH_PORT:-18400}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$peers_dir/results/sse-$stamp.jsonl"
mkdir -p "$peers_dir/results"
FAN_N=${FAN_N:-1000} FAN_M=${FAN_M:-2000} FAN_R=${FAN_R:-1000} REPS=${REPS:-2}
LOW_M=${LOW_M:-500} LOW_R=${LOW_R:-50}

# nchan over SSE first (run-bench.sh starts and stops it); its lines go to the same file.
(cd "$peers_dir" && OUT="$out" ./run-bench.sh nchan-sse)

# Subscribers open GET /connection/uni_sse?channel=<ch> anonymously.
source scripts/lib/bench-livegate.sh
start_bench_livegate --uni_sse.enabled=true
echo "livegate $(git rev-parse --short HEAD) on :$port (pid $pid), uni_sse"
bench=("$peers_dir/fanout-bench/fanout-bench" -name livegate-sse -adapter centrifugo-v2 -sse
  -sub-url 'http://{addr}/connection/uni_sse?channel={ch}' -addr "127.0.0.1:$port" -server-pid "$pid")
for ((r = 1; r <= REPS; r++)); do
  "${bench[@]}" -scenario fanout -n "$FAN_N" -m "$FAN_M" -rate "$FAN_R" -channel "bench$r" | tee -a "$out"
done
"${bench[@]}" -scenario fanout -n "$FAN_N" -m "$LOW_M" -rate "$LOW_R" -channel benchlow | tee -a "$out"
"$peers_dir/fanout-bench/fanout-bench" -table "$out"
echo "raw results: $out"
