#!/usr/bin/env bash
# The real-browser test: serves the demo on a database of its own in the throwaway cluster that
# scripts/test started (it exports the MUTASI_TEST_* variables), then drives headless Chromium
# through the pages with Selenium: every Tests/browser/*_test.py script in turn (support.py is what
# they share). Each script signs in and out itself and leaves the demo usable for the next.
# Screenshots land in .build/browser-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh
. scripts/lib-browser.sh
: "${MUTASI_TEST_OWNER_URL:?run through scripts/test, which starts PostgreSQL}" "${MUTASI_TEST_APP_URL:?}"

browser_tools_ensure_installed
venv=.build/browser-venv
selenium_ensure_installed "$venv"
pg_ensure_installed >/dev/null

swift build --product mutasi 2>&1 | tail -1
bin=$(swift build --show-bin-path)/mutasi

db="browser_$(date +%s)_$$"
work=$(mktemp -d /tmp/mutasi-browser.XXXXXX)
server=""
cleanup() {
    if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    "$PG_BIN/psql" "$MUTASI_TEST_OWNER_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
"$PG_BIN/psql" "$MUTASI_TEST_OWNER_URL/postgres" -v ON_ERROR_STOP=1 -qAt -c "CREATE DATABASE $db" >/dev/null

export DATABASE_URL="$MUTASI_TEST_APP_URL/$db" MIGRATION_DATABASE_URL="$MUTASI_TEST_OWNER_URL/$db"
export SQL_DIR="$(pwd)/sql" LOG_LEVEL=warning BCRYPT_COST=10 HOST=127.0.0.1 PORT=$(pg_free_port)
"$bin" migrate >/dev/null
"$bin" demo seed >/dev/null
"$bin" serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/health', timeout=1)" 2>/dev/null; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; echo "mutasi serve stopped" >&2; exit 1; fi
    sleep 0.2
done

mkdir -p .build/browser-screenshots
failed=0
for script in Tests/browser/*_test.py; do
    echo "== $(basename "$script")"
    if ! "$venv/bin/python" "$script" --base "http://127.0.0.1:$PORT" --screenshots .build/browser-screenshots; then
        failed=1
    fi
done
if [ "$failed" != 0 ]; then
    echo "--- server log ---" >&2; tail -n 50 "$work/server.log" >&2
    exit 1
fi
