#!/usr/bin/env bash
# Installs the Debian 12 packages naskah needs (only those missing) and builds it.
#   scripts/setup.sh [BUILD_DIR] [extra cmake arguments...]
# Default BUILD_DIR: build (optimised). Needs root or sudo for the install step only.
# NASKAH_SETUP_BROWSER=1 (scripts/test.sh sets it) also installs what the browser tests
# need: Debian's chromium, Node.js and npm, and playwright-core from the npm registry.
# The programs it installs and then checks are listed in scripts/commands.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."

# Libraries and data: packages without a command of their own to look for.
packages=(
  libpoppler-cpp-dev libtesseract-dev libleptonica-dev libspdlog-dev nlohmann-json3-dev
  libcli11-dev libtomlplusplus-dev libsodium-dev libexpected-dev libxapian-dev
  libcurl4-openssl-dev libcpp-httplib-dev libxlsxwriter-dev
  # OCR language data: Indonesian, English, orientation detection
  tesseract-ocr-ind tesseract-ocr-eng tesseract-ocr-osd
  # tests, fuzzing and benchmarks
  googletest libgtest-dev libgmock-dev libbenchmark-dev libclang-rt-14-dev
  # the export tests open workbooks with a real reader; the reminder tests run a real SMTP
  # server (tests/support/smtp_server.py)
  python3-openpyxl python3-aiosmtpd
)
# Programs: scripts/commands.tsv names each with its package. One that is missing is
# installed from Debian; one already on the PATH (a newer Node.js, say) is kept.
commands=()
while IFS=$'\t' read -r command package group _; do
  [[ -z "$command" || "$command" == \#* ]] && continue
  [ "$group" = browser ] && [ "${NASKAH_SETUP_BROWSER:-0}" != 1 ] && continue
  commands+=("$command:$package")
  command -v "$command" > /dev/null || packages+=("$package")
done < scripts/commands.tsv

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# Every program found now, or a clear word at once rather than a test failing later.
for entry in "${commands[@]}"; do
  command -v "${entry%%:*}" > /dev/null && continue
  echo "setup: '${entry%%:*}' is still not found after installing Debian's '${entry#*:}'" \
    "(scripts/commands.tsv); install it, then run this again" >&2
  exit 1
done

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
