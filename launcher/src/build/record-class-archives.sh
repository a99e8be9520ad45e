#!/bin/bash
# Records the distribution's class data sharing archives at build time, so that the first command and
# the first runtime of every kftray home map the classes they load instead of parsing and verifying
# them (a runtime brings its forwards up about a second sooner, which is most of what a restart after
# a crash costs). bin/kftray maps them when the home has none of its own; the archives name the JDK
# and the class path they were recorded with, and a JVM that does not match ignores them.
#
# Usage: record-class-archives.sh DIST. Best effort: a build never fails here; it only prints why no
# archive was recorded.
set -u
DIST=$(cd "${1:?the distribution directory}" && pwd)
OUT="$DIST/cds"
WORK=$(mktemp -d)
RUNTIME=""
cleanup() {
  [ -n "$RUNTIME" ] && kill -KILL "$RUNTIME" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
skip() { echo "class data sharing archives not recorded: $*"; exit 0; }

rm -rf "$OUT"
kf() { env -u KUBECONFIG -u DISPLAY KFTRAY_HOME="$WORK/home" "$DIST/bin/kftray" "$@"; }

# a one-shot command records its archive as it exits
kf list > "$WORK/list.out" 2>&1 || skip "'kftray list' failed: $(head -c 300 "$WORK/list.out")"

# a runtime records its own once started; with no forwards, it waits for the Kubernetes client's classes
KFTRAY_CDS=runtime KFTRAY_JAVA_OPTS="-Dkftray.cds.earliest=8000" kf --headless > "$WORK/runtime.out" 2>&1 &
RUNTIME=$!
for _ in $(seq 1 600); do
  ls "$WORK"/home/cache/kftray-runtime-*.jsa > /dev/null 2>&1 && break
  kill -0 "$RUNTIME" 2>/dev/null || break
  sleep 0.2
done
kill -TERM "$RUNTIME" 2>/dev/null
wait "$RUNTIME" 2>/dev/null
RUNTIME=""

mkdir -p "$OUT"
mv "$WORK"/home/cache/kftray-*.jsa "$OUT/" 2>/dev/null
chmod 0444 "$OUT"/*.jsa 2>/dev/null
ls "$OUT"/kftray-runtime-*.jsa > /dev/null 2>&1 || skip "the runtime recorded none: $(tail -c 300 "$WORK/runtime.out")"
echo "class data sharing archives recorded: $(cd "$OUT" && echo *.jsa)"
