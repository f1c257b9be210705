#!/usr/bin/env bash
# Balance at scale: a tenant of N employees (Benchmarks/import/generate.py, imported through the
# CLI) for each size given (default 10,000 then 100,000), then the balance at every level and its
# employee lists through HTTP (median of 9), and the server's peak RSS before and after, each
# figure beside its floor (Benchmarks/balance/run.py). The larger size must not take more memory.
#
#   Benchmarks/balance/run.sh [N ...]   (MUTASI_BIN overrides the binary; BUILD=debug uses the
#                                        debug build; default: a release build)
#
# Starts a throwaway PostgreSQL (as scripts/test does), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh
. Benchmarks/lib-bench.sh
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

bench_binary release

bench_workspace balance
export SQL_DIR="$(pwd)/sql" BCRYPT_COST=4 LOG_LEVEL=error HOST=127.0.0.1 PORT=$(pg_free_port) MUTASI_OPERATOR=kota-mataram/admin
psql_db() { pg_as_owner "$PG_BIN/psql" -h "$work/data" -p "$PG_PORT" -U postgres -d mutasi -v ON_ERROR_STOP=1 -qAt "$@"; }

"$MUTASI_BIN" migrate >/dev/null
"$MUTASI_BIN" demo seed >/dev/null
for n in "${sizes[@]}"; do
    # generate.py is deterministic: a larger size keeps the smaller one's units, slots and employees.
    python3 Benchmarks/import/generate.py "$work" "$n" >/dev/null
    chmod 644 "$work"/*.csv
    "$MUTASI_BIN" import units --tenant kota-mataram "$work/units.csv" --no-progress >/dev/null
    "$MUTASI_BIN" import slots --tenant kota-mataram "$work/slots.csv" --no-progress >/dev/null
    "$MUTASI_BIN" import employees --tenant kota-mataram "$work/employees.csv" --no-progress >/dev/null
    psql_db -c "VACUUM ANALYZE agencies, units, slots, employees"
    "$MUTASI_BIN" serve >"$work/server.log" 2>&1 &
    server=$!
    BALANCE_URL="http://127.0.0.1:$PORT" BALANCE_PID=$server BALANCE_BUILD=$build BALANCE_SUMMARY="$work/summary.jsonl" \
        python3 Benchmarks/balance/run.py || status=1
    stop_server
done
BALANCE_SUMMARY="$work/summary.jsonl" python3 Benchmarks/balance/run.py --compare || status=1
exit "${status:-0}"
