#!/usr/bin/env python3
"""Solve a planning instance (shared/design/planning.md, version 2) with OR-Tools' SimpleMinCostFlow,
and check a plan figure by figure.

The network is built here from the instance, independently of the Swift engine, as planning.md
states it, uncompressed: a node per slot; a move is a path slot s -> employee e (unit capacity)
-> slot t at moveCost(e, t), one arc per allowed pair; non-volunteers reach their compulsory moves
through a node per slot capped at S(s); every compulsory move passes a node per slot capped at
D(t); headcount changes are unit arcs slot -> sink at seat(t, current + 1), seat(t, current + 2),
... and source -> slot at -seat(t, current), -seat(t, current - 1), ...; the sink -> source arc
closes the circulation (all supplies zero; negative cycles are swaps and rotations). Building is
not timed; only Solve(). Prints one JSON line: objective, solve seconds, node and arc counts.

    python3 ortools_mcf.py instance.json
"""
import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

POLICY = {"horizonMonths": 12, "minMonthsInPosition": 24, "minPerformance": 4,
          "maxTrainableGap": 2, "scope": "province", "mode": "balance", "fitWeight": 3,
          "wishBonus": 200, "wishStep": 30, "compulsoryCost": 300, "stayCost": 200,
          "ignoredWishCost": 150}


def closeness(a, b):
    """(distance, c) between two region codes; c is None for identical codes."""
    if a == b:
        return 0, None
    pa, pb = a.split("."), b.split(".")
    c = 0
    for x, y in zip(pa, pb):
        if x != y:
            break
        c += 1
    return (20 if c >= 2 else 60 if c == 1 else 150), c


def scope_ok(pol, c):
    return (c is None or pol["scope"] == "any" or (pol["scope"] == "province" and c >= 1)
            or (pol["scope"] == "regency" and c >= 2))


