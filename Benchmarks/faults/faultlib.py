"""What the fault scripts share: HTTP calls that report instead of raising, commands as the
cluster's owner, and a server of their own to stop or kill."""
import atexit, http.client, json, os, socket, subprocess, time, urllib.error, urllib.request


def call(api, method, path, token=None, body=None, timeout=30):
    """(status, JSON body, seconds); status 0 when no answer came (refused, reset, timed out)."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(api + path, method=method, headers=headers,
                                     data=json.dumps(body).encode() if body is not None else None)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
            return response.status, (json.loads(data) if data else None), time.monotonic() - started
    except urllib.error.HTTPError as error:
        data = error.read()
        try:
            body = json.loads(data) if data else None
        except ValueError:
            body = None
        return error.code, body, time.monotonic() - started
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        return 0, {"error": str(getattr(error, "reason", error))}, time.monotonic() - started


def login(api, tenant, username="admin", password="mutasi-demo-2026"):
    """A bearer token and the tenant's API base path."""
    status, body, _ = call(api, "POST", "/v1/auth/login", body={"tenant": tenant, "username": username, "password": password})
    if status != 200:
        raise SystemExit(f"login {tenant}/{username}: {status} {body}")
    token = body["token"]
    return token, f"/v1/tenants/{call(api, 'GET', '/v1/me', token)[1]['scope']}"


def as_postgres(*args, capture=False):
    command = list(args)
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--"] + command
    done = subprocess.run(command, check=True, cwd="/", stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, text=True)
    return done.stdout if capture else None


def sql(query):
    """One value of a query as the cluster's superuser, on the benchmark's database."""
    return as_postgres(f"{os.environ['FAULTS_PG_BIN']}/psql", "-h", os.environ["FAULTS_PGDATA"], "-p",
                       os.environ["FAULTS_PG_PORT"], "-U", "postgres", "-d", "mutasi", "-qAt", "-c", query, capture=True).strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, log, **env):
    """`mutasi serve` on `port` (the environment of run.sh plus `env`), once it answers /health."""
    server = subprocess.Popen([os.environ["MUTASI_BIN"], "serve"], env={**os.environ, "PORT": str(port), **env},
                              stdout=log, stderr=subprocess.STDOUT)
    atexit.register(lambda: server.poll() is None and server.kill())
    api = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while call(api, "GET", "/health", timeout=2)[0] != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server did not start (see {log.name})")
        time.sleep(0.05)
    return server, api


def row(name, value, floor, unit="s"):
    print(f"{name:<46} {value:>8.3f} {unit}   (floor {floor} {unit})")
