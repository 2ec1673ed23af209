#!/usr/bin/env bash
# One local index against the same records in 3 remote shards, and one full reindex against
# 3 partitions of it built at once (DESIGN.md "Scale"), in one run on one machine:
#   index_bench --archive-only     writes DOCS synthetic agreements into WORK/data's archive
#   naskah reindex                 the full index, WORK/data/index
#   naskah reindex --partition k/3 --out WORK/shard-k, k = 1..3, the three started together
#   xapian-tcpsrv                  serves each shard on a free port of 127.0.0.1
#   index_bench --search-only      the same queries on the local index, then on the 3 shards
#                                  as tcp://127.0.0.1:PORT; each query's total and doc_type
#                                  counts must agree between the two, or the run fails
# Prints indexing seconds and docs/s, search p50/p99/max, documents per shard and sizes.
#   bench/shard_bench.sh [BUILD_DIR] [DOCS] [WORK_DIR]
# BUILD_DIR defaults to build, DOCS to 300000. Environment: WORDS, the words per record aimed
# at (default 1500; records come out ~200 longer, and below ~300 they hold only their fixed
# parts, ~250 words, and no body text); THREADS, the term generation threads of each reindex
# (default: one per core, so the 3 partitions share the cores). WORK_DIR
# defaults to a new folder under /tmp, removed at the end unless KEEP=1 (a WORK_DIR given is
# always kept). Needs: xapian-tools jq time (Debian packages).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
docs=${2:-300000}
words=${WORDS:-1500}
threads=${THREADS:-0}
threads_text=$threads
((threads > 0)) || threads_text="one per core"
[[ $build = /* ]] || build=$here/$build
bench=$build/bench/index_bench
naskah=$build/cli/naskah
# A fixed "today" as in index_bench, so that the parser's warnings do not drift.
today=2025-07-01

for tool in "$bench" "$naskah" xapian-tcpsrv jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

# shellcheck source=bench/common.sh
. "$here/bench/common.sh"
work_folder "${3:-}" shard-bench
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if ((remove)); then rm -rf "$work"; else echo "bench: kept $work"; fi
}
trap cleanup EXIT
fail() { echo "bench: $*" >&2; remove=0; exit 1; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

start_load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "shard_bench.sh: $docs records of ~$words words in $work; reindex threads $threads_text;" \
  "nice $(nice); load average $start_load"

# --- the archive ------------------------------------------------------------------------------
"$bench" "$work" --archive-only --docs "$docs" --words "$words" | tee "$work/archive.log"
total_words=$(tail -n 1 "$work/archive.log" | jq -r .words)

# --- one full reindex -------------------------------------------------------------------------
echo
echo "full reindex of $work/data..."
/usr/bin/time -f '%e %M' -o "$work/full.time" \
  "$naskah" reindex --quiet --data "$work/data" --threads "$threads" --today "$today" --json \
  >"$work/full.json" 2>"$work/full.log" || fail "reindex failed, see $work/full.log"
read -r full_s full_kb <"$work/full.time"
full_docs=$(jq -r .documents "$work/full.json")
[[ $full_docs == "$docs" ]] || fail "reindex indexed $full_docs of $docs records"

# --- 3 partitions at once ---------------------------------------------------------------------
echo "3 partitions (reindex --partition k/3), started together..."
started=$(now)
pids=()
for k in 1 2 3; do
  /usr/bin/time -f '%e %M' -o "$work/part-$k.time" \
    "$naskah" reindex --quiet --data "$work/data" --partition "$k/3" --out "$work/shard-$k" \
    --threads "$threads" --today "$today" --json >"$work/part-$k.json" 2>"$work/part-$k.log" &
  pids+=($!)
done
for k in 1 2 3; do
  wait "${pids[k - 1]}" || fail "reindex --partition $k/3 failed, see $work/part-$k.log"
done
parts_s=$(since "$started")
parts_kb=0
part_docs=()
for k in 1 2 3; do
  part_docs+=("$(jq -r .documents "$work/part-$k.json")")
  read -r _ kb <"$work/part-$k.time"
  parts_kb=$((parts_kb + kb))  # all three run at once: their peaks add up
done
parts_total=$((part_docs[0] + part_docs[1] + part_docs[2]))
[[ $parts_total == "$docs" ]] || fail "the partitions hold $parts_total of $docs records"

# --- the shards served on 127.0.0.1 -----------------------------------------------------------
# A random free port; another program may take it first, so a server that exits is started
# again on another. Each server runs in a session of its own: on SIGTERM xapian-tcpsrv
# signals its whole process group (its connection children), which would be this script.
serve() {
  local dir=$1 port pid
  for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" | grep -q . && continue
    setsid xapian-tcpsrv --quiet --port "$port" --interface 127.0.0.1 "$dir" \
      >>"$work/tcpsrv.log" 2>&1 &
    pid=$!
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      if ss -Htln "sport = :$port" | grep -q .; then
        servers+=("$pid")
        shards+="${shards:+,}tcp://127.0.0.1:$port"
        return 0
      fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
  done
  fail "xapian-tcpsrv would not start for $dir, see $work/tcpsrv.log"
}
shards=
for k in 1 2 3; do serve "$work/shard-$k"; done

# --- search: the same queries, local and remote -----------------------------------------------
echo
echo "search on the local index..."
"$bench" "$work" --search-only --docs "$docs" --words "$words" >"$work/search-local.log" ||
  fail "search on the local index failed, see $work/search-local.log"
echo "search on $shards..."
"$bench" "$work" --search-only --docs "$docs" --words "$words" --shards "$shards" \
  >"$work/search-shards.log" || fail "search on the shards failed, see $work/search-shards.log"
local_json=$(tail -n 1 "$work/search-local.log")
shard_json=$(tail -n 1 "$work/search-shards.log")
answers() { jq -r '.search.per_query[] | [.query, .hits, .estimated, .doc_type] | @tsv' <<<"$1"; }
if ! diff <(answers "$local_json") <(answers "$shard_json") >"$work/answers.diff"; then
  cat "$work/answers.diff" >&2
  fail "the shards answered some queries differently from the local index (above: < local, > shards)"
fi
queries=$(jq -r .search.queries <<<"$local_json")

# --- side by side -----------------------------------------------------------------------------
echo
echo "$docs records, $total_words words ($(per_s "$total_words" "$docs") per record)," \
  "$(nproc) cores, reindex threads $threads_text, nice $(nice)"
echo "load average at start $start_load, now $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-44s %9s %9s %8s %9s\n' indexing seconds docs/s "peak MB" "disk MB"
printf '%-44s %9.1f %9.1f %8.0f %9.1f\n' "full reindex (one process)" "$full_s" \
  "$(per_s "$docs" "$full_s")" "$(mb_of_kb "$full_kb")" "$(du_mb "$work/data/index")"
printf '%-44s %9.1f %9.1f %8.0f %9.1f\n' "reindex --partition k/3, 3 at once" "$parts_s" \
  "$(per_s "$docs" "$parts_s")" "$(mb_of_kb "$parts_kb")" \
  "$(du_mb "$work"/shard-1 "$work"/shard-2 "$work"/shard-3)"
for k in 1 2 3; do
  read -r s kb <"$work/part-$k.time"
  printf '  %-42s %9.1f %9.1f %8.0f %9.1f\n' "shard-$k: ${part_docs[k - 1]} docs" "$s" \
    "$(per_s "${part_docs[k - 1]}" "$s")" "$(mb_of_kb "$kb")" "$(du_mb "$work/shard-$k")"
done
echo "  partitions / full reindex speed: $(ratio "$full_s" "$parts_s")x"
echo
echo "search: $queries queries x 5 rounds after a warm-up, limit 20, exact facets;"
echo "        every query's total and doc_type counts agree between the two"
printf '%-44s %9s %9s %9s %9s\n' "" "p50 ms" "p99 ms" "max ms" "mean ms"
row() {
  printf '%-44s %9.2f %9.2f %9.2f %9.2f\n' "$1" "$(jq -r .search.p50_ms <<<"$2")" \
    "$(jq -r .search.p99_ms <<<"$2")" "$(jq -r .search.max_ms <<<"$2")" \
    "$(jq -r .search.mean_ms <<<"$2")"
}
row "one local index (data/index)" "$local_json"
row "3 remote shards (xapian-tcpsrv, loopback)" "$shard_json"
echo
echo "slowest queries, median ms (local / shards):"
paste <(jq -r '.search.per_query[] | [.query, .median_ms] | @tsv' <<<"$local_json") \
  <(jq -r '.search.per_query[] | .median_ms' <<<"$shard_json") |
  sort -t$'\t' -k2,2 -gr |
  awk -F'\t' 'NR <= 5 { printf "  %-52s %8.2f %8.2f\n", substr($1, 1, 52), $2, $3 }'
