#!/bin/bash
# Chaos test of a headless kftray with forwards and HTTP logging. In turn it
#   1. kills the runtime with SIGKILL and restarts it at once (as systemd's Restart= does), and for
#      comparison stops it cleanly and starts it again,
#   2. kills it with SIGKILL while two console processes make config writes,
#   3. stops it (SIGSTOP) for STOP_SECONDS while a second runtime tries to take over,
#   4. runs it with its home on a 16 MiB tmpfs that fills up while it logs HTTP traffic (root only),
#   5. starts it on a torn and on a corrupted write-ahead log,
# and after each checks that the database passes integrity_check, that no acknowledged write is
# lost, that the forwards serve again and that no output holds a stack trace. It prints the counts
# as "chaos:" lines and exits non-zero with a "chaos: FAILED:" line at the first broken promise.
#
# Environment: KFTRAY (the distribution's bin/kftray), KUBECONFIG_FILE and KUBE_CONTEXT (a cluster
# with services "web" and "api", port 80, in namespace "dev" answering HTTP), WORK (an empty directory). The
# forwards listen on ports the system picks (local_port 0); the script reads them from the database. Optional: WRITES (1000), STOP_SECONDS (30), RESTARTS (3),
# STEPS (the steps to run, default "1 2 3 4 5").
# Needs curl and sqlite3; step 4 needs root (mount).
set -u
: "${KFTRAY:?}" "${KUBECONFIG_FILE:?}" "${KUBE_CONTEXT:?}" "${WORK:?}"
WRITES=${WRITES:-1000}
STOP_SECONDS=${STOP_SECONDS:-30}
RESTARTS=${RESTARTS:-3}
STEPS=" ${STEPS:-1 2 3 4 5} "
RUNTIME=""
BEGAN=$(date +%s)
HOME_DIR="$WORK/home"
PIDS=()
INTEGRITY_CHECKS=0
KILLS=0

fail() {
  echo "chaos: FAILED: $*" >&2
  local latest
  latest=$(ls -t "$WORK"/*.log 2>/dev/null | head -1)
  [ -n "$latest" ] && { echo "chaos: last lines of $latest:" >&2; tail -8 "$latest" >&2; }
  exit 1
}
say() { echo "chaos: [$(( $(date +%s) - BEGAN )) s] $*"; }
step() { [[ "$STEPS" == *" $1 "* ]]; }
now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; echo $(( t / 1000 )); } # no process: the clock of bash 5
kf() { KFTRAY_HOME="$HOME_DIR" "$KFTRAY" "$@"; }
db() { sqlite3 -cmd '.timeout 10000' "$HOME_DIR/kftray.db" "$@"; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  mountpoint -q "$WORK/small" 2>/dev/null && umount "$WORK/small"
}
trap cleanup EXIT

served() { # $1: host:port
  [ -n "$1" ] && curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$1/" 2>/dev/null | grep -q '^200$'
}


# the addresses the running forwards web and api listen on, as the database says: "alias|address|owner pid" lines
running_addresses() {
  db "SELECT c.alias || '|' || r.bound_address || '|' || r.owner_pid FROM runtime_state r
      JOIN configs c ON c.id = r.config_id WHERE c.alias IN ('web', 'api') AND r.status = 'RUNNING';" 2>/dev/null
}

address_of() { # $1: web or api; the address its running forward listens on
  running_addresses | sed -n "s/^$1|\([^|]*\)|.*/\1/p"
}

# prints the milliseconds until both forwards serve, counted from $1 (ms); fails after $2 seconds. One
# database query a round and no other process but curl, so that the polling takes little of the CPU the
# runtime it waits for needs. Rows a killed runtime left RUNNING are skipped (kill -0 is a shell builtin):
# curling their dead ports twice a round would only load the machine the new runtime starts on
await_served() {
  local since=$1 limit=$(( $2 * 1000 )) a=0 b=0 alias address owner
  while true; do
    while IFS='|' read -r alias address owner; do
      [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null || continue
      case "$alias" in
        web) [ $a = 1 ] || { served "$address" && a=1; } ;;
        api) [ $b = 1 ] || { served "$address" && b=1; } ;;
      esac
    done < <(running_addresses)
    [ $a = 1 ] && [ $b = 1 ] && { echo $(( $(now_ms) - since )); return 0; }
    [ $(( $(now_ms) - since )) -gt $limit ] && return 1
    sleep 0.05
  done
}

