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

make build-release >/dev/null
bin=$root/build/release/src/main/livegate
log=$(mktemp)
# The bench connects without a token and publishes with X-API-Key "bench".
"$bin" --http.address=127.0.0.1 --http.port="$port" --log_level=warn \
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
echo "livegate $(git rev-parse --short HEAD) on :$port (pid $pid)"
cd "$peers_dir"
./run-bench.sh "${peers[@]}" "ext:livegate:centrifugo-v2:127.0.0.1:$port:$pid"
