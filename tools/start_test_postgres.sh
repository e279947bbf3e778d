#!/usr/bin/env bash
# Start PostgreSQL for the store tests and print a URL for FORMLINT_TEST_PG_URL.
#
#   export FORMLINT_TEST_PG_URL="$(bash tools/start_test_postgres.sh)"
#
# Uses the Debian cluster tools (apt-get install postgresql): starts the newest cluster (creating
# one if none exists), then creates role and database "formlint_test" (password "formlint_test")
# and prints postgresql+psycopg://formlint_test:formlint_test@127.0.0.1:PORT/formlint_test.
# Progress goes to stderr; only the URL goes to stdout. Exits non-zero when no server is found.
set -euo pipefail

log() { echo "start_test_postgres: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "no PostgreSQL cluster tools (apt-get install -y postgresql)"
  exit 1
fi

version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1)"
if [ -z "$version" ]; then
  log "no PostgreSQL server under /usr/lib/postgresql"
  exit 1
fi
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2 || service postgresql start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"

psql_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; else psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; fi
}

for _ in $(seq 1 30); do
  psql_pg -c "select 1" >/dev/null 2>&1 && break
  sleep 1
done
if [ "$(psql_pg -c "select 1 from pg_roles where rolname='formlint_test'")" != "1" ]; then
  psql_pg -c "create role formlint_test login password 'formlint_test' createdb" >&2
fi
if [ "$(psql_pg -c "select 1 from pg_database where datname='formlint_test'")" != "1" ]; then
  psql_pg -c "create database formlint_test owner formlint_test" >&2
fi
echo "postgresql+psycopg://formlint_test:formlint_test@127.0.0.1:${port}/formlint_test"
