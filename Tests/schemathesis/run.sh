#!/usr/bin/env bash
# The API against its own document: serves the demo on a database of its own in the throwaway
# cluster that scripts/test started (scripts/lib-demo-server.sh), signs in as the demo province's
# tenant admin and runs schemathesis (pinned, in .build/schemathesis-venv) over every operation of
# the served /openapi.json, with schemathesis.toml beside this script: no 5xx, no dropped
# connection, every status, content type, header and body as the document states, invalid input
# refused, wrong methods 405 with Allow. Reports land in .build/schemathesis-report/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-postgres.sh
. scripts/lib-browser.sh
. scripts/lib-demo-server.sh

venv=.build/schemathesis-venv
schemathesis_ensure_installed "$venv"

trap demo_server_stop EXIT
demo_server_start schemathesis
base="http://127.0.0.1:$PORT"

# The token, the tenant, the first of its campaigns, plans, units, needs analyses and agencies, the
# cursor of the second page of each list that takes one, and the ETags of that campaign and unit.
read -r MUTASI_TOKEN MUTASI_TENANT_ID MUTASI_CAMPAIGN_ID MUTASI_PLAN_ID MUTASI_UNIT_ID MUTASI_ANALYSIS_ID \
    MUTASI_AGENCY_ID MUTASI_EMPLOYEES_CURSOR MUTASI_UNITS_CURSOR MUTASI_SLOTS_CURSOR \
    MUTASI_CAMPAIGN_ETAG MUTASI_UNIT_ETAG \
    < <(python3 - "$base" <<'PY'
import json, sys, urllib.error, urllib.request, uuid
base = sys.argv[1]
login = urllib.request.Request(base + "/v1/auth/login", method="POST", headers={"Content-Type": "application/json"},
    data=json.dumps({"tenant": "provinsi-sabangau", "username": "admin", "password": "mutasi-demo-2026"}).encode())
token = json.load(urllib.request.urlopen(login))["token"]
def fetch(path):
    return urllib.request.urlopen(urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token}))
def get(path):
    return json.load(fetch(path))
tenant = get("/v1/me")["scope"]
def first(kind):
    items = get(f"/v1/tenants/{tenant}/{kind}?limit=1")["items"]
    return items[0]["id"].lower() if items else str(uuid.uuid4())
def cursor(kind):
    return get(f"/v1/tenants/{tenant}/{kind}?limit=1").get("next", "none")
ids = {kind: first(kind) for kind in ("campaigns", "plans", "units", "needs-analyses", "agencies")}
def etag(kind):
    try:
        return fetch(f"/v1/tenants/{tenant}/{kind}/{ids[kind]}").headers["ETag"]
    except urllib.error.HTTPError:
        return '"v0"'
print(token, tenant, *ids.values(), *(cursor(kind) for kind in ("employees", "units", "slots")),
      *(etag(kind) for kind in ("campaigns", "units")))
PY
)
export MUTASI_TOKEN MUTASI_TENANT_ID MUTASI_CAMPAIGN_ID MUTASI_PLAN_ID MUTASI_UNIT_ID MUTASI_ANALYSIS_ID \
    MUTASI_AGENCY_ID MUTASI_EMPLOYEES_CURSOR MUTASI_UNITS_CURSOR MUTASI_SLOTS_CURSOR \
    MUTASI_CAMPAIGN_ETAG MUTASI_UNIT_ETAG

status=0
# One worker: Hypothesis keeps caches that are not safe across threads, and two workers now and
# then fail inside it ("Inconsistent results") with nothing wrong in the server.
"$venv/bin/st" --config-file Tests/schemathesis/schemathesis.toml run "$base/openapi.json" --url "$base" \
    --seed "${SCHEMATHESIS_SEED:-20261130}" --workers "${SCHEMATHESIS_WORKERS:-1}" \
    --report junit,ndjson --report-dir .build/schemathesis-report "$@" || status=$?
if ! kill -0 "$DEMO_SERVER_PID" 2>/dev/null; then
    echo "mutasi serve died during the run" >&2; status=1
fi
if [ "$status" != 0 ]; then
    echo "--- server log ---" >&2; tail -n 50 "$DEMO_SERVER_LOG" >&2
fi
exit "$status"
