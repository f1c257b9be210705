#!/usr/bin/env bash
# Import benchmark: N employees (default 100,000) with the units and slots that hold them.
# Times `mutasi import employees` (first import, then the idempotent re-import) against the floor,
# `psql \copy` of the same rows into the same table, and prints the ratios; then times the last
# page of the employee and slot lists by offset and by cursor (Benchmarks/import/lastpage.py).
#
#   Benchmarks/import/run.sh [N]        (MUTASI_BIN overrides the binary; default: a release build,
#                                        BUILD=debug the debug one)
#
# Starts a throwaway PostgreSQL (as scripts/test does), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh
. Benchmarks/lib-bench.sh
n=${1:-100000}

bench_binary release

bench_workspace import
port=$PG_PORT
export SQL_DIR="$(pwd)/sql" BCRYPT_COST=4 MUTASI_OPERATOR=kota-mataram/admin
psql_db() { pg_as_owner "$PG_BIN/psql" -h "$work/data" -p "$port" -U postgres -d mutasi -v ON_ERROR_STOP=1 -qAt "$@"; }

"$MUTASI_BIN" migrate >/dev/null
"$MUTASI_BIN" demo seed >/dev/null
python3 Benchmarks/import/generate.py "$work" "$n"
chmod 644 "$work"/*.csv
"$MUTASI_BIN" import units --tenant kota-mataram "$work/units.csv" --no-progress
"$MUTASI_BIN" import slots --tenant kota-mataram "$work/slots.csv" --no-progress

seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
t0=$(seconds)
"$MUTASI_BIN" import employees --tenant kota-mataram "$work/employees.csv" --no-progress
t1=$(seconds)
"$MUTASI_BIN" import employees --tenant kota-mataram "$work/employees.csv" --no-progress
t2=$(seconds)

# The last page of the lists, by offset and by cursor, through a server on the imported tenant.
export HOST=127.0.0.1 PORT=$(pg_free_port) LOG_LEVEL=error
"$MUTASI_BIN" serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://$HOST:$PORT/health" >/dev/null && break; sleep 0.2; done
MUTASI_URL="http://$HOST:$PORT" python3 Benchmarks/import/lastpage.py > "$work/lastpage.txt"
stop_server

# The floor: the same rows (as the import stored them) copied into the same table with psql.
tenant=$(psql_db -c "SELECT id FROM tenants WHERE code = 'kota-mataram'")
cols="tenant_id, nip, kind, name, birth_date, sex, grade, education_level, education_field, competencies, slot_id, slot_since, locked, lock_reason"
psql_db -c "\\copy (SELECT $cols FROM employees WHERE tenant_id = '$tenant' AND nip NOT IN ('198807122012032004')) TO '$work/floor.tsv'"
psql_db -c "UPDATE users SET employee_id = NULL WHERE tenant_id = '$tenant'; DELETE FROM position_history WHERE tenant_id = '$tenant'; DELETE FROM employee_performance WHERE tenant_id = '$tenant'; DELETE FROM employees WHERE tenant_id = '$tenant';"
psql_db -c "VACUUM ANALYZE employees, position_history, employee_performance"
t3=$(seconds)
psql_db -c "\\copy employees ($cols) FROM '$work/floor.tsv'"
t4=$(seconds)

python3 - "$n" "$t0" "$t1" "$t2" "$t3" "$t4" <<'PY'
import sys
n = int(sys.argv[1]); t0, t1, t2, t3, t4 = map(float, sys.argv[2:])
first, again, floor = t1 - t0, t2 - t1, t4 - t3
print(f"rows                           {n}")
print(f"mutasi import employees        {first:.2f} s  ({n / first:,.0f} rows/s)")
print(f"mutasi import again (no-op)    {again:.2f} s")
print(f"psql \\copy into employees      {floor:.2f} s  (the floor)")
print(f"ratio import / floor           {first / floor:.2f}x  (target 2.0x)")
print(f"ratio import again / floor     {again / floor:.2f}x  (target 1.0x)")
PY
cat "$work/lastpage.txt"
