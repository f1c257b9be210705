# Shared by scripts/run and scripts/test: a private PostgreSQL cluster from the system packages.
# Source it; it defines functions only.

# Installs PostgreSQL from the system packages when no server binaries are present.
pg_ensure_installed() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "==> Installing PostgreSQL (apt-get install postgresql)"
        if [ "$(id -u)" -ne 0 ]; then echo "PostgreSQL is missing; run as root or install it: apt-get install -y postgresql" >&2; return 1; fi
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    export PG_BIN
}

# Runs a command as the postgres user when we are root (initdb refuses to run as root), from /
# since postgres may not be able to enter the current folder.
pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# A free TCP port on 127.0.0.1.
pg_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_start DIR PORT SUPERUSER_PASSWORD [FSYNC] [MAX_CONNECTIONS]: initialises DIR if empty, then starts the
# cluster on 127.0.0.1:PORT with its socket inside DIR. FSYNC is on unless a throwaway cluster
# (the test script's) asks for off: a kept cluster must survive a crash or power loss.
pg_start() {
    local dir=$1 port=$2 password=$3 fsync=${4:-on} connections=${5:-100}
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
        chmod 700 "$dir"
        local pwfile
        pwfile=$(mktemp)
        printf '%s\n' "$password" > "$pwfile"
        [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
        pg_as_owner "$PG_BIN/initdb" -D "$dir" -U postgres --pwfile="$pwfile" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
        rm -f "$pwfile"
    fi
    if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=$fsync -c max_connections=$connections" start >/dev/null
    fi
}

# pg_reachable DIR: whether the cluster's owner (postgres, when we are root) can reach DIR's
# parent folder, where the cluster would live; a checkout under /root (mode 0700) is not.
pg_reachable() {
    pg_as_owner test -x "$(dirname "$1")" 2>/dev/null
}

pg_stop() {
    local dir=$1
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_psql DIR PORT SQL: runs SQL as the superuser over the cluster's socket.
pg_psql() {
    local dir=$1 port=$2 sql=$3
    pg_as_owner "$PG_BIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "$sql"
}

# pg_create_roles DIR PORT OWNER_PASSWORD APP_PASSWORD: the schema owner `mutasi` and the
# server's role `mutasi_app` (owns nothing, so row-level security applies to it).
pg_create_roles() {
    local dir=$1 port=$2 owner_pw=$3 app_pw=$4
    pg_psql "$dir" "$port" "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mutasi') THEN CREATE ROLE mutasi LOGIN CREATEDB; END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mutasi_app') THEN CREATE ROLE mutasi_app LOGIN; END IF;
        ALTER ROLE mutasi PASSWORD '$owner_pw';
        ALTER ROLE mutasi_app PASSWORD '$app_pw';
    END \$\$;"
}

# pg_scratch_database DIR: a throwaway cluster in DIR/data with the two roles and a database
# `mutasi`; exports PG_PORT, MIGRATION_DATABASE_URL (the owner) and DATABASE_URL (the server's
# role). For benchmarks; stop it with `pg_stop DIR/data`.
pg_scratch_database() {
    local dir=$1 super_pw owner_pw app_pw
    super_pw=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    owner_pw=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    app_pw=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    PG_PORT=$(pg_free_port)
    pg_start "$dir/data" "$PG_PORT" "$super_pw"
    pg_create_roles "$dir/data" "$PG_PORT" "$owner_pw" "$app_pw"
    pg_psql "$dir/data" "$PG_PORT" "CREATE DATABASE mutasi OWNER mutasi"
    export PG_PORT MIGRATION_DATABASE_URL="postgres://mutasi:$owner_pw@127.0.0.1:$PG_PORT/mutasi"
    export DATABASE_URL="postgres://mutasi_app:$app_pw@127.0.0.1:$PG_PORT/mutasi"
}
