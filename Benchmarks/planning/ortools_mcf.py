#!/usr/bin/env python3
"""Solve a planning instance (shared/design/planning.md) with OR-Tools' SimpleMinCostFlow.

The network is built here from the instance, independently of the Swift engine, exactly as
planning.md states it: source -> origin slots (one unit arc per surplus seat, cost
-releaseBenefit) -> eligible employees -> qualified targets (moveCost) -> sink (one unit arc per
missing seat, cost -fillBenefit), plus a zero-cost bypass. Building is not timed; only Solve().
Prints one JSON line: objective, solve seconds, node and arc counts.

    python3 ortools_mcf.py instance.json
"""
import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

POLICY = {"horizonMonths": 12, "minMonthsInPosition": 24, "minPerformance": 4,
          "maxTrainableGap": 2, "scope": "province"}


def closeness(a, b):
    """(distance, c) between two region codes."""
    if a == b:
        return 0, None
    pa, pb = a.split("."), b.split(".")
    c = 0
    for x, y in zip(pa, pb):
        if x != y:
            break
        c += 1
    return (20 if c >= 2 else 60 if c == 1 else 150), c


def build(inst):
    pol = dict(POLICY, **inst.get("policy", {}))
    slots = inst["slots"]
    sidx = {s["id"]: i for i, s in enumerate(slots)}
    active = [e for e in inst["employees"] if e["monthsToRetirement"] > pol["horizonMonths"]]
    current = np.zeros(len(slots), dtype=np.int64)
    for e in active:
        current[sidx[e["slot"]]] += 1
    need = np.array([s["need"] for s in slots], dtype=np.int64)
    deficit = np.maximum(0, need - current)
    surplus = np.maximum(0, current - need)
    elig = [e for e in active
            if not e.get("locked", False) and e["performance"] >= pol["minPerformance"]
            and (e["monthsInPosition"] >= pol["minMonthsInPosition"] or e.get("requested", False))
            and surplus[sidx[e["slot"]]] > 0]
    targets = [i for i in range(len(slots)) if deficit[i] > 0]

    regions = sorted({s["region"] for s in slots})
    ridx = {r: i for i, r in enumerate(regions)}
    nr = len(regions)
    dist = np.zeros((nr, nr), dtype=np.int64)
    ok = np.zeros((nr, nr), dtype=bool)
    for i, a in enumerate(regions):
        for j, b in enumerate(regions):
            d, c = closeness(a, b)
            dist[i, j] = d
            ok[i, j] = (c is None or pol["scope"] == "any" or (pol["scope"] == "province" and c >= 1)
                        or (pol["scope"] == "regency" and c >= 2))

    codes = sorted({c["code"] for t in targets for c in slots[t]["competencies"]})
    cidx = {c: i for i, c in enumerate(codes)}
    ne = len(elig)
    comp = np.zeros((ne, max(1, len(codes))), dtype=np.int64)
    grade = np.array([e["grade"] for e in elig], dtype=np.int64)
    field = [e["educationField"] for e in elig]
    origin = np.array([sidx[e["slot"]] for e in elig], dtype=np.int64)
    oregion = np.array([ridx[slots[sidx[e["slot"]]]["region"]] for e in elig], dtype=np.int64)
    noprefs = np.array([len(e.get("preferences", [])) == 0 for e in elig])
    byunit = {}
    for k, e in enumerate(elig):
        for c, lvl in e.get("competencies", {}).items():
            if c in cidx:
                comp[k, cidx[c]] = lvl
        seen = set()
        for r, u in enumerate(e.get("preferences", [])):
            if u not in seen:
                seen.add(u)
                byunit.setdefault(u, []).append((k, r))

    heads, tails, costs = [], [], []
    for t in targets:
        s = slots[t]
        mask = (grade >= s["minGrade"]) & (grade <= s["maxGrade"]) & (origin != t)
        if s.get("educationFields"):
            allowed = set(s["educationFields"])
            mask &= np.array([f in allowed for f in field], dtype=bool) if ne else mask
        mask &= ok[oregion, ridx[s["region"]]]
        gap = np.zeros(ne, dtype=np.int64)
        for c in s.get("competencies", []):
            gap += np.maximum(0, c["level"] - comp[:, cidx[c["code"]]])
        mask &= gap <= pol["maxTrainableGap"]
        pref = np.where(noprefs, 60, 150)
        for k, r in byunit.get(s["unit"], []):
            pref[k] = 20 * r
        cost = 3 * (100 - np.maximum(0, 100 - 25 * gap)) + pref + dist[oregion, ridx[s["region"]]]
        idx = np.nonzero(mask)[0]
        tails.append(idx)
        heads.append(np.full(len(idx), t))
        costs.append(cost[idx])
    return pol, slots, need, deficit, surplus, elig, origin, targets, tails, heads, costs