start_runtime() { # $1: log file; sets RUNTIME to the JVM's pid (the launcher script execs it)
  KFTRAY_HOME="$HOME_DIR" "$KFTRAY" --headless > "$1" 2>&1 &
  RUNTIME=$!
  PIDS+=("$RUNTIME")
}

kill9() { # $1: pid; SIGKILL without the shell's job notice
  { kill -KILL "$1"; wait "$1"; } 2>/dev/null
  KILLS=$(( KILLS + 1 ))
}

ensure_runtime() { # $1: log file
  if [ -z "$RUNTIME" ] || ! kill -0 "$RUNTIME" 2>/dev/null; then
    start_runtime "$1"
    await_served "$(now_ms)" 180 > /dev/null || fail "forwards not served within 180 s of a start"
  fi
}

stop_current() { # stops the runtime of the steps before, so the next one starts on a quiet home
  if [ -n "$RUNTIME" ] && kill -0 "$RUNTIME" 2>/dev/null; then
    stop_runtime "$RUNTIME"
  fi
  RUNTIME=""
}

stop_runtime() { # $1: pid
  kill -TERM "$1" 2>/dev/null
  for _ in $(seq 1 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.05; done
  fail "runtime $1 did not stop within 10 s of SIGTERM"
}

integrity() { # $1: what just happened
  local result
  result=$(db 'PRAGMA integrity_check;' 2>&1) || fail "$1: cannot open the database: $result"
  [ "$result" = ok ] || fail "$1: integrity_check says: $result"
  INTEGRITY_CHECKS=$(( INTEGRITY_CHECKS + 1 ))
}

# every "added forward N 'alias'" a console acknowledged must be stored; prints how many were
lost_writes() { # $@: console outputs
  local acked stored
  acked=$(grep -ho "added forward [0-9]* '[^']*'" "$@" | sed "s/.*'\(.*\)'/\1/" | sort -u)
  stored=$(db "SELECT alias FROM configs;" | sort -u)
  comm -23 <(echo "$acked") <(echo "$stored") | grep -c . || true
}

acked_writes() { grep -ho "added forward [0-9]* '[^']*'" "$@" | sort -u | grep -c . || true; }

console_writer() { # $1: name, $2: count; sets WRITER
  local cmds="$WORK/$1.commands"
  for i in $(seq 1 "$2"); do
    echo "kftray:add -n dev -s web -r 80 -l 0 -a $1-$i --context $KUBE_CONTEXT --kubeconfig $KUBECONFIG_FILE"
  done > "$cmds"
  KFTRAY_HOME="$HOME_DIR" "$KFTRAY" --feature console --shell --log-level warn < "$cmds" > "$WORK/$1.out" 2>&1 &
  WRITER=$!
  PIDS+=("$WRITER")
}

import_forwards() {
  cat > "$WORK/forwards.json" <<EOF
[{"alias":"web","namespace":"dev","service":"web","remote_port":"80","local_port":0,"workload_type":"service",
  "protocol":"tcp","auto_start":true,"http_logs_enabled":true,"context":"$KUBE_CONTEXT","kubeconfig":"$KUBECONFIG_FILE"},
 {"alias":"api","namespace":"dev","service":"api","remote_port":"80","local_port":0,"workload_type":"service",
  "protocol":"tcp","auto_start":true,"context":"$KUBE_CONTEXT","kubeconfig":"$KUBECONFIG_FILE"}]
EOF
  kf import "$WORK/forwards.json" > "$WORK/import.out" 2>&1 || fail "import: $(cat "$WORK/import.out")"
}

no_stack_traces() {
  local traces
  traces=$(grep -lE '^\s+at [a-zA-Z_$][\w$.]*\(|^Exception in thread|^Caused by:' "$WORK"/*.log "$WORK"/*.out 2>/dev/null)
  [ -z "$traces" ] || fail "stack traces printed in: $traces ($(grep -hm3 -B2 -E '^\s+at ' $traces | head -5))"
}

mkdir -p "$HOME_DIR"
import_forwards

# 1. kill -9, then an immediate restart, RESTARTS times; each followed, for comparison on the same run, by a
# clean stop (SIGTERM) and a restart
if step 1; then
ensure_runtime "$WORK/runtime-1.log"
restarts=()
cleans=()
for n in $(seq 1 "$RESTARTS"); do
  kill9 "$RUNTIME"
  killed=$(now_ms)
  start_runtime "$WORK/runtime-restart-$n.log"
  ms=$(await_served "$killed" 90) || fail "after kill -9 and an immediate restart, forwards not served within 90 s"
  restarts+=("$ms")
  integrity "restart $n after kill -9"
  stop_runtime "$RUNTIME"
  stopped=$(now_ms)
  start_runtime "$WORK/runtime-clean-$n.log"
  ms=$(await_served "$stopped" 90) || fail "after a clean stop and a restart, forwards not served within 90 s"
  cleans+=("$ms")
done
say "step 1: kill -9 + immediate restart, all auto-start forwards served again after ${restarts[*]} ms"
say "step 1: for comparison, a clean stop (SIGTERM) + restart: served again after ${cleans[*]} ms"
fi

# 2. kill -9 during WRITES config writes from two console processes
if step 2; then
ensure_runtime "$WORK/runtime-2.log"
console_writer w1 $(( WRITES / 2 ))
w1=$WRITER
console_writer w2 $(( WRITES - WRITES / 2 ))
w2=$WRITER
for _ in $(seq 1 1200); do
  [ "$(acked_writes "$WORK/w1.out")" -ge 20 ] && [ "$(acked_writes "$WORK/w2.out")" -ge 20 ] && break
  sleep 0.1
done
kill9 "$RUNTIME"
killed=$(now_ms)
during=$(acked_writes "$WORK/w1.out" "$WORK/w2.out")
start_runtime "$WORK/runtime-2b.log"
ms=$(await_served "$killed" 120) || fail "forwards not served within 120 s of a restart during the writes"
wait "$w1" "$w2"
acked=$(acked_writes "$WORK/w1.out" "$WORK/w2.out")
lost=$(lost_writes "$WORK/w1.out" "$WORK/w2.out")
[ "$acked" -eq "$WRITES" ] || fail "the consoles acknowledged $acked of $WRITES writes: $(grep -hv 'added forward' "$WORK"/w*.out | head -3)"
[ "$lost" -eq 0 ] || fail "$lost acknowledged writes are missing from the database"
integrity "kill -9 during writes"
say "step 2: $acked of $WRITES writes acknowledged ($during when the runtime was killed), $lost lost; served again after $ms ms"
fi

# 3. SIGSTOP the owner while a second runtime tries to take over
if step 3; then
ensure_runtime "$WORK/runtime-3.log"
owner=$RUNTIME
kill -STOP "$owner"
stopped=$(now_ms)
start_runtime "$WORK/runtime-second.log"
second=$RUNTIME
sleep "$STOP_SECONDS"
taken_over=$(db "SELECT count(*) FROM runtime_state WHERE status = 'RUNNING' AND owner_pid = $second;")
recorded=$(db "SELECT value FROM settings WHERE key = 'runtime.owner';")
[ "$taken_over" -eq 0 ] || [ "${recorded%%@*}" = "$second" ] \
  || fail "the second runtime took $taken_over forwards over, but commands are still sent to '$recorded'"
kill -CONT "$owner"
ms=$(await_served "$(now_ms)" 60) || fail "forwards not served within 60 s after SIGCONT"
sleep 2
owners=$(db "SELECT DISTINCT owner_pid FROM runtime_state WHERE status IN ('RUNNING', 'STARTING', 'RECONNECTING');")
[ "$(echo "$owners" | grep -c .)" -eq 1 ] || fail "after SIGSTOP/SIGCONT the forwards have owners '$owners', not one"
kill -0 "$owners" 2>/dev/null || fail "the forwards' owner $owners is not running"
integrity "SIGSTOP of the owner"
say "step 3: owner stopped ${STOP_SECONDS} s; the second runtime ran $taken_over forwards meanwhile; one live owner" \
  "($( [ "$owners" = "$owner" ] && echo first || echo second )) serves again $ms ms after SIGCONT"
stop_runtime "$second"
stop_runtime "$owner"
RUNTIME=""
integrity "SIGTERM"
fi

# 4. the home on a 16 MiB tmpfs that fills up while HTTP traffic is logged
if ! step 4; then
  :
elif stop_current; [ "$(id -u)" != 0 ]; then
  say "step 4: skipped, mounting a tmpfs needs root"
else
  big_home="$HOME_DIR"
  HOME_DIR="$WORK/small"
  mkdir -p "$HOME_DIR"
  mount -t tmpfs -o size=16m,mode=0700 tmpfs "$HOME_DIR" || fail "cannot mount a tmpfs on $HOME_DIR"
  import_forwards
  start_runtime "$WORK/runtime-full.log"
  await_served "$(now_ms)" 180 > /dev/null || fail "forwards on the small home not served within 180 s"
  avail=$(df --output=avail -B1 "$HOME_DIR" | tail -1)
  head -c $(( avail - 3 * 1024 * 1024 )) /dev/zero > "$HOME_DIR/filler" 2>/dev/null
  head -c 200000 /dev/zero | tr '\0' 'x' > "$WORK/body.txt"
  sent=0
  web=$(address_of web)
  for i in $(seq 1 60); do
    curl -s -o /dev/null -m 5 -H 'Content-Type: text/plain' --data-binary @"$WORK/body.txt" \
      "http://$web/full-$i" && sent=$(( sent + 1 ))
  done
  [ "$sent" -eq 60 ] || fail "only $sent of 60 requests were answered while the disk was full"
  grep -qE "HTTP log of forward .*: cannot (write to|flush)" "$WORK/runtime-full.log" \
    || fail "the runtime did not say that the HTTP log cannot be written ($(du -sh "$HOME_DIR/http_logs" 2>&1))"
  kf add -n dev -s web -r 80 -l 0 -a on-full-disk > "$WORK/add-full.out" 2>&1
  add_full=$?
  if [ $add_full != 0 ]; then
    grep -q "^kftray: disk full while saving a new forward definition" "$WORK/add-full.out" \
      || fail "a write on the full disk failed without saying why: $(cat "$WORK/add-full.out")"
  fi
  rm -f "$HOME_DIR/filler"
  before=$(grep -c . "$HOME_DIR/http_logs/1/exchanges.jsonl" 2>/dev/null || echo 0)
  for i in $(seq 1 3); do served "$web" || fail "not served after space returned"; done
  for _ in $(seq 1 100); do
    [ "$(grep -c . "$HOME_DIR/http_logs/1/exchanges.jsonl" 2>/dev/null || echo 0)" -gt "$before" ] && break
    sleep 0.1
  done
  after=$(grep -c . "$HOME_DIR/http_logs/1/exchanges.jsonl" 2>/dev/null || echo 0)
  [ "$after" -gt "$before" ] || fail "the HTTP log did not take entries again once space returned"
  kf add -n dev -s web -r 80 -l 0 -a after-full-disk > "$WORK/add-after.out" 2>&1 || fail "a write after space returned failed: $(cat "$WORK/add-after.out")"
  integrity "full disk"
  stop_runtime "$RUNTIME"
  integrity "SIGTERM on the full disk"
  say "step 4: 60 of 60 requests served on a full disk; a config write there $( [ $add_full = 0 ] && echo succeeded || echo "failed with: $(tail -1 "$WORK/add-full.out")" );" \
    "the HTTP log took entries again once space returned ($before -> $after)"
  umount "$HOME_DIR"
  HOME_DIR="$big_home"
fi

# 5. a torn write-ahead log after kill -9, then a corrupted one at start
if step 5; then
ensure_runtime "$WORK/runtime-wal.log"
console_writer w3 50
wait "$WRITER"
kill9 "$RUNTIME"
if [ -s "$HOME_DIR/kftray.db-wal" ]; then
  head -c 3000 /dev/urandom >> "$HOME_DIR/kftray.db-wal"
  torn="torn"
else
  torn="no WAL left to tear"
fi
start_runtime "$WORK/runtime-torn.log"
ms=$(await_served "$(now_ms)" 60) || fail "forwards not served on a torn WAL"
lost=$(lost_writes "$WORK"/w*.out)
[ "$lost" -eq 0 ] || fail "$lost acknowledged writes lost with a torn WAL"
integrity "torn WAL"
stop_runtime "$RUNTIME"
head -c 65536 /dev/urandom > "$HOME_DIR/kftray.db-wal"
start_runtime "$WORK/runtime-corrupt.log"
ms2=$(await_served "$(now_ms)" 60) || fail "forwards not served on a corrupted WAL: $(tail -3 "$WORK/runtime-corrupt.log")"
lost2=$(lost_writes "$WORK"/w*.out)
[ "$lost2" -eq 0 ] || fail "$lost2 acknowledged writes lost with a corrupted WAL"
integrity "corrupted WAL"
stop_runtime "$RUNTIME"
say "step 5: $torn WAL after kill -9: served in $ms ms, 0 lost; random WAL at start: served in $ms2 ms, 0 lost"
fi

no_stack_traces
total=$(db "SELECT count(*) FROM configs;")
say "summary: $KILLS kill -9, $INTEGRITY_CHECKS integrity checks ok, $total forwards stored, 0 acknowledged writes lost," \
  "no stack trace in $(ls "$WORK"/*.log "$WORK"/*.out | wc -l) outputs"
