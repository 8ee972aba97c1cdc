#!/usr/bin/env bash
# Starts a local PostgreSQL for the JdbcRevocationStore tests and prints the variables the tests
# read. Safe to run again. Needs the Debian packages postgresql (installed by .ci/run).
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
pg_ctlcluster $cluster start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='sate_test'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE sate_test LOGIN PASSWORD 'sate_test'\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='sate_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O sate_test sate_test"
port=$(pg_lsclusters -h | head -1 | awk '{print $3}')
echo "export SATE_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:${port}/sate_test"
echo "export SATE_TEST_POSTGRES_USER=sate_test"
echo "export SATE_TEST_POSTGRES_PASSWORD=sate_test"
