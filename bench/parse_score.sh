#!/usr/bin/env bash
# The parser's score without OCR: extracts each corpus file once (cached in WORK), then scores
# build/bench/reparse on the stored text with score.py. A parser change is scored in seconds.
#   bench/parse_score.sh CORPUS [WORK] [score.py options...]
#   bench/parse_score.sh ../shared/corpus/real
# WORK defaults to /tmp/naskah-parse-score/<corpus name>; delete it after an OCR change.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(cd "${1:?usage: parse_score.sh CORPUS [WORK] [score.py options...]}" && pwd)
work=${2:-/tmp/naskah-parse-score/$(basename "$corpus")}
shift $(($# >= 2 ? 2 : 1))
mkdir -p "$work"
export OMP_THREAD_LIMIT=1
while IFS=$'\t' read -r file _; do
  [ "$file" = file ] && continue
  out="$work/${file%.*}.json"
  [ -s "$out" ] || build/cli/naskah --quiet extract --json --text "$corpus/$file" > "$out" || true
done < "$corpus/manifest.tsv"
# score.py appends the corpus file's path; the wrapper swaps it for the stored record.
wrapper="$work/reparse.sh"
printf '#!/bin/sh\nexec %q "%s/$(basename "${1%%.*}").json"\n' "$PWD/build/bench/reparse" "$work" > "$wrapper"
chmod +x "$wrapper"
python3 "$corpus/../score.py" --corpus "$corpus" --cmd "$wrapper" --text off "$@"