def solve(inst):
    pol, slots, need, deficit, surplus, elig, origin, targets, tails, heads, costs = build(inst)
    ns, ne = len(slots), len(elig)
    # nodes: 0 source, 1 sink, 2.. origin slots, then employees, then target slots
    src, snk, so, eo, to = 0, 1, 2, 2 + ns, 2 + ns + ne
    starts, ends, caps, unit = [], [], [], []

    def add(a, b, cap, cost):
        starts.append(a); ends.append(b); caps.append(cap); unit.append(cost)

    flow = int(surplus.sum())
    add(src, snk, flow, 0)
    for s in range(ns):
        m = max(int(need[s]), 1)
        for k in range(1, int(surplus[s]) + 1):
            add(src, so + s, 1, -((500 * min(int(surplus[s]) - k + 1, m)) // m))
    for t in targets:
        for k in range(1, int(deficit[t]) + 1):
            add(to + t, snk, 1, -(1000 + (1000 * (int(deficit[t]) - k + 1)) // int(need[t])))
    a = np.array(starts, dtype=np.int64)
    b = np.array(ends, dtype=np.int64)
    c = np.array(caps, dtype=np.int64)
    u = np.array(unit, dtype=np.int64)
    emp = np.arange(ne, dtype=np.int64)
    tail = np.concatenate(tails) if tails else np.zeros(0, dtype=np.int64)
    head = np.concatenate(heads) if heads else np.zeros(0, dtype=np.int64)
    cost = np.concatenate(costs) if costs else np.zeros(0, dtype=np.int64)
    a = np.concatenate([a, so + origin, eo + tail])
    b = np.concatenate([b, eo + emp, to + head])
    c = np.concatenate([c, np.ones(ne, dtype=np.int64), np.ones(len(tail), dtype=np.int64)])
    u = np.concatenate([u, np.zeros(ne, dtype=np.int64), cost])

    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(a, b, c, u)
    mcf.set_node_supply(src, flow)
    mcf.set_node_supply(snk, -flow)
    t0 = time.perf_counter()
    status = mcf.solve()
    seconds = time.perf_counter() - t0
    if status != mcf.OPTIMAL:
        raise SystemExit(f"OR-Tools status {status}")
    return {"objective": mcf.optimal_cost(), "solveSeconds": seconds,
            "nodes": int(to + ns), "arcs": int(len(a)), "pairs": int(len(tail))}


def check_plan(inst, plan):
    """Problems found when recomputing a plan's figures from the instance (empty when right)."""
    pol = dict(POLICY, **inst.get("policy", {}))
    slots = {s["id"]: s for s in inst["slots"]}
    emps = {e["id"]: e for e in inst["employees"]}
    active = [e for e in inst["employees"] if e["monthsToRetirement"] > pol["horizonMonths"]]
    current = {s: 0 for s in slots}
    for e in active:
        current[e["slot"]] += 1
    deficit = {s: max(0, slots[s]["need"] - current[s]) for s in slots}
    surplus = {s: max(0, current[s] - slots[s]["need"]) for s in slots}
    problems, fills, releases, moved, total = [], {}, {}, set(), 0
    for m in plan["moves"]:
        e, t = emps[m["employee"]], slots[m["to"]]
        o = slots[e["slot"]]
        comps = e.get("competencies", {})
        gap = sum(max(0, c["level"] - comps.get(c["code"], 0)) for c in t.get("competencies", []))
        dist, c = closeness(o["region"], t["region"])
        scope_ok = (c is None or pol["scope"] == "any" or (pol["scope"] == "province" and c >= 1)
                    or (pol["scope"] == "regency" and c >= 2))
        ok = (e["monthsToRetirement"] > pol["horizonMonths"] and not e.get("locked", False)
              and e["performance"] >= pol["minPerformance"]
              and (e["monthsInPosition"] >= pol["minMonthsInPosition"] or e.get("requested", False))
              and surplus[e["slot"]] > 0 and t["id"] != o["id"] and deficit[t["id"]] > 0
              and t["minGrade"] <= e["grade"] <= t["maxGrade"]
              and (not t.get("educationFields") or e["educationField"] in t["educationFields"])
              and gap <= pol["maxTrainableGap"] and scope_ok and m["employee"] not in moved)
        if not ok:
            problems.append(f"move {m['employee']} -> {t['id']} is not allowed")
        moved.add(m["employee"])
        prefs = e.get("preferences", [])
        pref = 60 if not prefs else 20 * prefs.index(t["unit"]) if t["unit"] in prefs else 150
        fit = max(0, 100 - 25 * gap)
        cost = 3 * (100 - fit) + pref + dist
        needs = [{"code": c["code"], "gap": c["level"] - comps.get(c["code"], 0)}
                 for c in t.get("competencies", []) if c["level"] > comps.get(c["code"], 0)]
        if (m["from"], m["cost"], m["fit"], m["preference"], m["distance"], m["trainingNeeds"]) != \
                (o["id"], cost, fit, pref, dist, needs):
            problems.append(f"figures of {m['employee']}")
        total += cost
        fills[t["id"]] = fills.get(t["id"], 0) + 1
        releases[o["id"]] = releases.get(o["id"], 0) + 1
    for s, f in fills.items():
        if f > deficit[s]:
            problems.append(f"{s} filled beyond its deficit")
        total -= sum(1000 + (1000 * (deficit[s] - k + 1)) // slots[s]["need"] for k in range(1, f + 1))
    for s, r in releases.items():
        if r > surplus[s]:
            problems.append(f"{s} released beyond its surplus")
        m = max(slots[s]["need"], 1)
        total -= sum((500 * min(surplus[s] - k + 1, m)) // m for k in range(1, r + 1))
    if total != plan["objective"]:
        problems.append(f"objective {plan['objective']}, moves add up to {total}")
    after = dict(current)
    for s, f in fills.items():
        after[s] += f
    for s, r in releases.items():
        after[s] -= r
    for name, counts in (("before", current), ("after", after)):
        need = sum(slots[s]["need"] for s in slots)
        d = sum(max(0, slots[s]["need"] - counts[s]) for s in slots)
        u = sum(max(0, counts[s] - slots[s]["need"]) for s in slots)
        b = plan[name]
        if (b["need"], b["deficit"], b["surplus"]) != (need, d, u) or \
                abs(b["imbalance"] - ((d + u) / need if need else 0)) > 1e-9:
            problems.append(f"{name} balance")
    return problems


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        print(json.dumps(solve(json.load(f))))
