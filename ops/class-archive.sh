#!/bin/sh
# Makes a class-data archive for a build of Handshake Lab (usage: class-archive.sh APP_DIR): starts the build once
# on a scratch data directory, asks it for the pages, traces, quiz and sandbox a class uses, stops it, and the JVM
# writes every class it loaded, already parsed and verified, to APP_DIR/app-cds.jsa. Started with that archive
# (ops/entrypoint.sh), the JVM maps those classes instead of loading them from the jars again.
# The archive fits only the JVM that wrote it and these very jars, so the image makes it in its runtime stage; a
# JVM that cannot use it says so once and starts without it.
set -eu
app="$1"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Ports for the training run only (a test on a shared machine passes free ones).
port="${CLASS_ARCHIVE_HTTP_PORT:-18080}"
management="${CLASS_ARCHIVE_MANAGEMENT_PORT:-18081}"
HANDSHAKE_DATA_DIR="$scratch" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management \
  java -XX:ArchiveClassesAtExit="$app/app-cds.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$app/quarkus-run.jar" \
  > "$scratch/training.log" 2>&1 &
pid=$!
tries=0
until curl -fsS -o /dev/null "http://localhost:$management/q/health/ready" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 240 ] || ! kill -0 "$pid" 2>/dev/null; then
    cat "$scratch/training.log" >&2
    echo "class-archive.sh: the application did not start" >&2
    { kill "$pid" && wait "$pid"; } 2>/dev/null || true  # a start that never became ready must not outlive the script
    exit 1
  fi
  sleep 0.5
done
base="http://localhost:$port"
for path in / "/?lang=zh" /lessons/three-way-handshake "/lessons/syn-flood?lang=zh" /simulator/syn-flood \
    "/api/scenarios/four-way-close/trace" "/api/scenarios/syn-flood/trace?lang=zh" \
    "/api/scenarios/three-way-handshake/trace?format=svg" "/api/scenarios/three-way-handshake/trace?format=pcap" \
    /quizzes/why-three-steps /api/quizzes/why-three-steps /sandbox /captures /login /js/simulator.js /q/openapi; do
  curl -s -o /dev/null "$base$path" || true
done
session=$(curl -s -H 'Content-Type: application/json' -d '{"scenario": "abort"}' "$base/api/sessions" \
  | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
if [ -n "$session" ]; then
  curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"type": "deliver", "segment": 1}' "$base/api/sessions/$session/actions" || true
fi
kill -TERM "$pid"
wait "$pid" || true
test -s "$app/app-cds.jsa" || { cat "$scratch/training.log" >&2; echo "class-archive.sh: no archive was written" >&2; exit 1; }
