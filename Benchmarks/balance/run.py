"""Times the balance through HTTP on kota-mataram and reads the server's memory.

For one tenant size: signs in, then for each route 2 warm-up requests and 9 timed ones (the
median is printed beside its floor), and the server's peak RSS (VmHWM) before and after. With
--compare: the peak RSS of each size after its requests, and the growth from the smallest to the
largest beside its floor (memory must not grow with the tenant).

Environment (set by run.sh): BALANCE_URL, BALANCE_PID, BALANCE_BUILD, BALANCE_SUMMARY."""
import json, os, statistics, sys, time, urllib.error, urllib.request

SUMMARY = os.environ["BALANCE_SUMMARY"]
FLOOR_MS = 200          # every balance request, the tenant level included
GROWTH_FLOOR_MIB = 16   # peak RSS at the largest size minus at the smallest


def compare():
    runs = [json.loads(line) for line in open(SUMMARY)]
    for run in runs:
        print(f"{'peak RSS after the requests, ' + format(run['employees'], ',') + ' employees':<52} {run['after']:>8.1f} MiB")
    growth = runs[-1]["after"] - runs[0]["after"]
    print(f"{'growth ' + format(runs[0]['employees'], ',') + ' -> ' + format(runs[-1]['employees'], ','):<52} "
          f"{growth:>8.1f} MiB  (floor < {GROWTH_FLOOR_MIB} MiB)")
    sys.exit(0 if growth < GROWTH_FLOOR_MIB else 1)


if "--compare" in sys.argv:
    compare()

API, PID = os.environ["BALANCE_URL"], os.environ["BALANCE_PID"]


def call(path, token=None, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(API + path, headers=headers, method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode() if body is not None else None)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        data = json.loads(response.read())
    return data, time.perf_counter() - started


def peak_mib():
    for line in open(f"/proc/{PID}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


for _ in range(300):
    try:
        call("/ready")
        break
    except (urllib.error.URLError, ConnectionError):
        time.sleep(0.1)
token = call("/v1/auth/login", body={"tenant": "kota-mataram", "username": "admin", "password": "mutasi-demo-2026"})[0]["token"]
base = f"/v1/tenants/{call('/v1/me', token)[0]['scope']}/balance"
before = peak_mib()
day = "asOf=2026-06-15"
tenant = call(f"{base}?level=tenant&{day}", token)[0]["items"][0]
slots = call(f"{base}?level=slot&{day}&limit=1", token)[0]
unit = slots["items"][0]["unitID"]
retiring = call(f"{base}/retirements?{day}&limit=1", token)[0]["total"]
routes = [
    ("tenant balance", f"{base}?level=tenant&{day}"),
    ("agency balance (50 a page)", f"{base}?level=agency&{day}"),
    ("unit balance, first page", f"{base}?level=unit&{day}"),
    ("slot balance, first page", f"{base}?level=slot&{day}"),
    ("slot balance, last page", f"{base}?level=slot&{day}&offset={max(0, slots['total'] - 50)}"),
    ("one unit's slots", f"{base}?level=slot&{day}&unitID={unit}"),
    ("retirements ahead, first page", f"{base}/retirements?{day}"),
    ("retirements ahead, last page", f"{base}/retirements?{day}&offset={max(0, retiring - 50)}"),
    ("education mismatches", f"{base}/education-mismatches?{day}"),
    ("rotation due", f"{base}/rotation-due?{day}"),
]
print(f"== {tenant['headcount'] + tenant['retired']:,} employees in kota-mataram's slots, {tenant['slots']:,} slots, "
      f"{slots['total']:,} slot rows ({os.environ['BALANCE_BUILD']} build)")
failed = False
for name, path in routes:
    for _ in range(2):
        call(path, token)
    median = statistics.median(call(path, token)[1] for _ in range(9)) * 1000
    failed |= median >= FLOOR_MS
    print(f"{name:<52} {median:>8.1f} ms   (floor < {FLOOR_MS} ms)")
after = peak_mib()
print(f"{'server peak RSS before / after the requests':<52} {before:>8.1f} / {after:.1f} MiB")
with open(SUMMARY, "a") as f:
    f.write(json.dumps({"employees": tenant["headcount"] + tenant["retired"], "before": before, "after": after}) + "\n")
sys.exit(1 if failed else 0)
