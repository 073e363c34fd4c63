#!/usr/bin/env bash
# Installs every Debian and npm dependency of livegate, idempotently.
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also what the tests need (clang for fuzzing, npm test clients)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libjwt-dev libyaml-cpp-dev libspdlog-dev libfmt-dev curl
)
# Node.js (>= 18, with npm) may come from elsewhere than Debian; install Debian's only if absent.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
if [[ "${1:-}" == "--test" ]]; then
  # chromium: the browser tests drive the demo pages with npm playwright-core.
  packages+=(libgtest-dev libgmock-dev clang-14 libclang-rt-14-dev clang-format-14 chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing: ${missing[*]}"
  # Wait for another apt/dpkg run (unattended upgrades) to release its lock.
  for _ in $(seq 1 120); do
    fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1 || break
    echo "    waiting for the apt lock..."; sleep 2
  done
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "==> Debian packages: all present"
fi

# The demo site and the end-to-end tests use the official centrifuge client from npm.
npm_install() {  # dir
  if [[ ! -d "$1/node_modules" || "$1/package-lock.json" -nt "$1/node_modules" ]]; then
    echo "==> npm ci in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install web
if [[ "${1:-}" == "--test" ]]; then npm_install tests/e2e; fi
