#!/usr/bin/env bash
# Side-by-side speed of naskah extract against the tools a user would otherwise pick, on the
# same files in one run:
#   scans:     pdftoppm -r 300 + tesseract -l ind+eng, page by page, sequentially
#              ocrmypdf -j 2 --output-type none --sidecar
#              naskah extract --json (its own worker threads, one per core)
#   text PDFs: pdftotext  vs  naskah extract --json
# Prints pages per second, the ratios, and naskah's peak resident memory.
#   bench/ocr_bench.sh [NASKAH_BINARY] [CORPUS_DIR]
# Needs: ocrmypdf poppler-utils tesseract-ocr-ind time (Debian packages).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
naskah=${1:-$here/build/cli/naskah}
corpus=${2:-$here/../shared/corpus/dev}
export OMP_THREAD_LIMIT=1  # every tool gets single-threaded Tesseract: the fastest setting
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in pdftoppm tesseract ocrmypdf pdftotext pdfinfo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

scans=("$corpus"/*.scan300.pdf "$corpus"/*.scan200noisy.pdf)
texts=("$corpus"/*.digital.pdf)
scan_pages=0
for f in "${scans[@]}"; do scan_pages=$((scan_pages + $(pages_of "$f"))); done
text_pages=0
for f in "${texts[@]}"; do text_pages=$((text_pages + $(pages_of "$f"))); done
echo "scans: ${#scans[@]} files, $scan_pages pages; text PDFs: ${#texts[@]} files, $text_pages pages; $(getconf _NPROCESSORS_ONLN) cores"

# --- scans --------------------------------------------------------------------------
t=$(now)
for f in "${scans[@]}"; do
  rm -f "$work"/p-*.pgm
  pdftoppm -r 300 -gray "$f" "$work/p"
  for p in "$work"/p-*.pgm; do tesseract "$p" stdout -l ind+eng >/dev/null 2>&1; done
done
raw_s=$(elapsed "$t")

t=$(now)
for f in "${scans[@]}"; do
  ocrmypdf -q -j 2 -l ind+eng --output-type none --sidecar "$work/side.txt" "$f" - >/dev/null 2>&1 ||
    ocrmypdf -q -j 2 -l ind+eng --output-type none --sidecar "$work/side.txt" "$f" "$work/out.pdf" >/dev/null
done
ocrmypdf_s=$(elapsed "$t")

peak_kb=0
t=$(now)
for f in "${scans[@]}"; do
  /usr/bin/time -f %M -o "$work/rss" "$naskah" --quiet extract --json "$f" >/dev/null
  kb=$(cat "$work/rss"); ((kb > peak_kb)) && peak_kb=$kb
done
naskah_s=$(elapsed "$t")

# --- text PDFs ------------------------------------------------------------------------
rounds=5  # text PDFs take milliseconds: repeat to measure more than noise
t=$(now)
for _ in $(seq $rounds); do for f in "${texts[@]}"; do pdftotext "$f" - >/dev/null; done; done
pdftotext_s=$(elapsed "$t")
t=$(now)
for _ in $(seq $rounds); do
  for f in "${texts[@]}"; do "$naskah" --quiet extract --json "$f" >/dev/null; done
done
naskah_text_s=$(elapsed "$t")

pps() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / s }'; }
echo
printf '%-44s %8s %8s %10s\n' "scanned pages ($scan_pages)" seconds "pages/s" "naskah is"
printf '%-44s %8s %8s %9sx\n' "pdftoppm + tesseract, sequential" "$raw_s" "$(pps $scan_pages "$raw_s")" "$(ratio "$raw_s" "$naskah_s")"
printf '%-44s %8s %8s %9sx\n' "ocrmypdf -j 2 --output-type none" "$ocrmypdf_s" "$(pps $scan_pages "$ocrmypdf_s")" "$(ratio "$ocrmypdf_s" "$naskah_s")"
printf '%-44s %8s %8s\n' "naskah extract" "$naskah_s" "$(pps $scan_pages "$naskah_s")"
echo
tp=$((text_pages * rounds))
printf '%-44s %8s %8s\n' "text-layer pages ($text_pages x $rounds)" seconds "pages/s"
printf '%-44s %8s %8s\n' "pdftotext" "$pdftotext_s" "$(pps $tp "$pdftotext_s")"
printf '%-44s %8s %8s   (%sx pdftotext'"'"'s time)\n' "naskah extract" "$naskah_text_s" "$(pps $tp "$naskah_text_s")" "$(ratio "$naskah_text_s" "$pdftotext_s")"
echo
echo "naskah peak resident memory on scans: $((peak_kb / 1024)) MB"
