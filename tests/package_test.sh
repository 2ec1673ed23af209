#!/usr/bin/env bash
# Builds the Debian package with cpack and proves it on this machine: apt installs it (and
# its dependencies), naskah runs and reads a scan through the installed OCR plugin, the
# systemd units, settings, man page, system user and data folder are in place; a purge
# removes the program but never the data folder (the archive of signed agreements).
#   tests/package_test.sh BUILD_DIR
# It installs and removes a package, so it runs only as root with NASKAH_PACKAGE_TEST=1;
# otherwise it exits 77, which ctest reports as skipped. A naskah package already installed
# is purged first. The user naskah and /var/lib/naskah are removed at the end only if this
# test created them.
set -euo pipefail

if [ "$(id -u)" -ne 0 ] || [ "${NASKAH_PACKAGE_TEST:-0}" != 1 ]; then
  echo "package_test: skipped (changes the system: run as root with NASKAH_PACKAGE_TEST=1)"
  exit 77
fi
build=$(cd "${1:?usage: package_test.sh BUILD_DIR}" && pwd)
sample="$(cd "$(dirname "$0")/.." && pwd)/samples/mou-english.photo.jpg"  # a photo: OCR
data=/var/lib/naskah
marker="$data/package-test-marker"

export DEBIAN_FRONTEND=noninteractive
# Another apt or dpkg (unattended upgrades, a second test run) may hold the lock a while.
apt=(apt-get -o DPkg::Lock::Timeout=120 -y -q)

fail() { echo "package_test: FAILED: $*" >&2; exit 1; }
ok() { echo "package_test: ok: $*"; }
installed() { [[ "$(dpkg-query -W -f='${Status}' naskah 2> /dev/null)" == *"ok installed" ]]; }
# grep -q on a captured output: in a pipe, its early exit would kill the writer with SIGPIPE,
# which pipefail turns into a failure.
has() { grep -q -e "$1" <<< "$2"; }

# A run that failed half-way leaves the package behind (for a look); start from nothing.
if dpkg-query -W naskah > /dev/null 2>&1; then
  echo "package_test: purging the naskah package left installed"
  "${apt[@]}" purge naskah > /dev/null
fi
data_existed=0
[ -e "$data" ] && data_existed=1
user_existed=0
getent passwd naskah > /dev/null && user_existed=1

# The package, from what the build installs (old ones removed so the glob finds one).
rm -f "$build"/package/naskah_*.deb
(cd "$build" && cpack -G DEB > "$build/package-test-cpack.log") ||
  fail "cpack failed: $build/package-test-cpack.log"
debs=("$build"/package/naskah_*.deb)
if [ "${#debs[@]}" -ne 1 ] || [ ! -f "${debs[0]}" ]; then fail "no single .deb in $build/package"; fi
deb=${debs[0]}
ok "built $(basename "$deb"), $(stat -c %s "$deb") bytes"

# apt, not dpkg -i: the Depends line must resolve.
"${apt[@]}" install "$deb" > "$build/package-test-apt.log" 2>&1 ||
  fail "apt-get install: $(tail -5 "$build/package-test-apt.log")"
installed || fail "dpkg does not list naskah as installed"
grep "naskah: add a web admin" "$build/package-test-apt.log" || fail "postinst said nothing"
ok "apt-get install ./$(basename "$deb")"

has "^Subcommands:" "$(/usr/bin/naskah --help)" || fail "naskah --help"
ok "naskah --help"

# A photo needs OCR: only the plugin in /usr/lib/naskah can read it (NASKAH_OCR_PLUGIN would
# take precedence, so it is cleared). Run in an empty folder: extract writes nothing.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && env -u NASKAH_OCR_PLUGIN /usr/bin/naskah --verbose extract "$sample" --json \
  > record.json 2> log.txt) || fail "naskah extract: $(tail -3 "$work/log.txt")"
grep -q "OCR plugin: /usr/bin/../lib/naskah/libnaskah_ocr.so" "$work/log.txt" ||
  fail "the installed OCR plugin was not used: $(grep -i plugin "$work/log.txt")"
grep -q '"text_source": "ocr"' "$work/record.json" || fail "no OCR text: $(head -c 400 "$work/record.json")"
grep -q '"doc_type": "mou"' "$work/record.json" || fail "the MoU was not read"
ok "naskah extract $(basename "$sample") --json: OCR through /usr/lib/naskah/libnaskah_ocr.so"

# The web server is a plugin too: `naskah serve` must find it in /usr/lib/naskah.
(cd "$work" && exec env -u NASKAH_WEB_PLUGIN NASKAH_DATA_DIR="$work/data" /usr/bin/naskah --verbose \
  serve --listen 127.0.0.1:0 > serve.out 2> serve.log) &
