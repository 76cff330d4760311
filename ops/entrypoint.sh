#!/bin/sh
# Starts the build of Handshake Lab made for the configured database. Quarkus fixes the database kind when it
# builds, so the image holds one build per supported kind and QUARKUS_DATASOURCE_DB_KIND picks one at run time.
#
# Memory: the heap is a share of the container's memory limit (JAVA_MAX_RAM_PERCENTAGE, 50 by default: with
# `docker run --memory=512m` a 256 MB heap, the rest for classes, compiled code, threads and network buffers);
# without a limit it is that share of the whole host: give JAVA_OPTS=-Xmx256m there. An OutOfMemoryError ends the process, so the
# orchestrator restarts it rather than it limping on. JAVA_OPTS comes last and overrides any of these.
# glibc gives each thread that allocates natively an arena of its own, up to eight per core, and a busy server's
# threads keep them touched: two arenas left 20-30 MB less resident after a lecture hall (measured once per collector).
set -eu
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
home="${APP_HOME:-/app}"
memory="-XX:MaxRAMPercentage=${JAVA_MAX_RAM_PERCENTAGE:-50} -XX:+ExitOnOutOfMemoryError"
# The parallel (throughput) collector, unless JAVA_OPTS names one (two would stop the JVM): below 2 GB the JVM would
# pick Serial, one thread for every collection; G1 keeps some 45 MB of its own structures (README, Benchmarks).
collector="-XX:+UseParallelGC"
case " ${JAVA_OPTS:-} " in *GC\ *) collector="" ;; esac
case "${QUARKUS_DATASOURCE_DB_KIND:-h2}" in
  h2|postgresql) app="$home/${QUARKUS_DATASOURCE_DB_KIND:-h2}" ;;
  *)
    echo "QUARKUS_DATASOURCE_DB_KIND must be h2 or postgresql, not '${QUARKUS_DATASOURCE_DB_KIND}'" >&2
    exit 64 ;;
esac
# The classes the build loads, already parsed and verified (ops/class-archive.sh made it when the image was built).
archive=""
if [ -r "$app/app-cds.jsa" ]; then
  archive="-XX:SharedArchiveFile=$app/app-cds.jsa"
fi
exec java $memory $collector $archive ${JAVA_OPTS:-} -jar "$app/quarkus-run.jar"
