#!/usr/bin/env bash
# Starts Debian's PostgreSQL on 127.0.0.1:5432 with a database and user "handshake" (password "handshake"),
# for the multi-instance test (PostgresIT). Installs the package when it is missing. Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq postgresql
fi
version=$(ls /etc/postgresql | sort -n | tail -n 1)
if [ -z "$version" ]; then
  echo "no PostgreSQL cluster was created by the package" >&2
  exit 1
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'handshake') THEN
    CREATE ROLE handshake LOGIN PASSWORD 'handshake';
  END IF;
END $$;
SQL
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname = 'handshake'\"" | grep -q 1 \
  || su postgres -c "createdb -O handshake handshake"
# A fresh schema for every run, so the test starts from the migrations.
su postgres -c "psql -q -d handshake -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION handshake;'"
echo "PostgreSQL $version ready on 127.0.0.1:5432"
