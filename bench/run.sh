#!/bin/sh
# Load benchmark, run on demand (never by the tests): the packaged application against nginx serving the very
# same bytes, side by side on this machine, in one run. Prints request rates for cached traces and a script,
# then p50/p95/p99 of a lecture hall (STUDENTS connections, each thinking 0–THINK_MS ms between requests),
# the ratios, the application's RSS after the run and the load average before and after (the machine may be
# shared: read the figures with it).
#
#   ./mvnw -B package -DskipTests && sh bench/run.sh
#   STUDENTS=500 DURATION=60s sh bench/run.sh
set -eu
cd "$(dirname "$0")/.."
STUDENTS="${STUDENTS:-500}"
DURATION="${DURATION:-60s}"
THROUGHPUT_DURATION="${THROUGHPUT_DURATION:-10s}"
THROUGHPUT_ROUNDS="${THROUGHPUT_ROUNDS:-3}"
APP_PORT="${APP_PORT:-18080}"
NGINX_PORT="${NGINX_PORT:-18081}"
# The application starts as the image starts it (ops/entrypoint.sh: the heap half of the memory limit, glibc's
# arenas capped), in a container of APP_MEMORY_MB (512 by default, the README's `docker run --memory=512m`): a
# memory cgroup of that limit when this shell may make one (root; cgroup v1 or v2), so that the JVM's ergonomics
# see what they would in the container (below 2 GB: the Serial collector). Without one, -Xmx256m on the host (G1).
APP_MEMORY_MB="${APP_MEMORY_MB:-512}"
# JFR=1 records a Java Flight Recording of each of the two runs of the application (rates.jfr and hall.jfr in the work
# folder): where request time goes.
work="$(mktemp -d /tmp/handshake-bench.XXXXXX)"
chmod 755 "$work"   # nginx's workers read the recorded bytes under it
app="http://127.0.0.1:$APP_PORT"
nginx_url="http://127.0.0.1:$NGINX_PORT"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) processors; work in $work"

# --- The application: first as the image starts it (no proxy in front) for the request rates; then, for the hall,
# again with X-Forwarded-For believed from 127.0.0.1, so that each student has its own per-client limits (behind a
# proxy, Quarkus reads the forwarded headers of every request: about a tenth of the event loop's time on a cached trace)
mkdir -p "$work/data"
app_pid=""
mkdir -p "$work/app-home"
ln -s "$PWD/target/quarkus-app" "$work/app-home/h2"   # the entry point's layout: $APP_HOME/<database kind>
cgroup_procs=""
limit=$((APP_MEMORY_MB * 1024 * 1024))
if [ -w /sys/fs/cgroup/memory ]; then
  mkdir -p /sys/fs/cgroup/memory/handshake-bench && echo "$limit" > /sys/fs/cgroup/memory/handshake-bench/memory.limit_in_bytes \
    && cgroup_procs=/sys/fs/cgroup/memory/handshake-bench/cgroup.procs
elif grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null && [ -w /sys/fs/cgroup ]; then
  mkdir -p /sys/fs/cgroup/handshake-bench && echo "$limit" > /sys/fs/cgroup/handshake-bench/memory.max \
    && cgroup_procs=/sys/fs/cgroup/handshake-bench/cgroup.procs
fi
if [ -n "$cgroup_procs" ]; then
  echo "the application runs in a memory cgroup of $APP_MEMORY_MB MB, as in a container"
else
  echo "no memory cgroup could be made: the application runs with -Xmx256m on the host (G1, not the container's Serial)"
  JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
