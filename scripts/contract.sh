#!/usr/bin/env bash
# Run the black-box contract suite (tests/test_contract_blackbox.py) against the service started as
# a user starts it (migrate, seed, serve), once on a fresh SQLite file and once on a fresh
# PostgreSQL database. Used by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PORT=${CONTRACT_PORT:-8199}
KEY="contract-suite-admin-key-$(date +%s%N)"
PG_ADMIN=${TEST_PG_DSN:-postgresql://postgres@127.0.0.1:5432/postgres}
BACKENDS=${TEST_BACKENDS:-sqlite,postgresql}
tmp=$(mktemp -d)
server=""
pg_db=""

cleanup() {
    if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [[ -n "$pg_db" ]]; then psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

for backend in ${BACKENDS//,/ }; do
    if [[ "$backend" == sqlite ]]; then
        url="sqlite:///$tmp/contract.db"
    else
        pg_db="contract_$(date +%s)_$$"
        psql "$PG_ADMIN" -qc "CREATE DATABASE $pg_db" >/dev/null
        url="postgresql+psycopg://postgres@127.0.0.1:5432/$pg_db"
    fi
    echo "== contract suite on $backend"
    export DATABASE_URL="$url" BOOTSTRAP_ADMIN_KEY="$KEY" PORT LOG_LEVEL=WARNING
    "$BIN/python" -m app migrate >/dev/null
    "$BIN/python" -m app seed --only-new >/dev/null
    "$BIN/python" -m app serve >"$tmp/server-$backend.log" 2>&1 &
    server=$!
    for _ in $(seq 1 60); do
        curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break
        sleep 0.5
    done
    CONTRACT_BASE_URL="http://127.0.0.1:$PORT" CONTRACT_API_KEY="$KEY" \
        "$BIN/python" -m pytest tests/test_contract_blackbox.py -p no:cacheprovider
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    if [[ -n "$pg_db" ]]; then psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null; pg_db=""; fi
done
