#!/usr/bin/env python3
"""Times the last page of the employee and slot lists of kota-mataram by offset and by cursor,
through the API of a running server (MUTASI_URL): each the median of five requests, after one
to warm up. Both must return the same items. usage: lastpage.py"""
import json, os, statistics, sys, time, urllib.request

URL = os.environ["MUTASI_URL"]


def call(path, token=None, body=None):
    request = urllib.request.Request(URL + path, data=None if body is None else json.dumps(body).encode(),
                                     method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def timed(path, token):
    call(path, token)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        page = call(path, token)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000, page


token = call("/v1/auth/login", body={"tenant": "kota-mataram", "username": "admin", "password": "mutasi-demo-2026"})["token"]
base = "/v1/tenants/" + call("/v1/me", token)["scope"]
for name, key in (("employees", "nip"), ("slots", "id")):
    total = call(f"{base}/{name}?limit=1", token)["total"]
    by_offset, page = timed(f"{base}/{name}?limit=50&offset={total - 50}", token)
    cursor = call(f"{base}/{name}?limit=1&offset={total - 51}", token)["next"]
    by_cursor, keyed = timed(f"{base}/{name}?limit=50&cursor={cursor}", token)
    if [i[key] for i in page["items"]] != [i[key] for i in keyed["items"]] or "next" in keyed:
        sys.exit(f"{name}: the cursor's last page differs from the offset's")
    print(f"last page of {total:,} {name + ',':<10} offset  {by_offset:7.1f} ms")
    print(f"last page of {total:,} {name + ',':<10} cursor  {by_cursor:7.1f} ms  ({by_offset / by_cursor:.0f}x faster)")
