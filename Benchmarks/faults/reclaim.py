"""A plan build whose process is killed: a server builds a plan of kota-mataram (run.sh imports
its employees first) and is killed with SIGKILL while the job runs; a second server claims the
job again once its heartbeat is older than JOB_STALE_SECONDS and finishes it. Prints the kill to
the claim again and to the plan built, and how many times the plan was built (floor: once).
Environment: as run.sh sets it (MUTASI_BIN, FAULTS_*, JOB_STALE_SECONDS)."""
import os, signal, sys, time
from faultlib import call, free_port, login, row, sql, start_server

stale = float(os.environ["JOB_STALE_SECONDS"])
work = os.environ["FAULTS_WORK"]
port = free_port()
first, api = start_server(port, open(os.path.join(work, "reclaim-first.log"), "w"))
token, base = login(api, "kota-mataram")
status, _, _ = call(api, "POST", base + "/plans", token, {"name": "Uji henti paksa"})
if status != 202:
    sys.exit(f"creating the plan: {status}")
plan_id = sql("SELECT id FROM plans WHERE name = 'Uji henti paksa'")
job = f"FROM jobs WHERE subject_id = '{plan_id}'"

# Kill the server as soon as its worker has claimed the job (the worker looks every second).
deadline = time.monotonic() + 30
while sql(f"SELECT state {job}") != "running":
    if time.monotonic() > deadline:
        sys.exit("the job was never claimed")
    time.sleep(0.005)
first.send_signal(signal.SIGKILL)
killed_at = time.monotonic()
first.wait()
if sql(f"SELECT state {job}") != "running":
    sys.exit("the build finished before the kill: give it more employees")

second, api = start_server(port, open(os.path.join(work, "reclaim-second.log"), "w"))
claimed = built = None
while built is None and time.monotonic() - killed_at < stale + 120:
    state, attempts = sql(f"SELECT state || ' ' || attempts {job}").split()
    if claimed is None and int(attempts) >= 2:
        claimed = time.monotonic() - killed_at
    if state in ("succeeded", "failed"):
        built = time.monotonic() - killed_at
    time.sleep(0.02)
second.send_signal(signal.SIGTERM)
second.wait()

plan_state = sql(f"SELECT build_state FROM plans WHERE id = '{plan_id}'")
builds = int(sql(f"SELECT count(*) FROM audit_events WHERE action = 'plan.built' AND entity_id = '{plan_id}'"))
attempts = sql(f"SELECT attempts {job}")
employees = sql("SELECT count(*) FROM employees e JOIN tenants t ON t.id = e.tenant_id WHERE t.code = 'kota-mataram'")
print(f"Plan build killed (SIGKILL) while running: {employees} employees, JOB_STALE_SECONDS={stale:g}")
row("kill -> claimed again (restart + stale limit)", claimed if claimed is not None else float("inf"), f"{stale + 5:g}")
row("kill -> plan built", built if built is not None else float("inf"), f"{stale + 10:g}")
print(f"{'plan state, job attempts, times built':<46} {plan_state:>8}, {attempts}, {builds}   (floor: built, 2, 1)")
sys.exit(0 if plan_state == "built" and builds == 1 else 1)
