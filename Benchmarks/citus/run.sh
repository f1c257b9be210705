#!/usr/bin/env bash
# What a tenant's requests cost on a Citus cluster beside one server, on the same machines: the
# demo is served twice, from a database distributed over the cluster (`mutasi citus distribute`)
# and from a plain database on the coordinator alone, and wrk (32 connections) reads one
# employee, 50 units and `/v1/me` from each. For the cluster it also counts, from Citus's own
# counters, the statements that ran on one shard and those that ran on many: a tenant's request
# should run none of the second kind.
#
#   . the MUTASI_TEST_* variables of a Citus cluster (README, "Testing on Citus")
#   Benchmarks/citus/run.sh        (release build in .build-release; BUILD=debug, MUTASI_BIN;
#                                   SECONDS_EACH=10)
#
# On one machine (a loopback cluster) the figures say what distribution costs per request, not
# how far it scales: the nodes share the cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh
. scripts/lib-demo-server.sh
. Benchmarks/lib-bench.sh
: "${MUTASI_TEST_CITUS_WORKER_URLS:?give the cluster as for the tests on Citus (README, Testing on Citus)}"
: "${MUTASI_TEST_SUPER_URL:?}" "${MUTASI_TEST_OWNER_URL:?}" "${MUTASI_TEST_APP_URL:?}"
duration=${SECONDS_EACH:-10}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
pg_ensure_installed >/dev/null
bench_binary release

suffix="$(date +%s)_$$"
citus_db="bench_citus_$suffix" single_db="bench_single_$suffix"
server="" work=$(mktemp -d /tmp/mutasi-citus-bench.XXXXXX)
cleanup() {
    stop_server
    local node
    for node in "$MUTASI_TEST_SUPER_URL" ${MUTASI_TEST_CITUS_WORKER_URLS//,/ }; do
        "$PG_BIN/psql" "$node/postgres" -qAt -c "DROP DATABASE IF EXISTS $citus_db WITH (FORCE)" >/dev/null 2>&1 || true
    done
    "$PG_BIN/psql" "$MUTASI_TEST_SUPER_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $single_db WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# Serves database $1 (migrated, distributed when $2 = citus, seeded) and signs in.
serve() {
    local db=$1 kind=$2
    export DATABASE_URL="$MUTASI_TEST_APP_URL/$db" MIGRATION_DATABASE_URL="$MUTASI_TEST_OWNER_URL/$db"
    export SQL_DIR="$(pwd)/sql" LOG_LEVEL=error HOST=127.0.0.1 PORT=$(pg_free_port) BCRYPT_COST=10
    "$MUTASI_BIN" migrate >/dev/null
    if [ "$kind" = citus ]; then "$MUTASI_BIN" citus distribute; fi
    "$MUTASI_BIN" demo seed >/dev/null 2>&1
    "$MUTASI_BIN" serve >"$work/server-$kind.log" 2>&1 &
    server=$!
    base="http://127.0.0.1:$PORT"
    for _ in $(seq 1 150); do curl -sf "$base/ready" >/dev/null && break; sleep 0.2; done
    read -r token tenant employee < <(bench_sign_in "$base")
}

# Requests per second of route $1 (or error:N when some answer was not 2xx), and the request count.
rate() {
    local out
    out=$(wrk -t2 -c32 -d"${duration}s" -H "Authorization: Bearer $token" "$base$1")
    awk '/Non-2xx or 3xx responses/ { bad = $NF } /Requests\/sec:/ { r = $2 } /requests in/ { n = $1 }
         END { if (bad > 0) printf "error:%d %d\n", bad, n; else printf "%d %d\n", r, n }' <<<"$out"
}

counters() {
    "$PG_BIN/psql" "$MUTASI_TEST_SUPER_URL/$citus_db" -qAt -F ' ' -c \
        "SELECT query_execution_single_shard, query_execution_multi_shard FROM citus_stat_counters WHERE name = current_database()" 2>/dev/null
}

routes=("GET employee by id|/v1/tenants/TENANT/employees/EMPLOYEE" "GET units (limit 50)|/v1/tenants/TENANT/units?limit=50" "GET /v1/me|/v1/me")

demo_citus_database_create "$citus_db"
"$PG_BIN/psql" "$MUTASI_TEST_SUPER_URL/postgres" -qAt -c "ALTER DATABASE $citus_db SET citus.enable_stat_counters = on" >/dev/null 2>&1
owner=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).username)' "$MUTASI_TEST_OWNER_URL")
"$PG_BIN/psql" "$MUTASI_TEST_SUPER_URL/postgres" -qAt -c "CREATE DATABASE $single_db OWNER $owner" >/dev/null

declare -A single
serve "$single_db" single
for r in "${routes[@]}"; do
    path=${r#*|}; path=${path//TENANT/$tenant}; path=${path//EMPLOYEE/$employee}
    read -r got _ < <(rate "$path"); single[${r%%|*}]=$got
done
stop_server

serve "$citus_db" citus
version=$("$PG_BIN/psql" "$MUTASI_TEST_SUPER_URL/$citus_db" -qAt -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'" 2>/dev/null)
workers=$(awk -F, '{ print NF }' <<<"$MUTASI_TEST_CITUS_WORKER_URLS")
echo "==> $build build, Citus $version, coordinator + $workers workers; 32 connections, ${duration} s each"
printf '%-24s %14s %14s %8s %22s\n' route "one server/s" "Citus/s" "ratio" "multi-shard statements"
status=0
for r in "${routes[@]}"; do
    path=${r#*|}; path=${path//TENANT/$tenant}; path=${path//EMPLOYEE/$employee}
    read -r one0 multi0 < <(counters)
    read -r got requests < <(rate "$path")
    read -r one1 multi1 < <(counters)
    name=${r%%|*}
    if [[ "$got" == error:* || "${single[$name]}" == error:* ]]; then
        printf '%-24s %14s %14s\n' "$name" "${single[$name]}" "$got"; status=1; continue
    fi
    multi=$((multi1 - multi0))
    [ "$multi" -eq 0 ] || status=1
    printf '%-24s %14d %14d %7.2fx %10d (%d on one shard, %d requests)\n' "$name" "${single[$name]}" "$got" \
        "$(awk -v a="$got" -v b="${single[$name]}" 'BEGIN { print a / b }')" "$multi" "$((one1 - one0))" "$requests"
done
exit "$status"