fi
start_app() { # $1: whether to believe X-Forwarded-For; $2: the recording's name (JFR=1)
  recording=""
  if [ "${JFR:-0}" = 1 ]; then recording="-XX:StartFlightRecording=filename=$work/$2.jfr,settings=profile"; fi
  # sh -c joins the cgroup, then becomes the entry point, which becomes java: $! is the JVM's pid.
  APP_HOME="$work/app-home" JAVA_OPTS="${JAVA_OPTS:-} $recording" \
    QUARKUS_HTTP_PORT="$APP_PORT" QUARKUS_MANAGEMENT_PORT=$((APP_PORT + 1000)) HANDSHAKE_DATA_DIR="$work/data" \
    QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING="$1" QUARKUS_LOG_LEVEL=WARN \
    sh -c '[ -z "$1" ] || echo $$ > "$1"; exec sh ops/entrypoint.sh' cgroup "$cgroup_procs" >> "$work/app.log" 2>&1 &
  app_pid=$!
  i=0
  until curl -fs -o /dev/null "$app/" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt 240 ] && { echo "the application did not start; see $work/app.log"; exit 1; }; sleep 0.5
  done
}
stop_app() { kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true; }
cleanup() {
  stop_app
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
start_app false rates

# --- The same bytes for nginx: recorded from the application with curl (and their gzip forms) ---
rec="$work/root/rec"
mkdir -p "$rec"
curl -fsS "$app/lessons/three-way-handshake?lang=en" -o "$rec/lesson.html"
curl -fsS "$app/simulator/four-way-close?lang=en" -o "$rec/simulator.html"
script_url="$(grep -o 'src="[^"]*simulator-page.js"' "$rec/simulator.html" | sed 's/src="//; s/"$//')"
curl -fsS "$app$script_url" -o "$rec/simulator-page.js"
curl -fsS "$app/api/scenarios/four-way-close/trace?lang=en&form=compact" -o "$rec/trace.json"
curl -fsS "$app/api/scenarios/syn-flood/trace?lang=en&form=compact" -o "$rec/flood.json"
curl -fsS "$app/api/scenarios/four-way-close/ladder?profile=rfc9293&compact=false" -o "$rec/ladder.json"
curl -fsS "$app/api/quizzes/why-three-steps?lang=en" -o "$rec/quiz.json"
curl -fsS -H 'Content-Type: application/json' -d '{"scenario":"three-way-handshake"}' -c "$work/cookies" "$app/api/sessions?lang=en" -o "$rec/session.json"
session="$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$rec/session.json")"
curl -fsS -H 'Content-Type: application/json' -d '{"type":"drop","segment":1}' -b "$work/cookies" \
  "$app/api/sessions/$session/actions?lang=en&since=0" -o "$rec/move.json"
for file in "$rec"/*; do gzip -9 -k "$file"; done
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  types { text/html html; text/javascript js; application/json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/root;
    gzip_static on;
  }
}
CONF
nginx -c "$work/nginx.conf"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }'; }
rate() { wrk -t2 -c50 -d"$THROUGHPUT_DURATION" -H 'Accept-Encoding: gzip' "$1" | awk '/Requests\/sec/ { print $2 }'; }

# --- Throughput without think time: cached traces and a script, application against nginx ---
echo "warming up the application"
wrk -t2 -c50 -d15s -H 'Accept-Encoding: gzip' "$app/api/scenarios/four-way-close/trace?lang=en&form=compact" > /dev/null
wrk -t2 -c50 -d5s -H 'Accept-Encoding: gzip' "$app$script_url" > /dev/null
# Each pair is measured in THROUGHPUT_ROUNDS rounds, application then nginx in each, so that a change in the machine's
# load falls on both sides; the ratio printed is the median of the rounds' ratios.
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for pair in "four-way-close trace (cached)|/api/scenarios/four-way-close/trace?lang=en&form=compact|/rec/trace.json" \
            "syn-flood trace (cached)|/api/scenarios/syn-flood/trace?lang=en&form=compact|/rec/flood.json" \
            "simulator-page.js (versioned)|$script_url|/rec/simulator-page.js"; do
  name="${pair%%|*}"; rest="${pair#*|}"; path="${rest%%|*}"; anchor="${rest#*|}"
  rounds=""; ratios=""
  for round in $(seq "$THROUGHPUT_ROUNDS"); do
    a="$(rate "$app$path")"; n="$(rate "$nginx_url$anchor")"
    rounds="$rounds $a/$n"; ratios="$ratios $(ratio "$a" "$n")"
  done
  echo "THROUGHPUT $name: app/nginx req/s per round$rounds; ratio per round$ratios, median $(echo "$ratios" | median)"
done

# --- The lecture hall: STUDENTS students with think time, application then nginx ---
echo "application RSS after the request rates: $(($(ps -o rss= -p "$app_pid") / 1024)) MiB"
stop_app
start_app true hall
hall() { TARGET="$1" SCRIPT_URL="$script_url" wrk -t2 -c"$STUDENTS" -d"$2" --timeout 10s -s bench/lecture-hall.lua "$3" | grep '^RESULT'; }
# The hall's every kind of request once through the application's code (its first sandbox moves and quiz attempts
# are compiled and its traces cached), as a server that has run for a while has done: the run measures the steady state.
echo "warming up the hall's requests"
hall app "${HALL_WARM_UP:-20s}" "$app" > /dev/null
# Per kind of request, the application's own count and mean during the hall (its HTTP metrics, before and after).
metrics="http://127.0.0.1:$((APP_PORT + 1000))/q/metrics"
server_times() { curl -fsS "$metrics" | awk '/^http_server_requests_seconds_(count|sum)\{/ { print }'; }
server_times > "$work/times-before"
app_result="$(hall app "$DURATION" "$app")"; echo "$app_result"
server_times > "$work/times-after"
# One line per request kind (method, status, URI template): how many in the hall and their mean time in the application.
awk '{ key = $1; sub(/^http_server_requests_seconds_(count|sum)/, "", key); sub(/,outcome="[A-Z_]*"/, "", key)
       kind = ($1 ~ /^http_server_requests_seconds_count/) ? "count" : "sum"
       if (FILENAME ~ /before$/) v[kind, key] -= $2; else v[kind, key] += $2; keys[key] = 1 }
     END { for (k in keys) if (v["count", k] > 0)
             printf "SERVER %s: %d requests, mean %.1f ms\n", k, v["count", k], 1000 * v["sum", k] / v["count", k] }' \
  "$work/times-before" "$work/times-after" | sort
nginx_result="$(hall nginx "$DURATION" "$nginx_url")"; echo "$nginx_result"
p99() { echo "$1" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/'; }
echo "HALL p99: app $(p99 "$app_result") ms, nginx $(p99 "$nginx_result") ms, app/nginx $(ratio "$(p99 "$app_result")" "$(p99 "$nginx_result")")"
echo "application RSS after the hall: $(($(ps -o rss= -p "$app_pid") / 1024)) MiB ($(jcmd "$app_pid" VM.flags 2>/dev/null | grep -o 'Use[A-Za-z]*GC' | head -1), heap at most $(($(jcmd "$app_pid" VM.flags 2>/dev/null | grep -o ' -XX:MaxHeapSize=[0-9]*' | cut -d= -f2) / 1048576)) MiB)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
