#!/bin/sh
# Starts the build of Handshake Lab made for the configured database. Quarkus fixes the database kind when it
# builds, so the image holds one build per supported kind and QUARKUS_DATASOURCE_DB_KIND picks one at run time.
#
# Memory: the heap is a share of the container's memory limit (JAVA_MAX_RAM_PERCENTAGE, 50 by default: with
# `docker run --memory=512m` a 256 MB heap, the rest for classes, compiled code, threads and network buffers);
# without a limit it is that share of the whole host: give JAVA_OPTS=-Xmx256m there. An OutOfMemoryError ends the process, so the
# orchestrator restarts it rather than it limping on. JAVA_OPTS comes last and overrides any of these.
set -eu
home="${APP_HOME:-/app}"
memory="-XX:MaxRAMPercentage=${JAVA_MAX_RAM_PERCENTAGE:-50} -XX:+ExitOnOutOfMemoryError"
case "${QUARKUS_DATASOURCE_DB_KIND:-h2}" in
  h2)
    exec java $memory ${JAVA_OPTS:-} -jar "$home/h2/quarkus-run.jar" ;;
  postgresql)
    exec java $memory ${JAVA_OPTS:-} -jar "$home/postgresql/quarkus-run.jar" ;;
  *)
    echo "QUARKUS_DATASOURCE_DB_KIND must be h2 or postgresql, not '${QUARKUS_DATASOURCE_DB_KIND}'" >&2
    exit 64 ;;
esac
