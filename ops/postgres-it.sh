#!/usr/bin/env bash
# The second half of the README's test command (after ./mvnw verify): the PostgreSQL build with two instances
# on one database (PostgresIT).
# PostgresIT needs Debian's PostgreSQL, which ops/postgres-start.sh installs and starts when run as root; where it
# cannot, this says so loudly and, under CI=true, fails instead of passing without it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" -ne 0 ]; then
  echo "==================================================================================" >&2
  echo "NOT RUN: PostgresIT (no PostgreSQL here, and installing it needs root)." >&2
  echo "Run this script as root, or install Debian's postgresql package, to run it." >&2
  echo "==================================================================================" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
was_running=false
command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -q && was_running=true
bash ops/postgres-start.sh
# Stop the PostgreSQL this run started (not one that was already serving), whether the build passes or not.
$was_running || trap 'pg_ctlcluster "$(ls /etc/postgresql | sort -n | tail -n 1)" main stop 2>/dev/null || true' EXIT
./mvnw -B -ntp -Ppostgres -Dquarkus.datasource.db-kind=postgresql verify
