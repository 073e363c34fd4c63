#!/usr/bin/env bash
# Every test of livegate: ASan+UBSan and TSan builds run the unit and end-to-end suites,
# the clang build runs each fuzzer for a bounded time, and the formatting is checked.
# Exits non-zero on any failure. Expects scripts/install-deps.sh --test to have run.
set -uo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
JOBS=$(nproc)
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
failed=()
passed=()

step() {  # name command...
  local name=$1; shift
  echo
  echo "==> [$(date +%H:%M:%S)] $name"
  if "$@"; then
    passed+=("$name")
  else
    failed+=("$name"); echo "!!! $name FAILED"; return 1
  fi
}

build() {  # preset [cmake --build args...]
  local preset=$1; shift
  cmake --preset "$preset" >/dev/null && cmake --build "build/$preset" -j "$JOBS" "$@"
}

ctest_label() {  # preset label
  ctest --test-dir "build/$1" -L "$2" --output-on-failure --no-tests=error -j "$JOBS"
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

step "format check" bash -c "find src tests -name '*.h' -o -name '*.cc' | xargs clang-format-14 --dry-run -Werror"
if step "build asan-ubsan" build asan-ubsan; then
  step "unit (asan-ubsan)" ctest_label asan-ubsan unit
  step "e2e (asan-ubsan)" ctest_label asan-ubsan e2e
fi
if step "build tsan" build tsan; then
  step "unit (tsan)" ctest_label tsan unit
  step "e2e (tsan)" ctest_label tsan e2e
fi
if step "build fuzz" build fuzz --target ws_frame_decoder_fuzz command_decoder_fuzz http_helpers_fuzz \
    fossil_delta_fuzz; then
  step "fuzz (${FUZZ_SECONDS}s each)" scripts/run-fuzzers.sh build/fuzz "$FUZZ_SECONDS"
fi

echo
echo "==> summary"
for s in "${passed[@]}"; do echo "  ok    $s"; done
for s in "${failed[@]}"; do echo "  FAIL  $s"; done
echo "${#passed[@]} passed, ${#failed[@]} failed"
[[ ${#failed[@]} -eq 0 ]]
