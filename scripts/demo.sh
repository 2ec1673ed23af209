#!/usr/bin/env bash
# The main job, for a newcomer: set up, build, then read every sample scan and print one
# line per file: where the text came from, pages, mean OCR confidence, seconds, and what
# the parser read (kind, signing date, end date, parties); then ingest the samples into an
# archive and index (build/demo-data), search them, and print the monitoring report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build

naskah=build/cli/naskah
field() {  # the value of a top-level "key": value line of the indented JSON record
  printf '%s\n' "$1" | sed -n "s/^  \"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p"
}
printf '%-34s %-10s %5s %6s %7s  %-8s %-10s %-10s %s\n' file "text" pages "conf." seconds \
  type signed ends parties
for f in samples/*.pdf samples/*.tiff samples/*.jpg samples/*.png; do
  [ -e "$f" ] || continue
  start=$(date +%s.%N)
  if json=$("$naskah" --quiet extract --json "$f"); then
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    parties=$(printf '%s\n' "$json" | grep -c '"name":' || true)
    printf '%-34s %-10s %5s %6s %7s  %-8s %-10s %-10s %s\n' "$(basename "$f")" \
      "$(field "$json" text_source)" "$(field "$json" pages)" "$(field "$json" ocr_confidence)" \
      "$seconds" "$(field "$json" doc_type)" "$(field "$json" signed_date)" \
      "$(field "$json" end_date)" "$parties"
  else
    printf '%-34s refused: %s\n' "$(basename "$f")" "$json"
  fi
done
echo
echo "One record in full: $naskah extract --json samples/mou-kanwil-universitas.scan.pdf"

data=build/demo-data
rm -rf "$data"
samples=()
for f in samples/*.pdf samples/*.tiff samples/*.jpg samples/*.png; do [ -e "$f" ] && samples+=("$f"); done
echo
echo "== $naskah ingest --data $data samples/..."
"$naskah" ingest --data "$data" "${samples[@]}"
echo
echo "== $naskah search --data $data 'kementerian hukum dan ham' --limit 3"
"$naskah" search --data "$data" 'kementerian hukum dan ham' --limit 3
echo
echo "== $naskah search --data $data 'pihak:lapas pelatihan' --status expired"
"$naskah" search --data "$data" 'pihak:lapas pelatihan' --status expired
echo
echo "== $naskah report --data $data"
"$naskah" report --data "$data"
