#!/usr/bin/env bash
# The real-browser test: serves the demo on a database of its own in the throwaway cluster that
# scripts/test started (scripts/lib-demo-server.sh), then drives headless Chromium through the
# pages with Selenium: every Tests/browser/*_test.py script in turn (support.py is what they
# share). Each script signs in and out itself and leaves the demo usable for the next.
# Screenshots land in .build/browser-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh
. scripts/lib-browser.sh
. scripts/lib-demo-server.sh

browser_tools_ensure_installed
venv=.build/browser-venv
selenium_ensure_installed "$venv"

trap demo_server_stop EXIT
demo_server_start browser

mkdir -p .build/browser-screenshots
failed=0
for script in Tests/browser/*_test.py; do
    echo "== $(basename "$script")"
    if ! "$venv/bin/python" "$script" --base "http://127.0.0.1:$PORT" --screenshots .build/browser-screenshots; then
        failed=1
    fi
done
if [ "$failed" != 0 ]; then
    echo "--- server log ---" >&2; tail -n 50 "$DEMO_SERVER_LOG" >&2
    exit 1
fi
