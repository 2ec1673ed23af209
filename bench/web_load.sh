#!/usr/bin/env bash
# Load on the web API: wrk against GET /api/search with a fixed mix of 52 queries
# (bench/web_queries.txt) on an archive of DOCS synthetic agreements, while the in-process
# watcher ingests scans dropped into the inbox. Prints requests per second, latency
# percentiles and errors (one JSON line at the end).
#   bench/web_load.sh [BUILD_DIR] [DOCS] [SECONDS] [CONNECTIONS]
# Runs twice: with the result cache (web.result_cache_entries, default) and without it.
# Defaults: build, 10000, 30, 32. Needs wrk (Debian package; installed when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
docs=${2:-10000}
seconds=${3:-30}
connections=${4:-32}
[[ $build = /* ]] || build=$here/$build
naskah=$build/cli/naskah
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk >&2
fi
export OMP_THREAD_LIMIT=1

work=$(mktemp -d /tmp/web-load.XXXXXX)
pid=0
feeder=0
cleanup() {
  ((feeder)) && kill "$feeder" 2>/dev/null || true
  ((pid)) && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [[ ${KEEP:-0} == 1 ]]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "== an archive of $docs synthetic agreements, indexed (bench/index_bench)" >&2
"$build/bench/index_bench" "$work" --docs "$docs" --threads 2 > "$work/index_bench.txt"
data=$work/data
rm -rf "$work/text" "$work/index-direct"
printf '%s\n' 'beban-uji-sandi' | "$naskah" --quiet user add --data "$data" beban --role viewer \
  --password-stdin

# The watcher's work meanwhile: a scan every 2 s, each with different bytes (a PDF may
# carry bytes after its end), so each is read and OCRed for real.
mkdir -p "$data/inbox"
(
  n=0
  while true; do
    n=$((n + 1))
    { cat "$here/samples/mou-kanwil-universitas.scan.pdf"; printf '\n%% load %d\n' "$n"; } \
      > "$data/inbox/.load-$n"
    mv "$data/inbox/.load-$n" "$data/inbox/load-$n.pdf"
    sleep 2
  done
) &
feeder=$!

# One run of wrk against a fresh `naskah serve --watch` keeping `$1` answers in its cache.
load() {
  local entries=$1 port=$(( 20000 + RANDOM % 20000 )) cookie
  NASKAH_WEB_RESULT_CACHE_ENTRIES=$entries \
    "$naskah" serve --data "$data" --listen "127.0.0.1:$port" --watch 2>> "$work/serve.log" &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"user":"beban","password":"beban-uji-sandi"}' "http://127.0.0.1:$port/api/login" |
    sed -n 's/^Set-Cookie: \(naskah_session=[0-9a-f]*\).*/\1/p')
  [[ -n $cookie ]] || { echo "bench: sign-in failed" >&2; exit 1; }
  echo "== wrk: result cache $entries, $connections connections, $seconds s, /api/search over" \
    "$(grep -c . "$here/bench/web_queries.txt") queries, while the watcher ingests" >&2
  NASKAH_COOKIE=$cookie NASKAH_QUERIES=$here/bench/web_queries.txt \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/bench/web_load.lua" \
    "http://127.0.0.1:$port" | tee "$work/wrk-$entries.txt" >&2
  kill "$pid"; wait "$pid" || true; pid=0
  grep '^JSON ' "$work/wrk-$entries.txt" |
    sed "s/^JSON {/{\"docs\": $docs, \"cache\": $entries, \"connections\": $connections, /"
}

load 2000
load 0
kill "$feeder"; feeder=0
ingested=$(grep -c 'load-[0-9]*\.pdf: ingested' "$work/serve.log" || true)
echo "== meanwhile the watcher ingested $ingested scans (each OCRed: $work/serve.log)" >&2
