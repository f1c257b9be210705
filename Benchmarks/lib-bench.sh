# Shared by the Benchmarks/*/run.sh scripts (sourced after scripts/lib-postgres.sh).

# Sets MUTASI_BIN (unless given) and `build` (release or debug). $1 is the default kind: release
# builds into .build-release, debug into .build; BUILD overrides the default.
bench_binary() {
    if [ -z "${MUTASI_BIN:-}" ]; then
        if [ "${BUILD:-$1}" = debug ]; then
            swift build --product mutasi 2>&1 | tail -1
            MUTASI_BIN=$(swift build --show-bin-path)/mutasi
        else
            echo "==> swift build -c release (build path .build-release)"
            swift build -c release --product mutasi --build-path .build-release >/dev/null
            MUTASI_BIN=$(swift build -c release --build-path .build-release --show-bin-path)/mutasi
        fi
    fi
    case "$MUTASI_BIN" in *release*) build=release ;; *) build=debug ;; esac
}

# A scratch folder `work` with a throwaway cluster and its `mutasi` database (pg_scratch_database);
# on exit the server in `server`, if any, is stopped and both are removed. $1 names the folder.
bench_workspace() {
    pg_ensure_installed
    work=$(mktemp -d "/tmp/mutasi-$1.XXXXXX")
    chmod 777 "$work"
    server=""
    trap 'stop_server; pg_stop "$work/data"; rm -rf "$work"' EXIT
    pg_scratch_database "$work"
}

# Stops the server started into `server` (SIGTERM, then waits for it).
stop_server() {
    if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi
}

# Signs in to the demo served at $1 as the demo province's admin and prints the token, the tenant
# and the id of one of its employees, on one line.
bench_sign_in() {
    python3 - "$1" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
login = urllib.request.Request(base + "/v1/auth/login", method="POST", headers={"Content-Type": "application/json"},
    data=json.dumps({"tenant": "provinsi-sabangau", "username": "admin", "password": "mutasi-demo-2026"}).encode())
token = json.load(urllib.request.urlopen(login))["token"]
def get(path):
    return json.load(urllib.request.urlopen(urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})))
tenant = get("/v1/me")["scope"]
print(token, tenant, get(f"/v1/tenants/{tenant}/employees?limit=1")["items"][0]["id"])
PY
}
