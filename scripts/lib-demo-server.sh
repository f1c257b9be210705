# Sourced by the phases of scripts/test that drive a served demo (Tests/browser/run.sh,
# Tests/schemathesis/run.sh): `demo_server_start NAME` builds `mutasi`, creates a database of its
# own in the throwaway cluster that scripts/test started (it exports the MUTASI_TEST_* variables),
# migrates and seeds it, serves it on a free port and waits for /health. It sets PORT,
# DEMO_SERVER_PID and DEMO_SERVER_LOG; `demo_server_stop` stops the server and drops the database.
# Needs scripts/lib-postgres.sh sourced first.

demo_server_start() {
    local name=$1
    : "${MUTASI_TEST_OWNER_URL:?run through scripts/test, which starts PostgreSQL}" "${MUTASI_TEST_APP_URL:?}"
    pg_ensure_installed >/dev/null
    swift build --product mutasi 2>&1 | tail -1
    local bin
    bin=$(swift build --show-bin-path)/mutasi
    DEMO_SERVER_DB="${name}_$(date +%s)_$$"
    DEMO_SERVER_WORK=$(mktemp -d "/tmp/mutasi-$name.XXXXXX")
    DEMO_SERVER_LOG="$DEMO_SERVER_WORK/server.log"
    DEMO_SERVER_PID=""
    if [ -n "${MUTASI_TEST_CITUS_WORKER_URLS:-}" ]; then
        demo_citus_database_create "$DEMO_SERVER_DB"
    else
        "$PG_BIN/psql" "$MUTASI_TEST_OWNER_URL/postgres" -v ON_ERROR_STOP=1 -qAt -c "CREATE DATABASE $DEMO_SERVER_DB" >/dev/null
    fi
    export DATABASE_URL="$MUTASI_TEST_APP_URL/$DEMO_SERVER_DB" MIGRATION_DATABASE_URL="$MUTASI_TEST_OWNER_URL/$DEMO_SERVER_DB"
    export SQL_DIR="$(pwd)/sql" LOG_LEVEL=warning BCRYPT_COST=10 HOST=127.0.0.1 PORT=$(pg_free_port)
    "$bin" migrate >/dev/null
    if [ -n "${MUTASI_TEST_CITUS_WORKER_URLS:-}" ]; then "$bin" citus distribute >/dev/null; fi
    "$bin" demo seed >/dev/null
    "$bin" serve >"$DEMO_SERVER_LOG" 2>&1 &
    DEMO_SERVER_PID=$!
    for _ in $(seq 1 100); do
        if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/health', timeout=1)" 2>/dev/null; then return 0; fi
        if ! kill -0 "$DEMO_SERVER_PID" 2>/dev/null; then cat "$DEMO_SERVER_LOG" >&2; echo "mutasi serve stopped" >&2; return 1; fi
        sleep 0.2
    done
    echo "mutasi serve did not answer /health" >&2
    return 1
}

demo_server_stop() {
    if [ -n "${DEMO_SERVER_PID:-}" ]; then kill -TERM "$DEMO_SERVER_PID" 2>/dev/null || true; wait "$DEMO_SERVER_PID" 2>/dev/null || true; fi
    if [ -n "${DEMO_SERVER_DB:-}" ]; then
        local node
        for node in "$MUTASI_TEST_OWNER_URL" $(citus_worker_urls); do
            "$PG_BIN/psql" "$node/postgres" -qAt -c "DROP DATABASE IF EXISTS $DEMO_SERVER_DB WITH (FORCE)" >/dev/null 2>&1 || true
        done
    fi
    if [ -n "${DEMO_SERVER_WORK:-}" ]; then rm -rf "$DEMO_SERVER_WORK"; fi
}

# With MUTASI_TEST_CITUS_WORKER_URLS (a Citus cluster, see TestDatabase's CitusTestCluster): the
# database NAME on the coordinator and on every worker, with the extension, the workers registered.
demo_citus_database_create() {
    local name=$1 owner node host port
    owner=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).username)' "$MUTASI_TEST_OWNER_URL")
    for node in "$MUTASI_TEST_SUPER_URL" $(citus_worker_urls); do
        "$PG_BIN/psql" "$node/postgres" -v ON_ERROR_STOP=1 -qAt -c "CREATE DATABASE $name OWNER $owner" >/dev/null
        "$PG_BIN/psql" "$node/$name" -v ON_ERROR_STOP=1 -qAt -c "SET client_min_messages = error; CREATE EXTENSION citus" >/dev/null
    done
    for node in "$MUTASI_TEST_SUPER_URL" $(citus_worker_urls); do
        read -r host port < <(python3 -c 'import sys, urllib.parse; u = urllib.parse.urlparse(sys.argv[1]); print(u.hostname, u.port or 5432)' "$node")
        if [ "$node" = "$MUTASI_TEST_SUPER_URL" ]; then
            "$PG_BIN/psql" "$MUTASI_TEST_SUPER_URL/$name" -v ON_ERROR_STOP=1 -qAt -c "SELECT citus_set_coordinator_host('$host', $port)" >/dev/null
        else
            "$PG_BIN/psql" "$MUTASI_TEST_SUPER_URL/$name" -v ON_ERROR_STOP=1 -qAt -c "SELECT citus_add_node('$host', $port)" >/dev/null
        fi
    done
}

# The workers of MUTASI_TEST_CITUS_WORKER_URLS, one per word; nothing when it is unset.
citus_worker_urls() {
    local list=${MUTASI_TEST_CITUS_WORKER_URLS:-}
    printf '%s\n' "${list//,/ }"
}
