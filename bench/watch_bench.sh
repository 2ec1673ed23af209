#!/usr/bin/env bash
# End to end, side by side in one run on the same files: PAGES scanned pages (default 200)
# dropped at once into the inbox of a running `naskah watch`, timed from the drop until
# every file is archived, indexed and searchable; against
#   ocrmypdf -j 2 --output-type none --sidecar, file after file (text out, nothing indexed).
# Prints pages per minute for both, the ratio, and the peak resident memory of the daemon
# and of each worker process.
#   bench/watch_bench.sh [NASKAH_BINARY] [PAGES]
# Needs: ocrmypdf poppler-utils (Debian packages); the scans of ../shared/corpus/dev.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
naskah=${1:-$here/build/cli/naskah}
want_pages=${2:-200}
corpus=$here/../shared/corpus/dev
export OMP_THREAD_LIMIT=1
for tool in ocrmypdf pdfinfo "$naskah"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
work=$(mktemp -d)
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
per_minute() { awk -v p="$1" -v s="$2" 'BEGIN { printf "%.1f", 60 * p / s }'; }
kb_of() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# The scanned agreements, copied until there are enough pages; each copy gets a PDF comment
# after its end, so its bytes (and sha256) differ and naskah reads it again.
mkdir -p "$work/files"
pages=0
files=0
round=0
scans=("$corpus"/*.scan300.pdf "$corpus"/*.scan200noisy.pdf)
while [ "$pages" -lt "$want_pages" ]; do
  round=$((round + 1))
  for f in "${scans[@]}"; do
    [ "$pages" -ge "$want_pages" ] && break
    out="$work/files/r$round-$(basename "$f")"
    { cat "$f"; printf '\n%% copy %d\n' "$round"; } > "$out"
    pages=$((pages + $(pdfinfo "$out" | awk '/^Pages:/ { print $2 }')))
    files=$((files + 1))
  done
done
echo "$files files, $pages scanned pages, $(getconf _NPROCESSORS_ONLN) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"

# --- naskah watch: drop everything at once, wait until it is all searchable ------------
data="$work/data"
mkdir -p "$data/inbox" "$work/staging"
"$naskah" watch --data "$data" --quiet 2> "$work/watch.log" &
daemon=$!
sleep 1
cp "$work"/files/*.pdf "$work/staging/"
t=$(now)
mv "$work"/staging/*.pdf "$data/inbox/"   # one rename each: the drop
worker_peaks=""
while :; do
  # Workers' peaks are read while they live (they end with the daemon).
  for task in /proc/"$daemon"/task/*; do
    for child in $(cat "$task/children" 2>/dev/null); do
      grep -q worker "/proc/$child/cmdline" 2>/dev/null || continue
      worker_peaks="$worker_peaks $child:$(kb_of "$child" VmHWM)"
    done
  done
  left=$(find "$data/inbox" -type f | wc -l)
  if [ "$left" -eq 0 ]; then
    total=$("$naskah" search --data "$data" --json --limit 1 2>/dev/null |
            sed -n 's/^ *"total": *\([0-9]*\).*/\1/p' | head -1 || true)
    [ "${total:-0}" -ge "$files" ] && break
  fi
  sleep 0.5
done
naskah_s=$(elapsed "$t")
daemon_kb=$(kb_of "$daemon" VmHWM)
kill -TERM "$daemon"
wait "$daemon" || true
daemon=""
refused=$( (find "$data/failed" -name '*.error.json' 2>/dev/null || true) | wc -l)
# The highest peak seen for each worker process.
worker_line=$(printf '%s\n' $worker_peaks | awk -F: '$2 > m[$1] { m[$1] = $2 }
  END { n = 0; for (p in m) { printf "%s%.0f", (n++ ? ", " : ""), m[p] / 1024 } }')

# --- ocrmypdf on the same files ---------------------------------------------------------
t=$(now)
for f in "$work"/files/*.pdf; do
  ocrmypdf -q -j 2 -l ind+eng --output-type none --sidecar "$work/side.txt" "$f" - >/dev/null 2>&1 ||
    ocrmypdf -q -j 2 -l ind+eng --output-type none --sidecar "$work/side.txt" "$f" "$work/out.pdf" >/dev/null
done
ocrmypdf_s=$(elapsed "$t")

echo
printf '%-58s %9s %11s\n' "drop $pages pages at once" seconds "pages/min"
printf '%-58s %9s %11s\n' "naskah watch (drop -> archived, indexed, searchable)" "$naskah_s" "$(per_minute "$pages" "$naskah_s")"
printf '%-58s %9s %11s\n' "ocrmypdf -j 2 --output-type none --sidecar (text only)" "$ocrmypdf_s" "$(per_minute "$pages" "$ocrmypdf_s")"
awk -v a="$ocrmypdf_s" -v b="$naskah_s" 'BEGIN { printf "naskah is %.2fx as fast as ocrmypdf\n", a / b }'
echo "refused: $refused file(s)"
echo "peak resident memory: daemon $((daemon_kb / 1024)) MB; workers (MB each): ${worker_line:-none seen}"
