#!/usr/bin/env bash
# The main job, for a newcomer: set up, build, then extract every sample scan and print
# one line per file (text source, pages, mean OCR confidence, seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
export OMP_THREAD_LIMIT=1  # one thread per Tesseract engine (naskah would re-exec to set it)

naskah=build/cli/naskah
printf '%-36s %-11s %5s %10s %8s\n' file "text source" pages "OCR conf." seconds
for f in samples/*.pdf samples/*.tiff samples/*.jpg samples/*.png; do
  [ -e "$f" ] || continue
  start=$(date +%s.%N)
  if json=$("$naskah" --quiet extract --json "$f"); then
    end=$(date +%s.%N)
    # The record is JSON; pull the three fields with plain tools to need no jq.
    source=$(printf '%s' "$json" | sed -n 's/^  "text_source": "\(.*\)",$/\1/p')
    pages=$(printf '%s' "$json" | sed -n 's/^  "pages": \([0-9]*\),$/\1/p')
    conf=$(printf '%s' "$json" | sed -n 's/^  "ocr_confidence": \(.*\),$/\1/p')
    printf '%-36s %-11s %5s %10s %8.2f\n' "$(basename "$f")" "$source" "$pages" "$conf" \
      "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
  else
    printf '%-36s refused: %s\n' "$(basename "$f")" "$json"
  fi
done
