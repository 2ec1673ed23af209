#!/usr/bin/env bash
# Sets up, builds and runs every test twice: in the optimised build, then in an
# AddressSanitizer + UndefinedBehaviorSanitizer build. Warnings are errors here.
#   scripts/test.sh            (what CI runs)
# Test material is read from ../shared/corpus when it is there (CI has it).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1
jobs=$(nproc)

scripts/setup.sh build -DNASKAH_WERROR=ON
(cd build && ctest --output-on-failure -j "$jobs")

scripts/setup.sh build-asan -DNASKAH_WERROR=ON -DNASKAH_SANITIZE=ON
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j "$jobs")
