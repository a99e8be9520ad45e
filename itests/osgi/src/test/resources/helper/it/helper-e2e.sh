#!/bin/sh
# Run by HelperEndToEndIT inside a new mount namespace (unshare --mount), as root. It sees the
# test's copy of /etc/hosts at /etc/hosts and an empty /run; the helper runs as root there, kftray
# as the user RUN_AS names. Each "== name" line starts a section the test reads.
# Environment: DIR (the test's directory), DIST (a kftray distribution), ALIAS, PORT, LOW_ALIAS (port 80), RUN_AS.
set -eu
mount --bind "$DIR/hosts" /etc/hosts
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/kftray-helper
# when each step began, for the test's output
step() { echo "$(date +%T.%N) $*" >> "$DIR/steps.log"; }
# no class data sharing archive: recording one for a fresh home costs each first command seconds
# (in the background, as_user_exec keeps the job's pid down to the JVM, so killing that pid stops kftray itself)
as_user_exec() { exec setpriv $RUN_AS env HOME="$DIR/home" KFTRAY_HOME="$DIR/home" KFTRAY_CDS=off "$@"; }
as_user() { (as_user_exec "$@"); }

step "helper"
java -jar "$DIST/helper/kftray-helper.jar" --config "$DIR/helper.json" > "$DIR/helper.log" 2>&1 &
helper=$!
trap 'kill $helper 2>/dev/null || true' EXIT
for _ in $(seq 200); do [ -S /run/kftray-helper/helper.sock ] && break; sleep 0.1; done

step "import and start"
as_user "$DIST/bin/kftray" import "$DIR/configs.json"
as_user_exec "$DIST/bin/kftray" --headless > "$DIR/kftray.log" 2>&1 &
kftray=$!
for _ in $(seq 600); do grep -q " $ALIAS: 127" "$DIR/kftray.log" && grep -q " $LOW_ALIAS: 127" "$DIR/kftray.log" && break; sleep 0.1; done
step "running"
echo "== running"
cat "$DIR/kftray.log"
step "hosts while running"
echo "== hosts while running"
cat /etc/hosts
step "curl by name"
echo "== curl by name"
curl -sS --max-time 20 "http://$ALIAS:$PORT/" 2>&1 || true
step "curl port 80 by name"
echo "== curl port 80 by name"
curl -sS --max-time 20 "http://$LOW_ALIAS/" 2>&1 || true
step "helper status"
echo "== helper status"
as_user "$DIST/bin/kftray" helper status 2>&1 || true
step "status"
echo "== status"
as_user "$DIST/bin/kftray" status 2>&1 || true
step "saved address"
echo "== saved address"
as_user "$DIST/bin/kftray" export 2>&1 || true
as_user "$DIST/bin/kftray" stop "$ALIAS" "$LOW_ALIAS" 2>&1
step "hosts after stop"
echo "== hosts after stop"
cat /etc/hosts
step "curl after stop"
echo "== curl after stop"
curl -sS --max-time 5 "http://$ALIAS:$PORT/" 2>&1 || true
step "end"
echo "== end"
kill -TERM $kftray
wait $kftray || true

step "done"
