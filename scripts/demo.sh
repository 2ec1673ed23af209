#!/usr/bin/env bash
# The main job, for a newcomer: set up, build, then read every sample scan and print one
# line per file: where the text came from, pages, mean OCR confidence, seconds, and what
# the parser read (kind, signing date, end date, parties); then ingest the samples into an
# archive and index (build/demo-data), search them, print the monitoring report, and serve
# the web UI on 127.0.0.1:8080 (NASKAH_LISTEN=HOST:PORT to change) with a demo sign-in.
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
echo "== $naskah report --data $data"
"$naskah" report --data "$data"

listen="${NASKAH_LISTEN:-127.0.0.1:8080}"
password="demo-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" | "$naskah" --quiet user add --data "$data" demo --role admin \
  --password-stdin
echo
echo "== $naskah serve --data $data --listen $listen --watch"
echo "   open http://$listen/ and sign in as: demo / $password   (Ctrl-C stops it)"
echo "   files dropped into $data/inbox or uploaded in the UI are ingested as they come"
exec "$naskah" serve --data "$data" --listen "$listen" --watch
