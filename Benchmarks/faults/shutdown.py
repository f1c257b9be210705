"""SIGTERM under load: 32 clients keep reading a page of 200 employees from a server of its own;
it is sent SIGTERM mid-load. Prints the requests in flight at that moment that were answered or
reset (the server closes connections it has not read a request from yet), what became of those
begun afterwards (refused, or answered when they reached the server before it stopped
listening), and SIGTERM to process exit (floor: the grace, SHUTDOWN_GRACE_SECONDS).
Environment: as run.sh sets it (MUTASI_BIN, the database)."""
import os, signal, sys, threading, time
from faultlib import call, free_port, login, row, start_server

CLIENTS = 32
grace = float(os.environ.get("SHUTDOWN_GRACE_SECONDS", "8"))
log = open(os.path.join(os.environ["FAULTS_WORK"], "shutdown-server.log"), "w")
server, api = start_server(free_port(), log)
token, base = login(api, "provinsi-sabangau")
path = base + "/employees?limit=200"
if call(api, "GET", path, token)[0] != 200:
    sys.exit("the employee list does not answer 200")

records, stop = [], threading.Event()


def client():
    while not stop.is_set():
        began = time.monotonic()
        status, body, _ = call(api, "GET", path, token, timeout=30)
        records.append((began, time.monotonic(), status, (body or {}).get("error", "") if status == 0 else ""))


threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
for t in threads:
    t.start()
time.sleep(3)
term_at = time.monotonic()
server.send_signal(signal.SIGTERM)
server.wait(timeout=grace + 30)
exited = time.monotonic() - term_at
time.sleep(0.5)
stop.set()
for t in threads:
    t.join()

in_flight = [r for r in records if r[0] < term_at < r[1]]
answered = [r for r in in_flight if 200 <= r[2] < 300]
after = [r for r in records if r[0] >= term_at]
refused = [r for r in after if r[2] == 0 and "refused" in r[3].lower()]
served_after = [r for r in after if 200 <= r[2] < 300]
other_after = len(after) - len(refused) - len(served_after)
before = [r for r in records if r[1] <= term_at]

print(f"SIGTERM under load: {CLIENTS} clients reading 200 employees a request, "
      f"{len(before) / 3:.0f} requests/s before it; exit status {server.returncode}")
# Hummingbird finishes every request it has begun reading and closes connections without one:
# a connection still queued unread behind the load is reset (a client retries such a GET).
print(f"{'in flight at SIGTERM: answered / reset / all':<46} {len(answered):>8} / "
      f"{sum(1 for r in in_flight if r[2] == 0 and 'reset' in r[3].lower())} / {len(in_flight)}   "
      "(floor: none lost once read; reset: not yet read)")
lost = [r for r in in_flight if not 200 <= r[2] < 300 and not (r[2] == 0 and "reset" in r[3].lower())]
if lost:
    print(f"  neither answered nor reset: {sorted({(r[2], r[3]) for r in lost})}")
print(f"{'begun after SIGTERM: refused / answered / other':<46} {len(refused):>8} / {len(served_after)} / {other_after}")
row("SIGTERM -> process exit", exited, f"{grace:g}")
sys.exit(1 if lost or other_after or exited > grace or server.returncode != 0 else 0)
