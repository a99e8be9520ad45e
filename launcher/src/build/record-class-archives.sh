#!/bin/bash
# Records the distribution's class data sharing archives at build time, so that the first command and
# the first runtime of every kftray home map the classes they load instead of parsing and verifying
# them (a runtime brings its forwards up about a second sooner, which is most of what a restart after
# a crash costs). bin/kftray maps them when the home has none of its own; the archives name the JDK
# and the class path they were recorded with, and a JVM that does not match ignores them.
#
# The runtime's recording runs one forward to the project's Kubernetes API emulator when its jar is
# built (the reactor builds it first), so that the archive also holds what a forward loads: the API
# requests, the pod watch, the tunnel and the data path. Without it the runtime starts with no forward.
#
# Usage: record-class-archives.sh DIST [EMULATOR_JAR]. Best effort: a build never fails here; it only
# prints why no archive was recorded.
set -u
DIST=$(cd "${1:?the distribution directory}" && pwd)
EMULATOR_JAR=${2:-}
OUT="$DIST/cds"
WORK=$(mktemp -d)
RUNTIME=""
EMULATOR=""
stop() { # $1: pid; without the shell's notice of a killed job
  { kill -KILL "$1"; wait "$1"; } 2>/dev/null
}
cleanup() {
  [ -n "$RUNTIME" ] && stop "$RUNTIME"
  [ -n "$EMULATOR" ] && stop "$EMULATOR"
  rm -rf "$WORK"
}
trap cleanup EXIT
skip() { echo "class data sharing archives not recorded: $*"; exit 0; }

rm -rf "$OUT"
KF=(env -u KUBECONFIG -u DISPLAY KFTRAY_HOME="$WORK/home" "$DIST/bin/kftray")
kf() { "${KF[@]}" "$@"; }

# a one-shot command records its archive as it exits
kf list > "$WORK/list.out" 2>&1 || skip "'kftray list' failed: $(head -c 300 "$WORK/list.out")"

# a cluster with one service whose pod leads back to the API server's own port: any answer will do,
# the bytes only have to cross the tunnel both ways
start_emulator() {
  local port world="$WORK/world.json"
  [ -n "$EMULATOR_JAR" ] && [ -f "$EMULATOR_JAR" ] || return 1
  for _ in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 30000 ))
    printf '%s' '{"namespaces": [{"name": "train", "services": [{"name": "web", "selector": {"app": "web"},
      "ports": [{"port": 80, "name": "http", "targetPort": 8080}]}], "pods": [{"name": "web-1",
      "labels": {"app": "web"}, "ports": [{"name": "http", "containerPort": 8080}],
      "backend": "127.0.0.1:'"$port"'"}]}]}' > "$world"
    java -jar "$EMULATOR_JAR" --port "$port" --kubeconfig "$WORK/kubeconfig" --world "$world" \
      > "$WORK/emulator.out" 2>&1 &
    EMULATOR=$!
    for _ in $(seq 1 300); do
      grep -q "kubeconfig written" "$WORK/emulator.out" 2>/dev/null && return 0
      kill -0 "$EMULATOR" 2>/dev/null || break
      sleep 0.1
    done
    stop "$EMULATOR"
    EMULATOR=""
  done
  return 1
}
if start_emulator; then
  # with its HTTP log, as many forwards have: the archive then holds the log's classes too
  kf add --kubeconfig "$WORK/kubeconfig" --context emulator -n train -s web -r 80 -l 0 -a web \
    --auto-start true --http-logs > "$WORK/add.out" 2>&1 || echo "training forward not added: $(head -c 300 "$WORK/add.out")"
fi

# a runtime records its own once its forward has settled (however long a busy build machine takes), and
# not before the Kubernetes client's warm-up is through
# not through kf: a function run in the background is a subshell of its own, and a signal to its pid would
# leave the JVM running; a plain command's pid is the JVM's, as bin/kftray execs it
KFTRAY_CDS=runtime KFTRAY_JAVA_OPTS="-Dkftray.cds.earliest=8000 -Dkftray.cds.latest=120000" \
  "${KF[@]}" --headless > "$WORK/runtime.out" 2>&1 &
RUNTIME=$!
TRAFFIC=""
for _ in $(seq 1 1200); do
  ls "$WORK"/home/cache/kftray-runtime-*.jsa > /dev/null 2>&1 && break
  kill -0 "$RUNTIME" 2>/dev/null || break
  if [ -z "$TRAFFIC" ]; then
    port=$(sed -n 's/.*web: [0-9.]*:\([0-9]*\) -> pod.*/\1/p' "$WORK/runtime.out" | head -1)
    if [ -n "$port" ]; then
      TRAFFIC=1
      # one connection through the forward, on bash's own sockets: no client needs installing
      ( exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && timeout 3 cat <&3 > /dev/null ) 2>/dev/null
    fi
  fi
  sleep 0.2
done
kill -TERM "$RUNTIME" 2>/dev/null
wait "$RUNTIME" 2>/dev/null
RUNTIME=""

mkdir -p "$OUT"
mv "$WORK"/home/cache/kftray-*.jsa "$OUT/" 2>/dev/null
chmod 0444 "$OUT"/*.jsa 2>/dev/null
ls "$OUT"/kftray-runtime-*.jsa > /dev/null 2>&1 || skip "the runtime recorded none: $(tail -c 300 "$WORK/runtime.out")"
echo "class data sharing archives recorded: $(cd "$OUT" && echo *.jsa)$([ -n "$TRAFFIC" ] && echo ", with a forward")"