serve_pid=$!
for _ in $(seq 100); do grep -q "serving on" "$work/serve.log" && break; sleep 0.1; done
kill "$serve_pid" 2> /dev/null; wait "$serve_pid" 2> /dev/null || true
grep -q "web plugin: /usr/bin/../lib/naskah/libnaskah_web.so" "$work/serve.log" &&
  grep -q "serving on http://127.0.0.1:" "$work/serve.log" ||
  fail "naskah serve did not start with the installed web plugin: $(tail -3 "$work/serve.log")"
ok "naskah serve: the web plugin /usr/lib/naskah/libnaskah_web.so"

# libcurl is opened when a fetch starts (Depends: libcurl4): a closed port is a fetch
# failure, not a missing library.
fetched=$(cd "$work" && NASKAH_DATA_DIR="$work/data" NASKAH_FETCH_RETRIES=0 /usr/bin/naskah \
  --quiet fetch --json http://127.0.0.1:9/none.pdf 2>&1) || true
has '"code": "fetch.failed"' "$fetched" || fail "naskah fetch without libcurl: $fetched"
ok "naskah fetch: libcurl loaded"

for unit in naskah-watch naskah-serve naskah-remind; do
  f=/lib/systemd/system/$unit.service
  [ -f "$f" ] || fail "$f is missing"
  grep -q "^ExecStart=/usr/bin/naskah ${unit#naskah-} --config /etc/naskah/naskah.toml$" "$f" ||
    fail "$f: $(grep ExecStart "$f")"
done
# verify also checks that ExecStart's binary and the man page of Documentation= exist.
if command -v systemd-analyze > /dev/null; then
  systemd-analyze verify /lib/systemd/system/naskah-watch.service \
    /lib/systemd/system/naskah-serve.service /lib/systemd/system/naskah-remind.service \
    /lib/systemd/system/naskah-remind.timer || fail "systemd-analyze verify"
  ok "units in /lib/systemd/system, systemd-analyze verify passes"
else
  ok "units in /lib/systemd/system (no systemd-analyze here)"
fi

[ -f /usr/share/man/man1/naskah.1.gz ] || fail "no man page"
has '^\.SS "naskah serve' "$(zcat /usr/share/man/man1/naskah.1.gz)" || fail "man page without serve"
if command -v man > /dev/null; then
  has "naskah watch" "$(man -P cat naskah 2> /dev/null)" || fail "man naskah does not render"
fi
ok "man page /usr/share/man/man1/naskah.1.gz"

has "/etc/naskah/naskah.toml" "$(dpkg-query -W -f='${Conffiles}' naskah)" ||
  fail "/etc/naskah/naskah.toml is not a conffile"
# The services' user can read the settings, and they are valid (exit 2 otherwise).
settings=$(cd / && runuser -u naskah -- /usr/bin/naskah --config /etc/naskah/naskah.toml config show) ||
  fail "naskah.toml is not valid or not readable by naskah"
has "^data_dir  *$data  *(file)" "$settings" || fail "naskah.toml does not set data_dir"
ok "conffile /etc/naskah/naskah.toml, valid, data_dir = $data"

has ":$data:" "$(getent passwd naskah)" || fail "no system user naskah: $(getent passwd naskah)"
[ "$(getent passwd naskah | cut -d: -f3)" -lt 1000 ] || fail "naskah is not a system user"
[ "$(stat -c %U "$data")" = naskah ] || fail "$data is not owned by naskah"
if [ "$data_existed" = 0 ]; then
  [ "$(stat -c %a "$data")" = 750 ] || fail "$data is not 0750"
fi
# Written as the services' user: the data folder is theirs to write.
runuser -u naskah -- sh -c "echo 'an archived agreement' > '$marker'" || fail "naskah cannot write $data"
ok "system user naskah, $data owned by it"

"${apt[@]}" purge naskah > "$build/package-test-purge.log" 2>&1 ||
  fail "apt-get purge: $(tail -5 "$build/package-test-purge.log")"
! dpkg-query -W naskah > /dev/null 2>&1 || fail "dpkg still knows naskah after the purge"
for f in /usr/bin/naskah /usr/lib/naskah /lib/systemd/system/naskah-watch.service \
         /lib/systemd/system/naskah-serve.service /lib/systemd/system/naskah-remind.service \
         /lib/systemd/system/naskah-remind.timer /usr/share/man/man1/naskah.1.gz /etc/naskah; do
  [ ! -e "$f" ] || fail "$f is still there after the purge"
done
[ "$(cat "$marker" 2> /dev/null)" = "an archived agreement" ] ||
  fail "the purge touched the data folder: $marker is gone"
ok "apt-get purge naskah: program, units, man page and /etc/naskah gone; $marker kept"

# Leave the machine as it was found.
rm -f "$marker"
[ "$data_existed" = 1 ] || rmdir "$data" 2> /dev/null || true
if [ "$user_existed" = 0 ]; then
  deluser --system naskah > /dev/null 2>&1 || true
  delgroup --system naskah > /dev/null 2>&1 || true
fi
echo "package_test: passed"
