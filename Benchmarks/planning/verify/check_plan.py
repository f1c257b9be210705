#!/usr/bin/env python3
"""Independent check of a plan against planning.md: recomputes every figure of every move,
feasibility, the objective, balance before/after, and the optimum with OR-Tools."""
import json, sys
from ortools.graph.python import min_cost_flow

inst = json.load(open(sys.argv[1]))
plan = json.load(open(sys.argv[2]))
pol = {"horizonMonths": 12, "minMonthsInPosition": 24, "minPerformance": 4, "maxTrainableGap": 2, "scope": "province"}
pol.update(inst.get("policy", {}))
slots = {s["id"]: s for s in inst["slots"]}
emps = {e["id"]: e for e in inst["employees"]}
H = pol["horizonMonths"]
def active(e): return e["monthsToRetirement"] > H
cur = {s: 0 for s in slots}
for e in emps.values():
    if active(e): cur[e["slot"]] += 1
D = {s: max(0, slots[s]["need"] - cur[s]) for s in slots}
S = {s: max(0, cur[s] - slots[s]["need"]) for s in slots}
def eligible(e):
    return (active(e) and not e.get("locked", False) and e["performance"] >= pol["minPerformance"]
            and (e["monthsInPosition"] >= pol["minMonthsInPosition"] or e.get("requested", False)) and S[e["slot"]] > 0)
def comps(e): return e.get("competencies", {})
def gap(e, t): return sum(max(0, c["level"] - comps(e).get(c["code"], 0)) for c in slots[t].get("competencies", []))
def close(a, b):
    if a == b: return None
    pa, pb = a.split("."), b.split(".")
    c = 0
    for x, y in zip(pa, pb):
        if x != y: break
        c += 1
    return c
def distance(a, b):
    c = close(a, b)
    if c is None: return 0
    return 20 if c >= 2 else 60 if c == 1 else 150
def in_scope(e, t):
    a, b = slots[e["slot"]]["region"], slots[t]["region"]
    c = close(a, b)
    if pol["scope"] == "any": return True
    if c is None: return True
    return c >= 1 if pol["scope"] == "province" else c >= 2
def qualified(e, t):
    ts = slots[t]
    return (t != e["slot"] and D[t] > 0 and ts["minGrade"] <= e["grade"] <= ts["maxGrade"]
            and (not ts.get("educationFields") or e["educationField"] in ts["educationFields"])
            and gap(e, t) <= pol["maxTrainableGap"] and in_scope(e, t))
def fit(e, t): return max(0, 100 - 25 * gap(e, t))
def pref(e, t):
    p = e.get("preferences", [])
    if not p: return 60
    u = slots[t]["unit"]
    return 20 * p.index(u) if u in p else 150
def move_cost(e, t): return 3 * (100 - fit(e, t)) + pref(e, t) + distance(slots[e["slot"]]["region"], slots[t]["region"])
def fill(t, k): return 1000 + (1000 * (D[t] - k + 1)) // slots[t]["need"]
def release(s, k):
    m = max(slots[s]["need"], 1)
    return (500 * min(S[s] - k + 1, m)) // m

errors = []
# Figures of every move, and feasibility.
fills, rels, seen, total_cost = {}, {}, set(), 0
for m in plan["moves"]:
    e, t = emps.get(m["employee"]), m["to"]
    if e is None or t not in slots: errors.append(f"unknown ids in move {m}"); continue
    if m["employee"] in seen: errors.append(f"employee moved twice {m['employee']}")
    seen.add(m["employee"])
    if m["from"] != e["slot"]: errors.append(f"from wrong {m}")
    if not eligible(e): errors.append(f"not eligible {m['employee']}")
    if not qualified(e, t): errors.append(f"not qualified {m['employee']} -> {t}")
    exp = {"cost": move_cost(e, t), "fit": fit(e, t), "preference": pref(e, t),
           "distance": distance(slots[e["slot"]]["region"], slots[t]["region"])}
    for k, v in exp.items():
        if m[k] != v: errors.append(f"{k} of {m['employee']}->{t}: {m[k]} != {v}")
    tn = [{"code": c["code"], "gap": c["level"] - comps(e).get(c["code"], 0)} for c in slots[t].get("competencies", [])
          if c["level"] - comps(e).get(c["code"], 0) > 0]
    if sorted(map(json.dumps, m["trainingNeeds"])) != sorted(map(json.dumps, tn)):
        errors.append(f"trainingNeeds of {m['employee']}->{t}: {m['trainingNeeds']} != {tn}")
    fills[t] = fills.get(t, 0) + 1
    rels[e["slot"]] = rels.get(e["slot"], 0) + 1
    total_cost += exp["cost"]
for t, n in fills.items():
    if n > D[t]: errors.append(f"overfilled {t}")
for s, n in rels.items():
    if n > S[s]: errors.append(f"overreleased {s}")
obj = total_cost - sum(sum(fill(t, k) for k in range(1, n + 1)) for t, n in fills.items()) \
    - sum(sum(release(s, k) for k in range(1, n + 1)) for s, n in rels.items())
if obj != plan["objective"]: errors.append(f"objective of the moves {obj} != stated {plan['objective']}")
def balance(cur):
    need = sum(s["need"] for s in slots.values())
    d = sum(max(0, slots[s]["need"] - cur[s]) for s in slots)
    su = sum(max(0, cur[s] - slots[s]["need"]) for s in slots)
    return need, d, su, (d + su) / need if need else 0
after = dict(cur)
for t, n in fills.items(): after[t] += n
for s, n in rels.items(): after[s] -= n
for name, c in (("before", cur), ("after", after)):
    need, d, su, imb = balance(c)
    b = plan[name]
    if (b["need"], b["deficit"], b["surplus"]) != (need, d, su) or abs(b["imbalance"] - imb) > 1e-12:
        errors.append(f"{name} {b} != {(need, d, su, imb)}")

# The optimum, by OR-Tools on the network of planning.md.
smcf = min_cost_flow.SimpleMinCostFlow()
ids = {}
def node(key):
    if key not in ids: ids[key] = len(ids)
    return ids[key]
src, snk = node("src"), node("snk")
M = sum(S.values())
elig = [e for e in emps.values() if eligible(e)]
targets = [t for t in slots if D[t] > 0]
for s in slots:
    for k in range(1, S[s] + 1): smcf.add_arc_with_capacity_and_unit_cost(src, node(("o", s)), 1, -release(s, k))
for t in targets:
    for k in range(1, D[t] + 1): smcf.add_arc_with_capacity_and_unit_cost(node(("t", t)), snk, 1, -fill(t, k))
for e in elig:
    smcf.add_arc_with_capacity_and_unit_cost(node(("o", e["slot"])), node(("e", e["id"])), 1, 0)
    for t in targets:
        if qualified(e, t): smcf.add_arc_with_capacity_and_unit_cost(node(("e", e["id"])), node(("t", t)), 1, move_cost(e, t))
smcf.add_arc_with_capacity_and_unit_cost(src, snk, M, 0)
smcf.set_node_supply(src, M); smcf.set_node_supply(snk, -M)
status = smcf.solve()
if status != smcf.OPTIMAL: errors.append(f"OR-Tools status {status}")
elif smcf.optimal_cost() != plan["objective"]:
    errors.append(f"objective {plan['objective']} != optimum {smcf.optimal_cost()}")
print(("OK" if not errors else "FAIL") + f" {sys.argv[1]}: objective {plan['objective']}, optimum {smcf.optimal_cost()}, moves {len(plan['moves'])}, eligible {len(elig)}")
for x in errors[:20]: print("  " + x)
sys.exit(1 if errors else 0)
