"""Stops PostgreSQL under a client that keeps creating units (retrying each until it is
acknowledged), starts it again, and prints the figures beside their floors:

- /ready while the database is down (floor 1 s) and a data route (floor 2 s),
- from the database being back to the first successful data request (floor 5 s),
- acknowledged writes missing or stored twice (floor 0).

Environment (set by run.sh): FAULTS_URL, FAULTS_PGDATA, FAULTS_PG_BIN, FAULTS_PG_PORT."""
import functools, os, sys, threading, time
import faultlib
from faultlib import as_postgres, row

API = os.environ["FAULTS_URL"]
PGDATA, PG_BIN, PG_PORT = os.environ["FAULTS_PGDATA"], os.environ["FAULTS_PG_BIN"], os.environ["FAULTS_PG_PORT"]
TENANT = "provinsi-sabangau"
call = functools.partial(faultlib.call, API)


def pg_ctl(action):
    extra = ["-m", "fast"] if action == "stop" else ["-o", f"-c listen_addresses=127.0.0.1 -c port={PG_PORT} -c unix_socket_directories={PGDATA}"]
    as_postgres(f"{PG_BIN}/pg_ctl", "-D", PGDATA, "-w", "-l", f"{PGDATA}/server.log", *extra, action)


token, base = faultlib.login(API, TENANT)
agency = call("GET", base + "/agencies?limit=1", token)[1]["items"][0]["id"]
region = call("GET", base + "/units?limit=1", token)[1]["items"][0]["regionCode"]

acknowledged, conflicts, slowest_write = [], [], [0.0]
stop_writing = threading.Event()


def writer():
    """Creates units one after another; each is retried until it is acknowledged (201) or the
    server says its code is taken (an earlier attempt was stored but its answer lost)."""
    i = 0
    while not stop_writing.is_set():
        code = f"uji-gangguan-{i}"
        while True:
            status, body, took = call("POST", base + "/units", token,
                                      {"agencyID": agency, "code": code, "name": f"Unit uji {i}", "regionCode": region})
            slowest_write[0] = max(slowest_write[0], took)
            if status == 201:
                acknowledged.append(code)
                break
            if status == 409:
                conflicts.append(code)
                break
            time.sleep(0.2)
        i += 1


thread = threading.Thread(target=writer)
thread.start()
time.sleep(2)

pg_ctl("stop")
down_at = time.monotonic()
ready = [call("GET", "/ready", timeout=10) for _ in range(5)]
data = [call("GET", "/v1/me", token, timeout=10) for _ in range(5)]
time.sleep(max(0, 5 - (time.monotonic() - down_at)))

pg_ctl("start")
back_at = time.monotonic()
while True:
    status, _, _ = call("GET", "/v1/me", token, timeout=10)
    if status == 200:
        recovered = time.monotonic() - back_at
        break
    if time.monotonic() - back_at > 60:
        recovered = float("inf")
        break
    time.sleep(0.05)
time.sleep(2)
stop_writing.set()
thread.join()

# Every acknowledged code exactly once; a 409 means an earlier attempt was stored.
units = []
offset = 0
while True:
    page = call("GET", base + f"/units?limit=200&offset={offset}", token)[1]
    units += [u["code"] for u in page["items"]]
    offset += len(page["items"])
    if not page["items"] or offset >= page["total"]:
        break
stored = [c for c in units if c.startswith("uji-gangguan-")]
missing = [c for c in acknowledged + conflicts if c not in stored]
twice = len(stored) - len(set(stored))


print(f"PostgreSQL stopped for {back_at - down_at:.1f} s under a writing client")
print(f"/ready while down: {sorted({s for s, _, _ in ready})}, data route: {sorted({s for s, _, _ in data})} "
      f"({', '.join(sorted({(b or {}).get('code', '?') for s, b, _ in data if s == 503}))})")
row("/ready while down, slowest of 5", max(t for _, _, t in ready), 1)
row("GET /v1/me while down, slowest of 5", max(t for _, _, t in data), 2)
row("slowest write attempt (stopped, or starting again)", slowest_write[0], 2)
row("database back -> first successful request", recovered, 5)
print(f"{'writes acknowledged / stored by an earlier attempt':<46} {len(acknowledged):>8} / {len(conflicts)}")
print(f"{'acknowledged writes missing':<46} {len(missing):>8}     (floor 0)")
print(f"{'writes stored twice':<46} {twice:>8}     (floor 0)")
sys.exit(1 if missing or twice or recovered == float("inf") else 0)
