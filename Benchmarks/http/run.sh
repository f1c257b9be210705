#!/usr/bin/env bash
# Reads through HTTP beside the database's own speed, in one run on one cluster: `pgbench -S`
# (primary-key selects, 32 clients) as the floor's reference, then wrk (32 connections) against a
# signed-in demo server for one employee by id, a list of 50 units, `/v1/me`, the tenant balance
# and `/health`. Prints requests per second, the ratio to pgbench -S and each target.
#
#   Benchmarks/http/run.sh          (release build in .build-release; BUILD=debug uses the debug
#                                    build, MUTASI_BIN a given binary; SECONDS_EACH=10)
#
# Starts a throwaway PostgreSQL (as scripts/test does), removed at the end; installs wrk from the
# system packages when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh
. Benchmarks/lib-bench.sh
duration=${SECONDS_EACH:-10}

if ! command -v wrk >/dev/null; then
    echo "==> apt-get install -y wrk"
    apt-get install -y wrk >/dev/null
fi
bench_binary release

bench_workspace http
# The server reaches the database through its Unix socket, as pgbench does (TRANSPORT=tcp: 127.0.0.1).
[ "${TRANSPORT:-socket}" = tcp ] || DATABASE_URL="$DATABASE_URL?host=$work/data"
export SQL_DIR="$(pwd)/sql" LOG_LEVEL=error HOST=127.0.0.1 PORT=$(pg_free_port)
"$MUTASI_BIN" migrate >/dev/null
"$MUTASI_BIN" demo seed >/dev/null
"$MUTASI_BIN" serve >"$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$base/ready" >/dev/null && break; sleep 0.2; done

# The database's own speed: pgbench's select-only script on a database of its own.
pg_as_owner "$PG_BIN/createdb" -h "$work/data" -p "$PG_PORT" -U postgres pgbench
pg_as_owner "$PG_BIN/pgbench" -h "$work/data" -p "$PG_PORT" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
pgbench_rps=$(pg_as_owner "$PG_BIN/pgbench" -h "$work/data" -p "$PG_PORT" -U postgres -S -c 32 -j 2 -T "$duration" pgbench 2>/dev/null \
    | awk '/^tps = /{printf "%d", $3}')

read -r token tenant employee < <(bench_sign_in "$base")

# CPU time (clock ticks) of the server, of the database's processes, and the machine's idle time,
# so that each row can say where a request's time goes.
ticks() { awk '{ t += $14 + $15 } END { print t + 0 }' "$@" 2>/dev/null || echo 0; }
server_ticks() { ticks "/proc/$server/stat"; }
database_ticks() {
    local postmaster; postmaster=$(head -1 "$work/data/postmaster.pid")
    ticks $(pgrep -P "$postmaster" | sed 's|.*|/proc/&/stat|')
}
idle_ticks() { awk '/^cpu / { print $5 + $6 }' /proc/stat; }

# Sets `got` (requests/s or error:N) and `cpu` (server and database CPU ms per request, idle %).
measure() {
    local s0 d0 i0 out requests
    s0=$(server_ticks); d0=$(database_ticks); i0=$(idle_ticks)
    out=$(wrk -t2 -c32 -d"${duration}s" -H "Authorization: Bearer $token" "$base$1")
    got=$(awk '
        /Non-2xx or 3xx responses/ { bad = $NF }
        /Requests\/sec:/ { rate = $2 }
        END { if (bad > 0) { print "error:" bad } else { printf "%d", rate } }' <<<"$out")
    requests=$(awk '/requests in/ { print $1 }' <<<"$out")
    cpu=$(awk -v s="$(( $(server_ticks) - s0 ))" -v d="$(( $(database_ticks) - d0 ))" -v i="$(( $(idle_ticks) - i0 ))" \
        -v n="$requests" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" -v secs="$duration" \
        'BEGIN { printf "%6.3f %6.3f %5.0f%%", 1000 * s / hz / n, 1000 * d / hz / n, 100 * i / hz / (cores * secs) }')
}

echo "==> $build build, 32 connections, ${duration} s each; pgbench -S: $pgbench_rps requests/s"
printf '%-34s %10s %8s %10s  %-13s %s\n' route "requests/s" "of -S" target "" "CPU ms/request: server, database; idle"
status=0
row() {
    local name=$1 path=$2 target=$3 got cpu
    measure "$path"
    if [[ "$got" == error:* ]]; then
        printf '%-34s %10s\n' "$name" "${got#error:} non-2xx"; status=1; return
    fi
    local verdict="ok"
    if [ "$target" != "-" ] && [ "$got" -lt "$target" ]; then verdict="below target"; status=1; fi
    printf '%-34s %10d %7.1f%% %10s  %-13s %s\n' "$name" "$got" "$(awk -v a="$got" -v b="$pgbench_rps" 'BEGIN { print 100 * a / b }')" "$target" "$verdict" "$cpu"
}
row "GET employee by id" "/v1/tenants/$tenant/employees/$employee" 5000
row "GET units (limit 50)" "/v1/tenants/$tenant/units?limit=50" 2000
row "GET /v1/me" "/v1/me" 8000
row "GET tenant balance" "/v1/tenants/$tenant/balance" -
row "GET /health (no database)" "/health" -
exit "$status"
