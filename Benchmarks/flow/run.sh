#!/usr/bin/env bash
# The decision flow on the demo province, timed against its floors. Needs a running server on
# demo data (scripts/run in another terminal; MUTASI_URL to point elsewhere). It moves the demo's
# employees for real: run it on a scratch copy of the data.
set -euo pipefail
exec python3 "$(dirname "$0")/run.py"
