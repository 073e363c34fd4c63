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

make build-release >/dev/null
bin=$root/build/release/src/main/livegate
log=$(mktemp)
# Subscribers open GET /connection/uni_sse?channel=<ch> anonymously; publish with key "bench".
"$bin" --http.address=127.0.0.1 --http.port="$port" --log_level=warn \
  --uni_sse.enabled=true \
  --client.allow_anonymous_connect_without_token=true \
  --channel.without_namespace.allow_subscribe_for_client=true \
  --channel.without_namespace.allow_subscribe_for_anonymous=true \
  --http_api.key=bench >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.1
done
echo "livegate $(git rev-parse --short HEAD) on :$port (pid $pid), uni_sse"
bench=("$peers_dir/fanout-bench/fanout-bench" -name livegate-sse -adapter centrifugo-v2 -sse
  -sub-url 'http://{addr}/connection/uni_sse?channel={ch}' -addr "127.0.0.1:$port" -server-pid "$pid")
for ((r = 1; r <= REPS; r++)); do
  "${bench[@]}" -scenario fanout -n "$FAN_N" -m "$FAN_M" -rate "$FAN_R" -channel "bench$r" | tee -a "$out"
done
"${bench[@]}" -scenario fanout -n "$FAN_N" -m "$LOW_M" -rate "$LOW_R" -channel benchlow | tee -a "$out"
"$peers_dir/fanout-bench/fanout-bench" -table "$out"
echo "raw results: $out"
