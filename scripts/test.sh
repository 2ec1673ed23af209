#!/usr/bin/env bash
# Sets up, builds and runs every test: in the optimised build, then in an AddressSanitizer +
# UndefinedBehaviorSanitizer build, then the parser's libFuzzer target for a minute (clang).
# Warnings are errors here.
#   scripts/test.sh            (what CI runs)
# Test material is read from ../shared/corpus (CI has it there too).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)  # before the next line: nproc obeys OMP_THREAD_LIMIT
export OMP_THREAD_LIMIT=1
export NASKAH_SETUP_BROWSER=1  # chromium, Node.js and playwright-core for tests/browser

phase() { echo "test.sh: $1 at ${SECONDS} s" >&2; }

scripts/setup.sh build -DNASKAH_WERROR=ON
phase "optimised build done"
# NASKAH_PACKAGE_TEST: the .deb is installed with apt and purged again (as root only).
(cd build && NASKAH_PACKAGE_TEST=1 ctest --output-on-failure -j "$jobs")
phase "optimised tests done"

# -O1, as the sanitizers' authors advise: half the compile time of -O2 here, and the stack
# traces stay readable.
scripts/setup.sh build-asan -DNASKAH_WERROR=ON -DNASKAH_SANITIZE=ON -DNASKAH_BENCH=OFF \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
phase "sanitizer build done"
(cd build-asan && ctest --output-on-failure -j "$jobs")  # settings: cmake/sanitizer_defaults.cc
phase "sanitizer tests done"

cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" \
  -DNASKAH_FUZZ=ON -DNASKAH_TESTS=OFF -DNASKAH_BENCH=OFF >&2
cmake --build build-fuzz --target parser_fuzzer >&2
(cd build-fuzz && ctest --output-on-failure -L fuzz)
phase "fuzzing done"