def seat(need, j):
    """Cost of the j-th seat (j >= 1) of a slot of the given need."""
    if j <= need:
        return -(1000 + (1000 * (need - j + 1)) // need)
    n = max(need, 1)
    return (500 * min(j - need, n)) // n


def rank(e, unit):
    prefs = e.get("preferences", [])
    return prefs.index(unit) if unit in prefs else None


def grant(pol, e, r):
    return 0 if r is None else max(0, pol["wishBonus"] - pol["wishStep"] * r) + e.get("priority", 0)


class Model:
    """The derived quantities of planning.md."""

    def __init__(self, inst):
        self.pol = pol = dict(POLICY, **inst.get("policy", {}))
        self.slots = slots = inst["slots"]
        self.emps = emps = inst["employees"]
        self.sidx = {s["id"]: i for i, s in enumerate(slots)}
        self.origin = [self.sidx[e["slot"]] for e in emps]
        self.active = [e["monthsToRetirement"] > pol["horizonMonths"] for e in emps]
        cur = [0] * len(slots)
        for k, e in enumerate(emps):
            if self.active[k]:
                cur[self.origin[k]] += 1
        self.current = cur
        self.need = [s["need"] for s in slots]
        self.D = [max(0, n - c) for n, c in zip(self.need, cur)]
        self.S = [max(0, c - n) for n, c in zip(self.need, cur)]
        self.free = [k for k, e in enumerate(emps) if self.active[k] and not e.get("locked", False)
                     and e["performance"] >= pol["minPerformance"]]

    def volunteer(self, k):
        return self.emps[k].get("wish", "none") == "move"

    def voluntary(self, k, t):
        e = self.emps[k]
        if not self.volunteer(k):
            return False
        r = rank(e, self.slots[t]["unit"])
        if r is None:
            return False
        own = rank(e, self.slots[self.origin[k]]["unit"])
        return own is None or r < own

    def may_be_compelled(self, k):
        return (self.pol["mode"] == "balance" and self.emps[k]["monthsInPosition"] >= self.pol["minMonthsInPosition"]
                and self.S[self.origin[k]] > 0)

    def gap(self, k, t):
        comps = self.emps[k].get("competencies", {})
        return sum(max(0, c["level"] - comps.get(c["code"], 0)) for c in self.slots[t].get("competencies", []))

    def kind(self, k, t):
        """'voluntary' or 'compulsory' when allowed(e, t) for a free employee, else None."""
        e, s, o = self.emps[k], self.slots[t], self.slots[self.origin[k]]
        if t == self.origin[k] or not (s["minGrade"] <= e["grade"] <= s["maxGrade"]):
            return None
        if s.get("educationFields") and e["educationField"] not in s["educationFields"]:
            return None
        if self.gap(k, t) > self.pol["maxTrainableGap"] or not scope_ok(self.pol, closeness(o["region"], s["region"])[1]):
            return None
        if self.voluntary(k, t):
            return "voluntary"
        if self.may_be_compelled(k) and self.D[t] > 0:
            return "compulsory"
        return None

    def figures(self, k, t, kind):
        pol, e = self.pol, self.emps[k]
        fit = max(0, 100 - 25 * self.gap(k, t))
        dist = closeness(self.slots[self.origin[k]]["region"], self.slots[t]["region"])[0]
        r = rank(e, self.slots[t]["unit"])
        g = grant(pol, e, r)
        burden = 0
        if kind == "compulsory":
            burden = pol["compulsoryCost"]
            if e.get("wish", "none") == "stay":
                burden += pol["stayCost"]
            if e.get("preferences") and r is None:
                burden += pol["ignoredWishCost"]
        cost = pol["fitWeight"] * (100 - fit) + dist + burden - g
        return {"kind": kind, "wishRank": r, "cost": cost, "fit": fit, "distance": dist, "grant": g, "burden": burden}


def pairs(m):
    """Every allowed (employee, target, kind, cost): compulsory ones vectorised per target."""
    pol, slots = m.pol, m.slots
    out_e, out_t, out_kind, out_cost = [], [], [], []
    # Voluntary moves: volunteers to better-ranked listed units.
    units = {}
    for t, s in enumerate(slots):
        units.setdefault(s["unit"], []).append(t)
    for k in m.free:
        if not m.volunteer(k):
            continue
        seen = set()
        for u in m.emps[k].get("preferences", []):
            if u in seen:
                continue
            seen.add(u)
            for t in units.get(u, []):
                if m.kind(k, t) == "voluntary":
                    out_e.append(np.array([k])); out_t.append(np.array([t])); out_kind.append(np.array([0]))
                    out_cost.append(np.array([m.figures(k, t, "voluntary")["cost"]]))
    # Compulsory moves.
    comp = [k for k in m.free if m.may_be_compelled(k)]
    targets = [t for t in range(len(slots)) if m.D[t] > 0]
    if comp and targets:
        regions = sorted({s["region"] for s in slots})
        ridx = {r: i for i, r in enumerate(regions)}
        dist = np.zeros((len(regions), len(regions)), dtype=np.int64)
        ok = np.zeros((len(regions), len(regions)), dtype=bool)
        for i, a in enumerate(regions):
            for j, b in enumerate(regions):
                d, c = closeness(a, b)
                dist[i, j], ok[i, j] = d, scope_ok(pol, c)
        codes = sorted({c["code"] for t in targets for c in slots[t].get("competencies", [])})
        cidx = {c: i for i, c in enumerate(codes)}
        ne = len(comp)
        ck = np.array(comp, dtype=np.int64)
        level = np.zeros((ne, max(1, len(codes))), dtype=np.int64)
        for i, k in enumerate(comp):
            for c, lvl in m.emps[k].get("competencies", {}).items():
                if c in cidx:
                    level[i, cidx[c]] = lvl
        grade = np.array([m.emps[k]["grade"] for k in comp], dtype=np.int64)
        field = [m.emps[k]["educationField"] for k in comp]
        origin = np.array([m.origin[k] for k in comp], dtype=np.int64)
        oregion = np.array([ridx[slots[m.origin[k]]["region"]] for k in comp], dtype=np.int64)
        flat = np.array([pol["compulsoryCost"] + (pol["stayCost"] if m.emps[k].get("wish", "none") == "stay" else 0)
                         + (pol["ignoredWishCost"] if m.emps[k].get("preferences") else 0) for k in comp], dtype=np.int64)
        listed = {}
        for i, k in enumerate(comp):
            e = m.emps[k]
            for r, u in enumerate(e.get("preferences", [])):
                listed.setdefault((i, u), r)
        by_unit = {}
        for (i, u), r in listed.items():
            by_unit.setdefault(u, []).append((i, r))
        for t in targets:
            s = slots[t]
            mask = (grade >= s["minGrade"]) & (grade <= s["maxGrade"]) & (origin != t)
            if s.get("educationFields"):
                allowed = set(s["educationFields"])
                mask &= np.array([f in allowed for f in field], dtype=bool)
            mask &= ok[oregion, ridx[s["region"]]]
            g = np.zeros(ne, dtype=np.int64)
            for c in s.get("competencies", []):
                g += np.maximum(0, c["level"] - level[:, cidx[c["code"]]])
            mask &= g <= pol["maxTrainableGap"]
            cost = pol["fitWeight"] * (100 - np.maximum(0, 100 - 25 * g)) + dist[oregion, ridx[s["region"]]] + flat
            for i, r in by_unit.get(s["unit"], []):
                if m.voluntary(comp[i], t):
                    mask[i] = False   # the move is voluntary, listed above
                    continue
                cost[i] += -pol["ignoredWishCost"] - grant(pol, m.emps[comp[i]], r)
            idx = np.nonzero(mask)[0]
            out_e.append(ck[idx]); out_t.append(np.full(len(idx), t)); out_kind.append(np.ones(len(idx), dtype=np.int64))
            out_cost.append(cost[idx])
    cat = lambda xs: np.concatenate(xs).astype(np.int64) if xs else np.zeros(0, dtype=np.int64)
    return cat(out_e), cat(out_t), cat(out_kind), cat(out_cost)


def solve(inst):
    m = Model(inst)
    pe, pt, pkind, pcost = pairs(m)
    ns, nemp = len(m.slots), len(m.emps)
    # nodes: 0 source, 1 sink, slots, exit (S cap), entry (D cap), employees
    src, snk, sl, ex, en, em = 0, 1, 2, 2 + ns, 2 + 2 * ns, 2 + 3 * ns
    starts, ends, caps, unit = [], [], [], []

    def add(a, b, cap, cost):
        starts.append(a); ends.append(b); caps.append(cap); unit.append(cost)

    movers = sorted(set(pe.tolist()))
    vol = [k for k in movers if m.volunteer(k)]
    nonvol = [k for k in movers if not m.volunteer(k)]
    add(snk, src, len(movers), 0)
    for s in range(ns):
        add(sl + s, ex + s, m.S[s], 0)
        add(en + s, sl + s, m.D[s], 0)
    for k in vol:
        add(sl + m.origin[k], em + k, 1, 0)
    for k in nonvol:
        add(ex + m.origin[k], em + k, 1, 0)
    inflow = np.bincount(pt, minlength=ns) if len(pt) else np.zeros(ns, dtype=np.int64)
    out_vol = np.bincount([m.origin[k] for k in vol], minlength=ns) if vol else np.zeros(ns, dtype=np.int64)
    out_non = np.bincount([m.origin[k] for k in nonvol], minlength=ns) if nonvol else np.zeros(ns, dtype=np.int64)
    for s in range(ns):
        for j in range(1, int(inflow[s]) + 1):
            add(sl + s, snk, 1, seat(m.need[s], m.current[s] + j))
        leave = min(m.current[s], int(out_vol[s]) + min(m.S[s], int(out_non[s])))
        for j in range(leave):
            add(src, sl + s, 1, -seat(m.need[s], m.current[s] - j))
    head = np.where(pkind == 0, sl + pt, en + pt)
    a = np.concatenate([np.array(starts, dtype=np.int64), em + pe])
    b = np.concatenate([np.array(ends, dtype=np.int64), head])
    c = np.concatenate([np.array(caps, dtype=np.int64), np.ones(len(pe), dtype=np.int64)])
    u = np.concatenate([np.array(unit, dtype=np.int64), pcost])

    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(a, b, c, u)
    for node in range(em + nemp):
        mcf.set_node_supply(node, 0)
    t0 = time.perf_counter()
    status = mcf.solve()
    seconds = time.perf_counter() - t0
    if status != mcf.OPTIMAL:
        raise SystemExit(f"OR-Tools status {status}")
    return {"objective": mcf.optimal_cost(), "solveSeconds": seconds,
            "nodes": int(em + nemp), "arcs": int(len(a)), "pairs": int(len(pe))}


def check_plan(inst, plan):
    """Problems found when recomputing a plan's figures from the instance (empty when right)."""
    m = Model(inst)
    eidx = {e["id"]: k for k, e in enumerate(m.emps)}
    problems, moved, total = [], set(), 0
    h = list(m.current)
    comp_in = [0] * len(m.slots)
    comp_out = [0] * len(m.slots)
    free = set(m.free)
    voice = {"volunteers": sum(1 for k in range(len(m.emps)) if m.active[k] and m.volunteer(k)),
             "volunteersMoved": 0, "movesOnWish": 0, "compulsoryMoves": 0, "compulsoryAgainstWish": 0,
             "stayOverridden": 0, "exchanges": 0}
    kinds = []
    order = []
    for mv in plan["moves"]:
        k, t = eidx.get(mv["employee"]), m.sidx.get(mv["to"])
        if k is None or t is None:
            problems.append(f"unknown employee or slot in {mv}")
            continue
        order.append(k)
        kind = m.kind(k, t) if k in free else None
        if kind is None or k in moved:
            problems.append(f"move {mv['employee']} -> {mv['to']} is not allowed")
            continue
        moved.add(k)
        e = m.emps[k]
        f = m.figures(k, t, kind)
        needs = [{"code": c["code"], "gap": c["level"] - e.get("competencies", {}).get(c["code"], 0)}
                 for c in m.slots[t].get("competencies", []) if c["level"] > e.get("competencies", {}).get(c["code"], 0)]
        got = {key: mv.get(key) for key in f}
        if got != f or mv["from"] != e["slot"] or mv["trainingNeeds"] != needs:
            problems.append(f"figures of {mv['employee']}: {got} expected {f}")
        total += f["cost"]
        h[m.origin[k]] -= 1
        h[t] += 1
        if kind == "compulsory":
            comp_in[t] += 1
            if not m.volunteer(k):
                comp_out[m.origin[k]] += 1
        kinds.append((k, t, kind))
        voice["volunteersMoved"] += m.volunteer(k)
        voice["movesOnWish"] += f["wishRank"] is not None
        if kind == "compulsory":
            voice["compulsoryMoves"] += 1
            voice["compulsoryAgainstWish"] += bool(e.get("preferences")) and f["wishRank"] is None
            voice["stayOverridden"] += e.get("wish", "none") == "stay"
    if order != sorted(order):
        problems.append("moves are not in the order of the employees")
    left_voluntarily = {m.origin[k] for k, _, kind in kinds if kind == "voluntary"}
    voice["exchanges"] = sum(1 for _, t, _ in kinds if t in left_voluntarily)
    for s in range(len(m.slots)):
        if comp_in[s] > m.D[s]:
            problems.append(f"{m.slots[s]['id']}: more compulsory moves in than its deficit")
        if comp_out[s] > m.S[s]:
            problems.append(f"{m.slots[s]['id']}: more non-volunteers out than its surplus")
        lo, hi = sorted((h[s], m.current[s]))
        change = sum(seat(m.need[s], j) for j in range(lo + 1, hi + 1))
        total += change if h[s] > m.current[s] else -change
    if total != plan["objective"]:
        problems.append(f"objective {plan['objective']}, moves add up to {total}")
    for name, counts in (("before", m.current), ("after", h)):
        need = sum(m.need)
        d = sum(max(0, n - c) for n, c in zip(m.need, counts))
        u = sum(max(0, c - n) for n, c in zip(m.need, counts))
        b = plan[name]
        if (b["need"], b["deficit"], b["surplus"]) != (need, d, u) or \
                abs(b["imbalance"] - ((d + u) / need if need else 0)) > 1e-9:
            problems.append(f"{name} balance")
    if plan.get("voice") != voice:
        problems.append(f"voice {plan.get('voice')} expected {voice}")
    return problems


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        print(json.dumps(solve(json.load(f))))
