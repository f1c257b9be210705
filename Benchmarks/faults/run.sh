#!/usr/bin/env bash
# Faults: PostgreSQL stopped under a writing client, then started again. Prints how fast /ready
# and data routes answer while it is down, how soon requests succeed once it is back, and
# whether every acknowledged write is stored exactly once (Benchmarks/faults/run.py). Then the
# server sent SIGTERM under load (shutdown.py), and a plan build whose server is killed with
# SIGKILL, claimed again by the next one (reclaim.py).
#
#   Benchmarks/faults/run.sh        (MUTASI_BIN overrides the binary; default: the debug build)
#
# Starts a throwaway PostgreSQL of its own (as scripts/test does), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh

if [ -z "${MUTASI_BIN:-}" ]; then
    swift build --product mutasi 2>&1 | tail -1
    MUTASI_BIN=$(swift build --show-bin-path)/mutasi
fi

pg_ensure_installed
work=$(mktemp -d /tmp/mutasi-faults.XXXXXX)
chmod 777 "$work"
server=""
cleanup() {
    if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    pg_stop "$work/data"; rm -rf "$work"
}
trap cleanup EXIT
pg_scratch_database "$work"
port=$PG_PORT
export SQL_DIR="$(pwd)/sql" BCRYPT_COST=4 LOG_LEVEL=error HOST=127.0.0.1 PORT=$(pg_free_port)
"$MUTASI_BIN" migrate >/dev/null
"$MUTASI_BIN" demo seed >/dev/null
"$MUTASI_BIN" serve >"$work/server.log" 2>&1 &
server=$!

export FAULTS_URL="http://127.0.0.1:$PORT" FAULTS_PGDATA="$work/data" FAULTS_PG_BIN="$PG_BIN" FAULTS_PG_PORT="$port"
export FAULTS_WORK="$work" MUTASI_BIN PYTHONDONTWRITEBYTECODE=1
failed=0
python3 Benchmarks/faults/run.py || failed=1
kill -TERM "$server"; wait "$server" || true; server=""

echo
python3 Benchmarks/faults/shutdown.py || failed=1

echo
# A tenant large enough that a plan build runs for a moment: 20,000 employees of kota-mataram.
python3 Benchmarks/import/generate.py "$work" 20000
chmod 644 "$work"/*.csv
for kind in units slots employees; do
    MUTASI_OPERATOR=kota-mataram/admin "$MUTASI_BIN" import "$kind" --tenant kota-mataram "$work/$kind.csv" --no-progress >/dev/null
done
JOB_STALE_SECONDS=5 python3 Benchmarks/faults/reclaim.py || failed=1
exit $failed
