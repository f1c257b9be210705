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
. Benchmarks/lib-bench.sh

bench_binary debug

bench_workspace faults
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
stop_server

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
