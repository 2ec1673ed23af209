#!/usr/bin/env bash
# Side-by-side indexing speed of naskah against omindex (Xapian's own indexer) on the same
# synthetic agreements, in one run:
#   index_bench  makes DOCS records, indexes them directly (a writer per thread), as one
#                writer fed by preparing threads, and through reindex, times searches (see
#                bench/index_bench.cc)
#   omindex      indexes the same texts, one .txt per record, as text/plain, with what naskah
#                also does: positions, Indonesian stems, spelling data (it keeps a 512-byte
#                sample per document where naskah stores the whole record)
# Prints documents and words per second, the ratios naskah / omindex and peak memory.
#   bench/index_bench.sh [BUILD_DIR] [DOCS] [WORK_DIR]
# BUILD_DIR defaults to build, DOCS to 100000; WORK_DIR defaults to a new folder under /tmp,
# removed at the end unless KEEP=1 (a WORK_DIR given is always kept). 100000 records take
# about 15 GB of disk. Needs: xapian-omega xapian-tools jq time (Debian packages).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
docs=${2:-100000}
[[ $build = /* ]] || build=$here/$build
bench=$build/bench/index_bench

for tool in "$bench" omindex xapian-delve jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

# shellcheck source=bench/common.sh
. "$here/bench/common.sh"
work_folder "${3:-}" index-bench
cleanup() { if ((remove)); then rm -rf "$work"; else echo "bench: kept $work"; fi; }
trap cleanup EXIT

echo "index_bench.sh: $docs records in $work; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# --- naskah ---------------------------------------------------------------------------------
"$bench" "$work" --docs "$docs" | tee "$work/index_bench.log"
json=$(tail -n 1 "$work/index_bench.log")
get() { jq -r "$1" <<<"$json"; }
words=$(get .words)

# --- omindex on the same texts ----------------------------------------------------------------
echo
echo "omindex: indexing $work/text..."
/usr/bin/time -f '%e %M' -o "$work/omindex.time" \
  omindex --db "$work/omega-db" --url / --overwrite --no-delete --stemmer=indonesian --spelling \
  --mime-type=txt:text/plain "$work/text" >"$work/omindex.log" 2>&1 ||
  { echo "bench: omindex failed, see $work/omindex.log" >&2; remove=0; exit 1; }
read -r omindex_s omindex_kb <"$work/omindex.time"
omindex_docs=$(xapian-delve "$work/omega-db" | awk -F' = ' '/^number of documents/ { print $2 }')
if [[ $omindex_docs != "$docs" ]]; then
  echo "bench: omindex indexed $omindex_docs of $docs files (see $work/omindex.log)" >&2
fi
omindex_dps=$(per_s "$omindex_docs" "$omindex_s")

# --- side by side -----------------------------------------------------------------------------
echo
echo "indexing $docs records, $words words, $(get .cores) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-46s %9s %9s %11s %8s %9s\n' indexer seconds docs/s words/s "peak MB" "disk MB"
row() { printf '%-46s %9.1f %9.1f %11.0f %8.0f %9.1f\n' "$@"; }
row "naskah direct ($(get .threads) threads, a part each)" "$(get .direct.seconds)" \
  "$(get .direct.docs_per_s)" "$(get .direct.words_per_s)" "$(get .direct.peak_rss_mb)" \
  "$(get .disk_mb.index_direct)"
row "naskah reindex (load, parse, index)" "$(get .reindex.seconds)" "$(get .reindex.docs_per_s)" \
  "$(get .reindex.words_per_s)" "$(get .reindex.peak_rss_mb)" "$(get .disk_mb.generation)"
row "omindex (one thread)" "$omindex_s" "$omindex_dps" "$(per_s "$words" "$omindex_s")" \
  "$(mb_of_kb "$omindex_kb")" "$(du_mb "$work/omega-db")"
echo
echo "naskah direct / omindex speed:  $(ratio "$(get .direct.docs_per_s)" "$omindex_dps")x"
echo "naskah reindex / omindex speed: $(ratio "$(get .reindex.docs_per_s)" "$omindex_dps")x"
printf 'one writer fed by preparing threads (%s records): %.0f words/s; its writer alone: %.0f words/s\n' \
  "$(get .one_writer.docs)" "$(get .one_writer.words_per_s)" "$(get .one_writer.writer_words_per_s)"
printf 'search: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %s calls\n' "$(get .search.p50_ms)" \
  "$(get .search.p99_ms)" "$(get .search.max_ms)" "$(get .search.calls)"
printf 'naskah peak resident memory: %.0f MB\n' "$(get .peak_rss_mb)"
