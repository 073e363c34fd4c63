# Sourced by the bench scripts: builds the release binary and starts livegate for
# fanout-bench (anonymous subscribers, API key "bench") on $port with extra flags "$@".
# Sets $pid; stops livegate when the calling script exits.
start_bench_livegate() {
  make build-release >/dev/null
  local bin=$root/build/release/src/main/livegate
  local log
  log=$(mktemp)
  "$bin" --http.address=127.0.0.1 --http.port="$port" --log_level=warn \
    --client.allow_anonymous_connect_without_token=true \
    --channel.without_namespace.allow_subscribe_for_client=true \
    --channel.without_namespace.allow_subscribe_for_anonymous=true \
    --http_api.key=bench "$@" >"$log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    sleep 0.1
  done
  echo "livegate did not start:" >&2
  cat "$log" >&2
  return 1
}
