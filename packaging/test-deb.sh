#!/bin/sh
# Installs the kftray .deb into this system with dpkg, as a user would, and checks it: the
# command on PATH (--version, a one-shot command, the headless runtime answering its health
# probe), an upgrade to a newer version keeping the database, and removal leaving the user's
# kftray home alone. Reports the package's size and cold-start times (target/package-report.json).
# Needs root (dpkg -i); CI runs it so. Removes the package again whatever happens.
# Usage: test-deb.sh OUT_DIR (as given to build-deb.sh)
set -eu
# -Ddeb.skip builds no package, and then there is not even an output directory
if [ ! -d "$1" ]; then
  echo "test-deb: no package was built (see build-deb); nothing to test"
  exit 0
fi
OUT=$(cd "$1" && pwd)
DEB=$(ls "$OUT"/kftray_*.deb 2>/dev/null | grep -v '+upgrade' | head -1 || true)
if [ -z "$DEB" ]; then
  echo "test-deb: no package was built (see build-deb); nothing to test"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "test-deb: installing a package needs root; not tested"
  exit 0
fi
if dpkg-query -W -f '${Status}' kftray 2>/dev/null | grep -q installed; then
  echo "test-deb: FAIL: a kftray package is installed on this system already; not touching it" >&2
  exit 1
fi

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
WORK=$(mktemp -d)
HEADLESS=""
cleanup() {
  [ -n "$HEADLESS" ] && kill "$HEADLESS" 2>/dev/null || true
  dpkg -r kftray >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export KFTRAY_HOME="$WORK/home/.kftray"
millis() { date +%s%3N; }

# the same package one version later: what an upgrade installs
VERSION=$(dpkg-deb -f "$DEB" Version)
UPGRADE="$OUT/kftray_${VERSION}+upgrade_$(dpkg-deb -f "$DEB" Architecture).deb"
dpkg-deb -R "$DEB" "$WORK/upgrade"
sed -i "s/^Version: .*/Version: ${VERSION}+upgrade/" "$WORK/upgrade/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip -z1 --build "$WORK/upgrade" "$UPGRADE" >/dev/null
rm -rf "$WORK/upgrade"

t=$(millis); dpkg -i "$DEB" >/dev/null || fail "dpkg -i $DEB"; install_ms=$(( $(millis) - t ))
[ "$(command -v kftray)" = /usr/bin/kftray ] || fail "kftray is not on PATH as /usr/bin/kftray"
for f in /usr/share/applications/kftray.desktop /usr/share/icons/hicolor/64x64/apps/kftray.png \
         /usr/lib/systemd/user/kftray.service /opt/kftray/lib/runtime/bin/java; do
  [ -e "$f" ] || fail "$f is not installed"
done
grep -q '^ExecStart=/usr/bin/kftray --headless$' /usr/lib/systemd/user/kftray.service || fail "user unit ExecStart"

t=$(millis); out=$(kftray --version) || fail "kftray --version"; version_ms=$(( $(millis) - t ))
echo "$out" | grep -q "$(echo "$VERSION" | sed 's/~.*//')" || fail "kftray --version printed: $out"

# the helper's system unit, as 'sudo kftray helper install' writes it, runs on the package's runtime
kftray helper install --root "$WORK/helper-root" --for-uid "$(id -u)" >/dev/null || fail "kftray helper install --root"
grep -q '^ExecStart=/opt/kftray/lib/runtime/bin/java .*-jar /usr/local/lib/kftray-helper/kftray-helper.jar' \
  "$WORK/helper-root/etc/systemd/system/kftray-helper.service" || fail "the helper's unit does not use the package's runtime"

cat > "$WORK/configs.json" <<'JSON'
[{"alias":"packaged-web","namespace":"dev","workload_type":"service","service":"web","remote_port":"80","local_port":18080,"context":"none"}]
JSON
kftray import "$WORK/configs.json" >/dev/null || fail "kftray import"
kftray list | grep -q packaged-web || fail "the imported forward is not listed"
[ "$(stat -c %a "$KFTRAY_HOME")" = 700 ] || fail "the kftray home is not owner-only"

# cold start of the headless runtime, to its health probe answering (three runs)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
starts=""
for run in 1 2 3; do
  t=$(millis)
  kftray --headless --metrics "127.0.0.1:$PORT" > "$WORK/headless-$run.log" 2>&1 &
  HEADLESS=$!
  until curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
    kill -0 "$HEADLESS" 2>/dev/null || { cat "$WORK/headless-$run.log" >&2; fail "kftray --headless ended"; }
    [ $(( $(millis) - t )) -lt 120000 ] || fail "kftray --headless did not answer /healthz within 120 s"
    sleep 0.05
  done
  starts="$starts $(( $(millis) - t ))"
  [ "$(readlink -f /proc/$HEADLESS/exe)" = /opt/kftray/lib/runtime/bin/java ] \
    || fail "kftray runs on $(readlink -f /proc/$HEADLESS/exe), not the package's runtime"
  curl -fs "http://127.0.0.1:$PORT/metrics" | grep -q '^jvm_threads_current ' || fail "no metrics from the package"
  kill -TERM "$HEADLESS"; status=0; wait "$HEADLESS" || status=$?; HEADLESS=""
  [ "$status" = 143 ] || [ "$status" = 0 ] || fail "kftray --headless exited $status on SIGTERM"
done

dpkg -i "$UPGRADE" >/dev/null || fail "upgrade with dpkg -i"
[ "$(dpkg-query -W -f '${Version}' kftray)" = "${VERSION}+upgrade" ] || fail "the upgrade is not installed"
kftray list | grep -q packaged-web || fail "the database lost the forward in the upgrade"

dpkg -r kftray >/dev/null || fail "dpkg -r kftray"
[ ! -e /usr/bin/kftray ] && [ ! -e /opt/kftray ] || fail "files left after removal"
[ -f "$KFTRAY_HOME/kftray.db" ] || fail "removal touched the user's kftray home"

median=$(echo $starts | tr ' ' '\n' | sort -n | sed -n 2p)
deb_kib=$(du -k "$DEB" | cut -f1)
installed_kib=$(dpkg-deb -f "$DEB" Installed-Size)
mkdir -p "$OUT"
cat > "$OUT/package-report.json" <<JSON
{"package": "$(basename "$DEB")", "package_kib": $deb_kib, "installed_kib": $installed_kib,
 "dpkg_install_ms": $install_ms, "version_command_ms": $version_ms,
 "headless_to_healthz_ms": {"runs": [$(echo $starts | tr ' ' ',')], "median": $median}}
JSON
printf '%-28s %s\n' "package" "$(basename "$DEB")" "package size" "$deb_kib KiB" "installed size" "$installed_kib KiB" \
  "dpkg -i" "$install_ms ms" "kftray --version" "$version_ms ms" "headless to /healthz (3 runs)" "median $median ms:$starts"
echo "test-deb: install, PATH, one-shot commands, headless, upgrade and removal passed"
