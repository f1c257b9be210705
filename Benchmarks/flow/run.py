"""The whole decision flow on the demo province, timed: a plan from its closed campaign, review
(a deadline 40 s ahead), submit, approval by the approver, the decree and its PDF, signing,
execution on today's TMT, the report. Run against a server on demo data (scripts/run); it
changes that data (the demo's workforce ends up moved), so use a scratch copy."""
import json, time, urllib.request, datetime, sys
import os
API = os.environ.get("MUTASI_URL", "http://127.0.0.1:8080")
FLOORS = {"build": 10.0, "decree": 2.0, "pdf": 5.0, "execute": 10.0}
figures = {}
def figure(name, seconds, detail=""):
    figures[name] = seconds
    print("%-8s %6.2f s   (floor %5.1f s)  %s" % (name, seconds, FLOORS[name], detail))
def call(method, path, token=None, body=None, headers=None, raw=False):
    h = {"Content-Type": "application/json"} if body is not None else {}
    if token: h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    req = urllib.request.Request(API + path, method=method, headers=h, data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            data = r.read(); return r.status, dict(r.headers), (data if raw else (json.loads(data) if data else None))
    except urllib.error.HTTPError as e:
        data = e.read(); return e.code, dict(e.headers), (json.loads(data) if data else None)
def login(user):
    return call("POST", "/v1/auth/login", body={"tenant": "provinsi-sabangau", "username": user, "password": "mutasi-demo-2026"})[2]["token"]
admin, ppk, pegawai = login("admin"), login("ppk"), login("pegawai")
T = "/v1/tenants/" + call("GET", "/v1/me", admin)[2]["scope"]
camps = call("GET", T + "/campaigns?state=closed", admin)[2]["items"]
camp = camps[0]["id"]; print("campaign", camps[0]["name"])
t0 = time.time()
s, h, b = call("POST", T + "/plans", admin, {"name": "Rotasi uji alur", "campaignID": camp})
print("create", s); plan = b["plan"]["id"]; P = T + "/plans/" + plan
while True:
    s, h, b = call("GET", P, admin)
    if b["plan"]["buildState"] in ("built", "failed"): break
    time.sleep(1)
figure("build", time.time() - t0, "%s moves, voice %s" % (b["plan"]["moveCount"], b["plan"].get("voice")))
deadline = (datetime.datetime.utcnow() + datetime.timedelta(seconds=40)).strftime("%Y-%m-%dT%H:%M:%SZ")
s, h, b = call("POST", P + "/review", admin, {"answerDeadline": deadline}, {"If-Match": h["ETag"]}); print("review", s, b.get("code") if s >= 400 else "")
s, h, b = call("GET", T + "/me/proposed-moves", pegawai); items = b["items"]; print("pegawai proposed", len(items))
if items:
    print("  explanation:", items[0]["move"]["explanation"][:300])
    s, h, b = call("PUT", P + "/moves/me/answer", pegawai, {"answer": "accept"}); print("answer", s)
time.sleep(45)
s, h, b = call("GET", P, admin); s, h, b = call("POST", P + "/submit", admin, None, {"If-Match": h["ETag"]}); print("submit", s, b.get("code") if s >= 400 else "")
s, h, b = call("GET", P, admin); s, h, b = call("POST", P + "/approve", ppk, {"note": "Setuju."}, {"If-Match": h["ETag"]}); print("approve", s, b.get("code") if s >= 400 else "", (b.get("items") or [])[:3] if s >= 400 else "")
if s == 409 and b.get("code") == "plan.stale_moves":
    for it in b["items"]:
        s2, h2, _ = call("GET", P, admin)
        call("POST", P + "/moves/%s/drop" % it["id"], ppk, {"reason": "Data pegawai berubah: " + it["reason"]}, {"If-Match": h2["ETag"]})
    print("dropped", len(b["items"]))
    s, h, b = call("GET", P, admin); s, h, b = call("POST", P + "/approve", ppk, {"note": "Setuju."}, {"If-Match": h["ETag"]}); print("approve", s)
today = datetime.datetime.utcnow().strftime("%Y-%m-%d")
s, h, b = call("GET", P, admin); t0 = time.time()
s, h, b = call("POST", P + "/decrees", admin, {"effectiveDate": today}, {"If-Match": h["ETag"]})
if s >= 300: sys.exit("decrees: %s %s" % (s, b))
figure("decree", time.time() - t0, str([(d["number"], d["rowCount"]) for d in b["decrees"]]))
for d in b.get("decrees", []):
    t0 = time.time(); s2, h2, pdf = call("GET", T + "/decrees/%s.pdf" % d["id"], admin, raw=True)
    if s2 != 200: sys.exit("pdf: %s" % s2)
    figure("pdf", time.time() - t0, "%d bytes" % len(pdf))
    s2, h2, _ = call("GET", T + "/decrees/" + d["id"], ppk)
    s2, h2, b2 = call("POST", T + "/decrees/%s/sign" % d["id"], ppk, {"signedOn": today}, {"If-Match": h2["ETag"]}); print("sign", s2)
s, h, b = call("GET", T + "/me/decree-extracts", pegawai); print("pegawai extracts", s, len(b.get("items", [])))
t0 = time.time(); s, h, b = call("POST", P + "/execute", admin)
if s != 200: sys.exit("execute: %s %s" % (s, b))
figure("execute", time.time() - t0, "%s executed, %s skipped, plan %s" % (b["executed"], b["skipped"], b["plan"]["status"]))
s, h, b = call("GET", P + "/report", ppk); print("report", s, b.get("totals"), b.get("balance"))
s, h, b = call("GET", P + "/history", admin); print("history", [e["step"] for e in b["items"]])

slow = [n for n, s in figures.items() if s > FLOORS[n]]
print("all within their floors" if not slow else "over the floor: " + ", ".join(slow))
sys.exit(1 if slow else 0)
