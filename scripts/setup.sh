#!/usr/bin/env bash
# Installs the Debian 12 packages naskah needs (only those missing) and builds it.
#   scripts/setup.sh [BUILD_DIR] [extra cmake arguments...]
# Default BUILD_DIR: build (optimised). Needs root or sudo for the install step only.
# NASKAH_SETUP_BROWSER=1 (scripts/test.sh sets it) also installs what the browser tests
# need: Debian's chromium, Node.js and npm, and playwright-core from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # tool chain
  g++ cmake ninja-build pkg-config
  # libraries
  libpoppler-cpp-dev libtesseract-dev libleptonica-dev libspdlog-dev nlohmann-json3-dev
  libcli11-dev libtomlplusplus-dev libsodium-dev libexpected-dev libxapian-dev
  libcurl4-openssl-dev libcpp-httplib-dev
  # index tools: xapian-compact, xapian-tcpsrv; omindex for the index benchmark
  xapian-tools xapian-omega
  # OCR language data: Indonesian, English, orientation detection
  tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng tesseract-ocr-osd
  # tests, fuzzing and benchmarks
  googletest libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  # the Debian package: dpkg-shlibdeps for cpack; man, which systemd-analyze verify runs
  dpkg-dev man-db
)

# Node.js from Debian unless a node is installed already (the tests need 18 or later).
if [ "${NASKAH_SETUP_BROWSER:-0}" = 1 ]; then
  packages+=(chromium)
  command -v node > /dev/null || packages+=(nodejs)
  command -v npm > /dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ "${NASKAH_SETUP_BROWSER:-0}" = 1 ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "setup: installing playwright-core into tests/browser (npm registry)" >&2
  (cd tests/browser && npm ci --no-audit --no-fund >&2)
fi

build="${1:-build}"
shift || true
# Line tables only (-g1): enough for backtraces and sanitizer reports, and much quicker to
# compile and link than full debug information. A later -D on the command line wins.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "$@" >&2
cmake --build "$build" >&2
