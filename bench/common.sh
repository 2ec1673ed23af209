# shellcheck shell=bash disable=SC2034  # sets work and remove for the script that sources it
# Shared by the benchmark scripts (sourced): the work folder and small number formatting.

# Sets `work` to the folder given ($1, kept) or to a new one under /tmp named after $2
# (removed at the end unless KEEP=1), and `remove` to whether it goes.
work_folder() {
  if [[ -n ${1:-} ]]; then
    work=$1
    mkdir -p "$work"
    remove=0
  else
    work=$(mktemp -d "/tmp/$2.XXXXXX")
    remove=1
    if [[ ${KEEP:-0} == 1 ]]; then remove=0; fi
  fi
}

# (Parenthesised: in awk, "printf ..., x > 0" writes to a file named 0.)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }'; }
mb_of_kb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
# The size of the folders given, in MB, added up.
du_mb() { du -sk "$@" | awk '{ kb += $1 } END { printf "%.1f", kb / 1024 }'; }
