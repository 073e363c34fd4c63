#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time; fails on any crash.
#   scripts/run-fuzzers.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build/fuzz}"
seconds="${2:-60}"
shopt -s nullglob
targets=("$dir"/tests/fuzz/*_fuzz)
if ((${#targets[@]} == 0)); then echo "no fuzz targets in $dir" >&2; exit 1; fi
for t in "${targets[@]}"; do
  name=$(basename "$t")
  corpus="$PWD/.cache/fuzz-corpus/$name"
  mkdir -p "$corpus"
  seeds="$PWD/tests/fuzz/seeds/$name"
  echo "--- $name for ${seconds}s"
  args=("$corpus")
  [[ -d "$seeds" ]] && args+=("$seeds")
  bin="$PWD/$t"
  (cd "$(mktemp -d)" && "$bin" -max_total_time="$seconds" -print_final_stats=1 \
     -rss_limit_mb=2048 "${args[@]}")
done
