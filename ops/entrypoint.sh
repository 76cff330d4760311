#!/bin/sh
# Starts the build of Handshake Lab made for the configured database. Quarkus fixes the database kind when it
# builds, so the image holds one build per supported kind and QUARKUS_DATASOURCE_DB_KIND picks one at run time.
set -eu
home="${APP_HOME:-/app}"
case "${QUARKUS_DATASOURCE_DB_KIND:-h2}" in
  h2)
    exec java ${JAVA_OPTS:-} -jar "$home/h2/quarkus-run.jar" ;;
  postgresql)
    exec java ${JAVA_OPTS:-} -jar "$home/postgresql/quarkus-run.jar" ;;
  *)
    echo "QUARKUS_DATASOURCE_DB_KIND must be h2 or postgresql, not '${QUARKUS_DATASOURCE_DB_KIND}'" >&2
    exit 64 ;;
esac
